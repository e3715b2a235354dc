using QBatt.Batteries;

namespace QBatt.Tests.Cli;

/// <summary>qbatt syk and qbatt tavis-cummings (R19): keys and values against the library and closed forms, bad input one line with exit 2.</summary>
public class ModelsBeyondCliTests
{
    [Fact]
    public void Syk_reports_the_disorder_average_with_its_standard_error()
    {
        var doc = CliRunner.Json(CliRunner.Run("syk", "--cells", "5", "--samples", "4", "--seed", "3", "--steps", "60", "--json"));
        var average = new SykBattery(5, new SykChargingOptions { Samples = 4, Seed = 3, Steps = 60 }).Average();
        var (mean, se) = SykDisorderAverage.MeanAndError(average.MaxPower);
        Assert.Equal(mean, (double)doc["max_power"]!, 12);
        Assert.Equal(se, (double)doc["max_power_error"]!, 12);
        Assert.True(se > 0);
        Assert.Equal(SykDisorderAverage.MeanAndError(average.Gamma).Mean, (double)doc["gamma"]!, 12);
        Assert.Equal(4, doc["seeds"]!.AsArray().Count);
        Assert.Equal(-5, (double)doc["ground_energy"]!, 15);
    }

    [Fact]
    public void Tavis_cummings_one_excitation_gives_the_vacuum_rabi_maximum()
    {
        // one photon at resonance: E_B = sin^2(g sqrt N t), first maximum 1 at t = pi / (2 g sqrt N)
        var doc = CliRunner.Json(CliRunner.Run("tavis-cummings", "--cells", "9", "--coupling", "0.1", "--photons", "1", "--tmax", "8", "--json"));
        Assert.Equal(1, (double)doc["first_energy_max"]!, 4);
        Assert.Equal(Math.PI / (2 * 0.1 * 3), (double)doc["time_first_energy_max"]!, 2);
        Assert.True((double)doc["gamma"]! > 0);
    }

    [Theory]
    [InlineData(4, 4)]
    [InlineData(16, 16)]
    [InlineData(16, 1)]
    [InlineData(2, 40)]
    public void The_default_tavis_cummings_window_holds_the_first_energy_maximum(int cells, int photons)
    {
        // the maximum is found from the dynamics (the window used to end before it for n = N >= 4)
        var doc = CliRunner.Json(CliRunner.Run("tavis-cummings", "--cells", cells.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--coupling", "0.2", "--photons", photons.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json"));
        var tmax = (double)doc["parameters"]!["tmax"]!;
        Assert.NotNull(doc["time_first_energy_max"]);
        Assert.InRange((double)doc["time_first_energy_max"]!, 0, 0.95 * tmax);
        Assert.InRange((double)doc["charging_time"]!, 0, 0.95 * tmax);
    }

    [Theory]
    [InlineData("syk", "--cells", "3")]
    [InlineData("syk", "--cells", "6", "--j", "0")]
    [InlineData("syk", "--cells", "6", "--samples", "0")]
    [InlineData("syk", "--cells", "6", "--h", "nan")]
    [InlineData("syk", "--cells", "22")]
    [InlineData("tavis-cummings", "--cells", "4", "--coupling", "0")]
    [InlineData("tavis-cummings", "--cells", "4", "--coupling", "0.1", "--photons", "0")]
    [InlineData("tavis-cummings", "--cells", "4")]
    public void Bad_input_is_one_line_with_exit_2(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.Code);
        Assert.Equal("", r.Out);
        Assert.Single(r.Err.Trim().Split('\n'));
        Assert.StartsWith($"qbatt {args[0]}: ", r.Err, StringComparison.Ordinal);
    }
}
