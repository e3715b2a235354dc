using System.Globalization;
using System.Text.Json.Nodes;
using QBatt.Tests.IO;

namespace QBatt.Tests.Cli;

/// <summary>
/// <c>qbatt gaussian</c> and <c>qbatt reproduce --only rev-cycle-precision</c> (R14). Expected values are closed forms
/// (coherent and squeezed thermal states, two-mode squeezed vacuum), not earlier output.
/// </summary>
public class GaussianCliTests
{
    private static double D(JsonNode? n) => n!.GetValueKind() == System.Text.Json.JsonValueKind.String
        ? double.Parse((string)n!, CultureInfo.InvariantCulture) : (double)n!;

    /// <summary>Squeeze r then displace alpha from a thermal mode: E = w (A cosh 2r - 1/2 + alpha^2), Var = w^2 (A^2 cosh 4r - 1/4 + 2 A alpha^2 e^(-2r)).</summary>
    [Fact]
    public void Squeezed_displaced_thermal_mode_matches_the_closed_form()
    {
        double w = 1.3, beta = 0.5, r = 0.8, alpha = 1.5;
        var json = CliRunner.Json(CliRunner.Run("gaussian", "--omega", "1.3", "--beta", "0.5", "--squeeze", "0.8", "--displace", "1.5", "--json"));
        var n = 1 / (Math.Exp(beta * w) - 1);
        var a = n + 0.5;
        Assert.Equal(w * n, D(json["initial_energy"]), 12);
        Assert.Equal(w * (a * Math.Cosh(2 * r) - 0.5 + alpha * alpha), D(json["final_energy"]), 11);
        var std = w * Math.Sqrt(a * a * Math.Cosh(4 * r) - 0.25 + 2 * a * alpha * alpha * Math.Exp(-2 * r));
        Assert.Equal(std, D(json["final_std"]), 10);
        Assert.Equal(std / D(json["work"]), D(json["relative_precision"]), 10);
        Assert.Equal("Infinity", (string)CliRunner.Json(CliRunner.Run("gaussian", "--omega", "1", "--json"))["relative_precision"]!);
    }

    [Fact]
    public void Two_mode_squeezing_and_complex_displacements()
    {
        var json = CliRunner.Json(CliRunner.Run("gaussian", "--omega", "1,1.5", "--two-mode", "0.7", "--json"));
        var nbar = Math.Pow(Math.Sinh(0.7), 2);
        Assert.Equal(2.5 * nbar, D(json["work"]), 12);
        Assert.Equal(2.5 * Math.Sqrt(nbar * (nbar + 1)), D(json["final_std"]), 12);
        var modes = json["modes"]!.AsArray();
        Assert.Equal(nbar, D(modes[1]!["final_photons"]), 12);

        json = CliRunner.Json(CliRunner.Run("gaussian", "--omega", "2,1", "--displace", "1+1i,0.5i", "--json"));
        Assert.Equal(2 * 2 + 1 * 0.25, D(json["work"]), 12);
        Assert.Equal(Math.Sqrt(4 * 2 + 0.25), D(json["final_std"]), 12);
    }

    [Fact]
    public void Compare_orders_the_protocols_and_writes_a_plot()
    {
        using var dir = new TempDir();
        var svg = dir.File("p.svg");
        var json = CliRunner.Json(CliRunner.Run("gaussian", "--omega", "1", "--beta", "2", "--compare", "0.1,1,10,100", "--plot", svg, "--json"));
        var rows = json["rows"]!.AsArray();
        Assert.Equal(12, rows.Count);
        for (var i = 0; i < rows.Count; i += 3)
        {
            var w = D(rows[i]!["work"]);
            foreach (var k in new[] { 0, 1, 2 }) Assert.Equal(1, D(rows[i + k]!["deposited"]) / w, 12);
            Assert.Equal("displacement", (string)rows[i]!["protocol"]!);
            Assert.True(D(rows[i + 1]!["final_std"]) > D(rows[i]!["final_std"]) && D(rows[i]!["final_std"]) > D(rows[i + 2]!["final_std"]));
        }
        Assert.Contains("<svg", File.ReadAllText(svg), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("expected positive finite frequencies", "--omega", "-1")]
    [InlineData("--beta", "--omega", "1", "--beta", "-2")]
    [InlineData("--displace", "--omega", "1", "--displace", "1,2")]
    [InlineData("--displace", "--omega", "1", "--displace", "x")]
    [InlineData("--two-mode", "--omega", "1", "--two-mode", "0.3")]
    [InlineData("--compare", "--omega", "1", "--compare", "0")]
    [InlineData("--compare", "--omega", "1,2", "--compare", "1")]
    [InlineData("--compare", "--omega", "1", "--compare", "1", "--squeeze", "1")]
    [InlineData("--plot", "--omega", "1", "--plot", "x.svg")]
    [InlineData("--squeeze", "--omega", "1", "--squeeze", "nan")]
    public void Bad_input_is_one_line_and_exit_2(string fragment, params string[] args)
    {
        CliRunner.AssertBadInput(CliRunner.Run(["gaussian", .. args]), fragment);
    }

    [Fact]
    public void Reproduction_rows_agree()
    {
        var r = CliRunner.Run("reproduce", "--only", "rev-cycle-precision", "--no-files", "--json");
        Assert.True(r.Code == 0, r.Err + r.Out);
        var rows = JsonNode.Parse(r.Out)!["rows"]!.AsArray();
        Assert.Equal(7, rows.Count);
        Assert.DoesNotContain(rows, row => (string?)row!["agreement"] == "DISAGREES");
    }
}
