using System.Text.Json.Nodes;

namespace QBatt.Tests.Cli;

/// <summary>qbatt separable-ball, advantage and conjecture: keys, values against closed forms, files, bad input.</summary>
public class ChargingCliTests
{
    private static JsonObject Json(CliRunner.Result r)
    {
        Assert.True(r.Code == 0, $"exit {r.Code}: {r.Err}");
        return JsonNode.Parse(r.Out)!.AsObject();
    }

    private static void AssertBadInput(CliRunner.Result r, string fragment)
    {
        Assert.Equal(2, r.Code);
        Assert.Equal("", r.Out);
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(fragment, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Separable_ball_for_two_and_three_qubits_matches_the_closed_forms()
    {
        var two = Json(CliRunner.Run("separable-ball", "--cells", "2", "--json"));
        Assert.Equal(1 / Math.Sqrt(12), (double)two["radius_bipartite"]!, 15);
        Assert.Equal(1 / Math.Sqrt(12), (double)two["radius_full"]!, 15);
        // (1 + tanh^2(eps/2))^2 = 4/3
        Assert.Equal(2 * Math.Atanh(Math.Sqrt(Math.Sqrt(4.0 / 3) - 1)), (double)two["max_eps"]!, 12);
        Assert.Equal("full", (string?)two["max_eps_certifies"]);

        var three = Json(CliRunner.Run("separable-ball", "--cells", "3", "--json"));
        Assert.Equal(1 / Math.Sqrt(68), (double)three["radius_full"]!, 15);
        Assert.Equal(1 / Math.Sqrt(56), (double)three["radius_bipartite"]!, 15);
        Assert.Equal(1 / Math.Sqrt(72), (double)three["radius_full_gurvits_barnum"]!, 15);
        Assert.Equal(2 * Math.Atanh(Math.Sqrt(Math.Pow(1 + 8.0 / 68, 1.0 / 3) - 1)), (double)three["max_eps"]!, 12);
        Assert.True((double)three["max_eps_bipartite"]! > (double)three["max_eps"]!);
    }

    [Fact]
    public void Separable_ball_for_qutrits_certifies_every_bipartition_and_says_so()
    {
        var doc = Json(CliRunner.Run("separable-ball", "--cells", "3", "--levels", "3", "--json"));
        Assert.Null(doc["radius_full"]);
        Assert.Equal("every bipartition", (string?)doc["max_eps_certifies"]);
        Assert.Equal((double)doc["max_eps_bipartite"]!, (double)doc["max_eps"]!, 15);
        Assert.Equal((double)doc["radius_bipartite"]!, (double)doc["distance_at_max_eps"]!, 13);
        Assert.Contains(doc["notes"]!.AsArray(), n => ((string)n!).Contains("every bipartition only", StringComparison.Ordinal));
    }

    [Fact]
    public void Separable_ball_plot_and_bad_input()
    {
        var dir = Directory.CreateTempSubdirectory("qbatt-ball");
        try
        {
            var svg = Path.Combine(dir.FullName, "ball.svg");
            var r = CliRunner.Run("separable-ball", "--cells", "5", "--plot", svg);
            Assert.True(r.Code == 0, r.Err);
            Assert.Contains("<svg", File.ReadAllText(svg), StringComparison.Ordinal);
            Assert.Contains("largest certified eps", r.Out, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(true);
        }
        AssertBadInput(CliRunner.Run("separable-ball", "--cells", "1"), "--cells");
        AssertBadInput(CliRunner.Run("separable-ball", "--cells", "4", "--levels", "x"), "--levels");
        AssertBadInput(CliRunner.Run("separable-ball"), "--cells");
    }
}
