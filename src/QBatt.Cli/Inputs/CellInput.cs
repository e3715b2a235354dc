using System.CommandLine;
using System.Globalization;
using QBatt.Cli.Output;
using QBatt.Thermodynamics;

namespace QBatt.Cli.Inputs;

/// <summary>
/// The diagonal cell state shared by <c>ergotropy</c>, <c>copies</c> and <c>extract-plan</c>:
/// <c>--energies E1,...,Ed --populations p1,...,pd [--normalize]</c>. Populations must be
/// non-negative and sum to 1 within 1e-9; otherwise they are refused with the actual sum, unless
/// <c>--normalize</c> is given, in which case they are divided by their sum and the report says so.
/// </summary>
internal sealed class CellInput
{
    public const double TraceTolerance = 1e-9;

    public CellInput(bool required)
    {
        Energies = CliOptions.Doubles("--energies", "Energy levels of one cell, E1,...,Ed (any order; the populations follow the same order).", required);
        Populations = CliOptions.Doubles("--populations", "Populations p1,...,pd of the cell's levels (a state diagonal in the energy basis), summing to 1.", required);
        Normalize = new Option<bool>("--normalize") { Description = "Divide the populations (or the state) by their sum instead of refusing a sum other than 1; the output reports the factor." };
    }

    public Option<double[]> Energies { get; }

    public Option<double[]> Populations { get; }

    public Option<bool> Normalize { get; }

    public void AddTo(Command command, bool normalize = true)
    {
        command.Options.Add(Energies);
        command.Options.Add(Populations);
        if (normalize) command.Options.Add(Normalize);
    }

    /// <summary>Validated (energies, populations); records the normalisation in the report when asked for.</summary>
    public (double[] Energies, double[] Populations) Read(ParseResult parse, Report report)
    {
        if (parse.GetResult(Energies) is null) throw new UsageException("--energies: expected the cell's energy levels, got nothing");
        if (parse.GetResult(Populations) is null) throw new UsageException("--populations: expected the cell's populations, got nothing");
        var e = parse.GetValue(Energies)!;
        var p = parse.GetValue(Populations)!;
        for (var i = 0; i < e.Length; i++)
        {
            if (Math.Abs(e[i]) > Ergotropy.MaxEnergyMagnitude)
                throw new UsageException($"--energies: expected energies of magnitude at most 1e150 (beyond, squared energy spreads overflow; rescale them), got {Num(e[i])} at position {i + 1}");
        }
        if (p.Length != e.Length)
            throw new UsageException($"--populations: expected {e.Length} values (one per energy in --energies), got {p.Length}");
        double sum = 0;
        for (var i = 0; i < p.Length; i++)
        {
            if (p[i] < 0)
                throw new UsageException($"--populations: expected non-negative populations, got {Num(p[i])} at position {i + 1}");
            sum += p[i];
        }
        report.Param("energies", Json.Array(e)).Param("populations", Json.Array(p));
        if (parse.GetValue(Normalize))
        {
            report.Param("normalize", true);
            if (!(sum > 0))
                throw new UsageException($"--populations: expected a positive sum to normalise, got sum {Num(sum)}");
            var factor = 1 / sum;
            p = [.. p.Select(x => x * factor)];
            RecordNormalisation(report, "populations", sum, factor);
        }
        else if (Math.Abs(sum - 1) > TraceTolerance)
        {
            throw new UsageException($"--populations: expected populations summing to 1 (within 1e-9), got sum {Num(sum)}; pass --normalize to divide them by their sum");
        }
        return (e, p);
    }

    public static void RecordNormalisation(Report report, string what, double sum, double factor)
    {
        report.Set("normalized", true, "normalised");
        report.Set("normalization_factor", factor, "normalisation factor");
        report.Note($"normalised the {what}: their sum was {Num(sum)}, so every entry was multiplied by {Num(factor)}");
    }

    public static string Num(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
