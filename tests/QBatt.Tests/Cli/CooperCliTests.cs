using System.Globalization;
using System.Text.Json.Nodes;

namespace QBatt.Tests.Cli;

/// <summary>qbatt cooper and reproduce rev-cooper-pair (R15): keys, values against closed forms, files, bad input.</summary>
public class CooperCliTests
{
    [Fact]
    public void Disjoint_sigma_xx_pairs_give_the_closed_forms_2_sqrt2_2()
    {
        // J XX on disjoint pairs from |0..0>: ||H|| = Delta H = <H> - h_g = J N/2 against N (sigma_x: 1, 1, 1),
        // so the budgets give Gamma = 2 (C0, C2) and sqrt 2 (C1); both ends at max W/t (T_par = argmax sin^2 t / t).
        var doc = CliRunner.Json(CliRunner.Run("cooper", "--cells", "4", "--constraint", "c1", "--json"));
        Assert.Equal(Math.Sqrt(2), (double)doc["gamma"]!, 6);
        Assert.Equal(2, (double)doc["gamma_c0"]!, 6);
        Assert.Equal(Math.Sqrt(2), (double)doc["gamma_c1"]!, 6);
        Assert.Equal(2, (double)doc["gamma_c2"]!, 6);
        Assert.Equal("C1", (string?)doc["constraint"]);
        Assert.Equal(Math.PI, (double)doc["theorem1_bound"]!, 15);
        Assert.Equal(2, (double)doc["review_claim"]!, 15);
        Assert.True((bool)doc["qsl_holds"]!);
        // the argmax of a flat maximum is fixed only to about sqrt of the power's accuracy, so the times are checked
        // through the powers they give: sin^2(T)/T = p* for the reference, 4 sin^2(sqrt2 T)/T = 4 sqrt2 p* once rescaled
        // to J = sqrt 2 (C1 budget sqrt 4 = 2 against Delta H = 2 J), p* = max_t sin^2(t)/t
        var p = QBatt.Tests.Charging.ConjectureAndSeparabilityTests.FlipPower();
        var tp = (double)doc["t_parallel"]!;
        var tc = (double)doc["t_collective"]!;
        Assert.Equal(p, Math.Pow(Math.Sin(tp), 2) / tp, 9);
        Assert.Equal(4 * Math.Sqrt(2) * p, 4 * Math.Pow(Math.Sin(Math.Sqrt(2) * tc), 2) / tc, 8);
    }

    [Fact]
    public void Independent_gates_give_no_advantage_and_search_reports_its_best_drive()
    {
        var gates = CliRunner.Json(CliRunner.Run("cooper", "--cells", "3", "--gate", "0.5", "--coupling", "0", "--topology", "chain", "--json"));
        Assert.Equal(1, (double)gates["gamma_c0"]!, 6);
        Assert.Equal(1, (double)gates["gamma_c1"]!, 6);
        Assert.Equal(1, (double)gates["gamma_c2"]!, 6);

        var search = CliRunner.Json(CliRunner.Run("cooper", "--cells", "3", "--topology", "all", "--search", "4", "--refine", "4", "--seed", "5", "--json"));
        Assert.Equal(3, search["best_gates"]!.AsArray().Count);
        Assert.Equal(3, search["best_couplings"]!.AsArray().Count);
        Assert.True((double)search["search_best"]! >= (double)search["search_random_best"]!);
        Assert.Equal((double)search["search_best"]!, (double)search["gamma_c0"]!, 5);
        Assert.True((bool)search["below_theorem1"]!);
    }

    [Fact]
    public void Plot_is_written_and_bad_input_is_one_line_with_exit_2()
    {
        var dir = Directory.CreateTempSubdirectory("qbatt-cooper");
        try
        {
            var svg = Path.Combine(dir.FullName, "cooper.svg");
            var r = CliRunner.Run("cooper", "--cells", "2", "--plot", svg);
            Assert.True(r.Code == 0, r.Err);
            Assert.Contains("<svg", File.ReadAllText(svg), StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(true);
        }
        CliRunner.AssertBadInput(CliRunner.Run("cooper"), "--cells");
        CliRunner.AssertBadInput(CliRunner.Run("cooper", "--cells", "1"), "--cells");
        CliRunner.AssertBadInput(CliRunner.Run("cooper", "--cells", "13"), "--cells");
        CliRunner.AssertBadInput(CliRunner.Run("cooper", "--cells", "3"), "--topology pairs");
        CliRunner.AssertBadInput(CliRunner.Run("cooper", "--cells", "2", "--gate", "x"), "--gate");
        CliRunner.AssertBadInput(CliRunner.Run("cooper", "--cells", "2", "--kind", "zz"), "--kind");
        CliRunner.AssertBadInput(CliRunner.Run("cooper", "--cells", "2", "--kind", "swap"), "'drive'");
        CliRunner.AssertBadInput(CliRunner.Run("cooper", "--cells", "2", "--gate", "0", "--coupling", "0"), "'drive'");
    }

    [Fact]
    public void Reproduction_rows_agree_and_the_pair_row_computes_2()
    {
        var r = CliRunner.Run("reproduce", "--only", "rev-cooper-pair", "--no-files", "--json");
        Assert.True(r.Code == 0, r.Err + r.Out);
        var rows = JsonNode.Parse(r.Out)!["rows"]!.AsArray();
        Assert.DoesNotContain(rows, row => (string?)row!["agreement"] == "DISAGREES");
        var pairs = rows.Single(row => ((string)row!["claim"]!).Contains("disjoint sigma_x sigma_x pairs", StringComparison.Ordinal))!;
        var pairTests = pairs["tests"]!.AsArray();
        Assert.Equal(3, pairTests.Count); // N = 2, 4, 6, each against the review's 2 written here
        Assert.All(pairTests, t => Assert.Equal(2, (double)t!["value"]!, 5));
        Assert.Equal(5, rows.Count(row => ((string)row!["claim"]!).StartsWith("largest Gamma_C0 found", StringComparison.Ordinal)));
    }
}
