using System.Text.Json.Nodes;
using QBatt.IO;

namespace QBatt.Tests.Cli;

/// <summary>qbatt separable-ball, advantage and conjecture: keys, values against closed forms, files, bad input.</summary>
public class ChargingCliTests
{
    private static JsonObject Json(CliRunner.Result r) => CliRunner.Json(r);

    private static void AssertBadInput(CliRunner.Result r, string fragment) => CliRunner.AssertBadInput(r, fragment);

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
            var r = CliRunner.Run("separable-ball", "--cells", "3", "--plot", svg);
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

    [Fact]
    public void Separable_ball_cross_checks_by_ppt_for_small_qubit_numbers()
    {
        var doc = Json(CliRunner.Run("separable-ball", "--cells", "2", "--json"));
        Assert.True((bool)doc["ppt_throughout"]!);
        Assert.True((double)doc["ppt_min_eigenvalue"]! > 0);
        Assert.InRange((double)doc["ppt_threshold_eps"]! - Math.Log(1 + Math.Sqrt(2)), -1e-4, 1e-4); // hand-derived for two qubits
        Assert.Null(Json(CliRunner.Run("separable-ball", "--cells", "7", "--json"))["ppt_throughout"]);
    }

    [Theory]
    [InlineData("c0", 4.0)]
    [InlineData("c1", 2.0)]
    [InlineData("c2", 4.0)]
    public void Advantage_of_the_global_drive_has_every_key_and_the_closed_form(string constraint, double expected)
    {
        var doc = Json(CliRunner.Run("advantage", "--cells", "4", "--constraint", constraint, "--json"));
        foreach (var key in new[] { "gamma", "t_parallel", "t_collective", "work", "constraint", "scale" })
            Assert.True(doc.ContainsKey(key), key);
        Assert.InRange((double)doc["gamma"]! - expected, -1e-8, 1e-8);
        Assert.InRange((double)doc["t_parallel"]! - Math.PI / 2, -1e-9, 1e-9);
        Assert.InRange((double)doc["t_collective"]! - Math.PI / (2 * expected), -1e-9, 1e-9);
        Assert.InRange((double)doc["work"]! - 4, -1e-8, 1e-8);
        Assert.Equal(constraint.ToUpperInvariant(), (string?)doc["constraint"]);
        Assert.True((bool)doc["qsl_holds"]!);
        // the reference object is one cell, said so; its N = 4 copies are the parallel values (one qubit flipped: W = 1)
        Assert.Equal(1, (int)doc["reference"]!["cells"]!);
        Assert.InRange((double)doc["reference"]!["work"]! - 1, -1e-8, 1e-8);
        Assert.InRange((double)doc["work_parallel"]! - 4 * (double)doc["reference"]!["work"]!, -1e-8, 1e-8);
    }

    [Fact]
    public void Advantage_of_blocks_and_of_proposition_1()
    {
        var blocks = Json(CliRunner.Run("advantage", "--cells", "4", "--levels", "3", "--k", "2", "--constraint", "c1", "--json"));
        Assert.InRange((double)blocks["gamma"]! - Math.Sqrt(2), -1e-8, 1e-8);
        Assert.InRange((double)blocks["work"]! - 8, -1e-8, 1e-8);
        var thermal = Json(CliRunner.Run("advantage", "--cells", "3", "--constraint", "c2", "--thermal", "0.4", "--json"));
        Assert.InRange((double)thermal["gamma"]! - 3, -1e-8, 1e-8);
        Assert.InRange((double)thermal["work"]! - 3 * Math.Tanh(0.2), -1e-9, 1e-9);
        var dir = Directory.CreateTempSubdirectory("qbatt-adv");
        try
        {
            var svg = Path.Combine(dir.FullName, "w.svg");
            Assert.Equal(0, CliRunner.Run("advantage", "--cells", "2", "--plot", svg).Code);
            Assert.Contains("<svg", File.ReadAllText(svg), StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(true);
        }
        AssertBadInput(CliRunner.Run("advantage", "--cells", "4", "--k", "3"), "--k");
        AssertBadInput(CliRunner.Run("advantage", "--cells", "4", "--levels", "3", "--thermal", "0.1"), "--thermal");
        AssertBadInput(CliRunner.Run("advantage", "--cells", "4", "--constraint", "c5"), "--constraint");
        AssertBadInput(CliRunner.Run("advantage", "--cells", "4", "--thermal", "-1"), "--thermal");
        AssertBadInput(CliRunner.Run("advantage", "--cells", "21"), "--cells");
    }

    [Fact]
    public void Conjecture_has_every_key_is_seeded_and_saves_the_worst_hamiltonian()
    {
        var args = new[] { "conjecture", "--cells", "3", "--k", "2", "--samples", "30", "--seed", "4", "--json" };
        var doc = Json(CliRunner.Run(args));
        foreach (var key in new[] { "max_gamma", "bound", "samples", "seed", "histogram" })
            Assert.True(doc.ContainsKey(key), key);
        Assert.Equal(Math.PI, (double)doc["bound"]!, 14);
        Assert.True((double)doc["max_gamma"]! < Math.PI);
        Assert.Equal(30, (int)doc["samples"]!);
        Assert.Equal(4, (int)doc["seed"]!);
        Assert.Equal(30, doc["histogram"]!["counts"]!.AsArray().Sum(c => (int)c!) + (int)doc["histogram"]!["above_bound"]!);
        Assert.Equal((double)doc["max_gamma"]!, (double)Json(CliRunner.Run(args))["max_gamma"]!); // same seed, same result
        Assert.Contains("operationalised", (string)doc["operationalisation"]!, StringComparison.Ordinal);

        var dir = Directory.CreateTempSubdirectory("qbatt-conj");
        try
        {
            var npy = Path.Combine(dir.FullName, "worst.npy");
            var r = CliRunner.Run("conjecture", "--cells", "3", "--k", "2", "--samples", "30", "--seed", "4", "--out", npy);
            Assert.True(r.Code == 0, r.Err);
            var h = QBatt.IO.Npy.Read(npy).ToComplexMatrix();
            Assert.Equal(8, h.Rows);
            Assert.True(h.IsHermitian(1e-14));
            Assert.InRange(h.OperatorNorm() - 3, -1e-12, 1e-12); // rescaled to the C0 budget N
            var csv = Path.Combine(dir.FullName, "samples.csv");
            Assert.Equal(0, CliRunner.Run("conjecture", "--cells", "3", "--k", "2", "--samples", "30", "--out", csv).Code);
            Assert.Equal(31, File.ReadAllLines(csv).Length);
            var svg = Path.Combine(dir.FullName, "h.svg");
            Assert.Equal(0, CliRunner.Run("conjecture", "--cells", "3", "--k", "2", "--samples", "10", "--plot", svg).Code);
            Assert.Contains("<svg", File.ReadAllText(svg), StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(true);
        }
        AssertBadInput(CliRunner.Run("conjecture", "--cells", "3", "--k", "4"), "--k");
        AssertBadInput(CliRunner.Run("conjecture", "--cells", "13", "--k", "2"), "--cells");
        AssertBadInput(CliRunner.Run("conjecture", "--cells", "3", "--k", "2", "--samples", "0"), "--samples");
        AssertBadInput(CliRunner.Run("conjecture", "--cells", "3", "--k", "2", "--ensemble", "cue"), "--ensemble");
    }
}
