using System.Globalization;
using QBatt.IO;
using QBatt.IO.Plot;

namespace QBatt.Cli.Reproduce;

/// <summary>What a row's computed value was compared with, and how it came out.</summary>
internal enum Agreement
{
    /// <summary>Agrees, within the stated tolerance, with a value (a number or a formula) printed in the source.</summary>
    AgreesWithSource,

    /// <summary>
    /// Agrees, within the stated tolerance, with a closed form or an independent oracle (brute force, a hand
    /// value) computed in the row, not by the library path under test.
    /// </summary>
    AgreesWithClosedForm,

    /// <summary>
    /// The library checked against itself (speed limits on its own runs, unitarity residuals, identities of one
    /// system computed two ways): reported apart and not counted as agreement.
    /// </summary>
    Consistency,

    /// <summary>The source states no number; the value is computed (a quantity the source only plots, or a new figure).</summary>
    Computed,

    /// <summary>
    /// The source's printed value is wrong or damaged, for a reason stated in the row, and the computed value
    /// matches an independent expectation computed in the row.
    /// </summary>
    SourceDiffers,

    /// <summary>The computed value contradicts its expectation: a defect to investigate.</summary>
    Disagrees,
}

/// <summary>How a computed value must relate to its expectation.</summary>
internal enum Relation
{
    /// <summary>|value - expected| &lt;= tolerance.</summary>
    Equal,

    /// <summary>value &lt;= expected + tolerance.</summary>
    AtMost,

    /// <summary>value &gt;= expected - tolerance.</summary>
    AtLeast,
}

/// <summary>
/// One acceptance condition of a verdict row: a computed number, the relation it must satisfy with an
/// expectation, and the tolerance. A non-finite value never holds.
/// </summary>
internal readonly record struct Test(string Quantity, double Value, Relation Relation, double Expected, double Tolerance)
{
    public static Test Equal(string quantity, double value, double expected, double tolerance) => new(quantity, value, Relation.Equal, expected, tolerance);

    public static Test AtMost(string quantity, double value, double bound, double tolerance = 0) => new(quantity, value, Relation.AtMost, bound, tolerance);

    public static Test AtLeast(string quantity, double value, double bound, double tolerance = 0) => new(quantity, value, Relation.AtLeast, bound, tolerance);

    /// <summary>Whether <paramref name="value"/> (the computed value, or a perturbed one) satisfies the condition.</summary>
    public bool Holds(double value) => double.IsFinite(value) && Relation switch
    {
        Relation.Equal => Math.Abs(value - Expected) <= Tolerance,
        Relation.AtMost => value <= Expected + Tolerance,
        _ => value >= Expected - Tolerance,
    };

    /// <summary>
    /// The computed value moved out of the accepted region by more than the tolerance (the test seam of
    /// <see cref="ReproduceContext.Perturb"/>): by |value - expected| + 2 tau for an equality, past the bound by
    /// 2 tau for an inequality, with tau = max(tolerance, 1e-9 max(1, |expected|)) so that a zero tolerance moves too.
    /// </summary>
    public double Perturbed()
    {
        var tau = Math.Max(Tolerance, 1e-9 * Math.Max(1, Math.Abs(Expected)));
        return Relation switch
        {
            Relation.Equal => Value + Math.Abs(Value - Expected) + 2 * tau,
            Relation.AtMost => Math.Max(Value, Expected) + 2 * tau,
            _ => Math.Min(Value, Expected) - 2 * tau,
        };
    }

    public override string ToString()
    {
        var op = Relation switch { Relation.Equal => "=", Relation.AtMost => "<=", _ => ">=" };
        return string.Create(CultureInfo.InvariantCulture, $"{Quantity} {Value:G6} {op} {Expected:G6} (tolerance {Tolerance:G2})");
    }
}

/// <summary>
/// One row of the reproduce table; <see cref="Tests"/> holds the conditions that decided its verdict.
/// <see cref="Unperturbed"/> is the verdict on the computed values themselves (equal to <see cref="Agreement"/>
/// unless <see cref="ReproduceContext.Perturb"/> is set).
/// </summary>
internal sealed record ClaimRow(string Id, string Claim, string Source, string SourceValue, string Computed, Agreement Agreement, string Note, IReadOnlyList<Test> Tests, Agreement Unperturbed)
{
    public string AgreementText => Text(Agreement);

    public static string Text(Agreement a) => a switch
    {
        Agreement.AgreesWithSource => "agrees (source)",
        Agreement.AgreesWithClosedForm => "agrees (closed form)",
        Agreement.Consistency => "consistency",
        Agreement.SourceDiffers => "source differs",
        Agreement.Computed => "computed",
        _ => "DISAGREES",
    };
}

/// <summary>Collects the rows, figures and data files of one <c>qbatt reproduce</c> run.</summary>
internal sealed class ReproduceContext(string? outDir)
{
    private readonly List<ClaimRow> _rows = [];
    private readonly List<(string Id, string File, string Caption)> _figures = [];
    private readonly List<(string Id, string File)> _data = [];

    public string? OutDir { get; } = outDir;

    public string CurrentId { get; set; } = "";

    /// <summary>
    /// Test seam: when set, every condition of every verdict row is decided on <see cref="Test.Perturbed"/>
    /// instead of the computed value, so a row whose verdict is earned turns into <see cref="Agreement.Disagrees"/>.
    /// </summary>
    public bool Perturb { get; init; }

    public IReadOnlyList<ClaimRow> Rows => _rows;

    public IReadOnlyList<(string Id, string File, string Caption)> Figures => _figures;

    public IReadOnlyList<(string Id, string File)> Data => _data;

    public static string F(double v, string format = "G6") => v.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Adds a row comparing a computed number with the one printed in the source: agrees when |c - s| &lt;= tol.</summary>
    public void Compare(string claim, string source, double sourceValue, double computed, double tol, string note = "", string format = "G6") =>
        Add(claim, source, F(sourceValue, format), F(computed, format), Agreement.AgreesWithSource,
            string.IsNullOrEmpty(note) ? $"tolerance {F(tol, "G2")}" : $"{note}; tolerance {F(tol, "G2")}",
            [Test.Equal(claim, computed, sourceValue, tol)]);

    /// <summary>A claim whose expectation (a number or formula) is printed in the source; agrees when every test holds.</summary>
    public void Source(string claim, string source, string sourceValue, string computed, string note, params Test[] tests) =>
        Add(claim, source, sourceValue, computed, Agreement.AgreesWithSource, note, tests);

    /// <summary>A claim whose expectation is a closed form or an independent oracle computed in the row.</summary>
    public void ClosedForm(string claim, string source, string sourceValue, string computed, string note, params Test[] tests) =>
        Add(claim, source, sourceValue, computed, Agreement.AgreesWithClosedForm, note, tests);

    /// <summary>The library checked against itself (speed limits, residuals, same-system identities); not counted as agreement.</summary>
    public void Consistency(string claim, string source, string sourceValue, string computed, string note, params Test[] tests) =>
        Add(claim, source, sourceValue, computed, Agreement.Consistency, note, tests);

    /// <summary>
    /// The source's printed value is wrong or damaged (<paramref name="reason"/> says why); the tests compare the
    /// computed value with an independent expectation computed in the row, and the row disagrees when they fail.
    /// </summary>
    public void SourceDiffers(string claim, string source, string sourceValue, string computed, string reason, params Test[] tests) =>
        Add(claim, source, sourceValue, computed, Agreement.SourceDiffers, reason, tests);

    /// <summary>Adds a computed value with no printed number to compare (e.g. a quantity the source only plots).</summary>
    public void Computed(string claim, string source, string computed, string note = "") =>
        _rows.Add(new ClaimRow(CurrentId, claim, source, "-", computed, Agreement.Computed, note, [], Agreement.Computed));

    private void Add(string claim, string source, string sourceValue, string computed, Agreement verdict, string note, Test[] tests)
    {
        if (tests.Length == 0) throw new InvalidOperationException($"reproduce row '{claim}' has no condition to decide its verdict");
        var unperturbed = tests.All(t => t.Holds(t.Value)) ? verdict : Agreement.Disagrees;
        var failed = tests.Where(t => !t.Holds(Perturb ? t.Perturbed() : t.Value)).ToList();
        var agreement = failed.Count == 0 ? verdict : Agreement.Disagrees;
        _rows.Add(new ClaimRow(CurrentId, claim, source, sourceValue, computed, agreement, failed.Count == 0 ? note : $"{note}; failed: {string.Join(", ", failed)}", tests, unperturbed));
    }

    /// <summary>
    /// Saves a figure into DIR/figures (when an output directory is set) as the commands' <c>--plot</c> does: the SVG, its
    /// data (NAME.data.csv) and the matplotlib script that redraws it (NAME.py) beside it.
    /// </summary>
    public void SaveFigure(string fileName, SvgPlot plot, string caption)
    {
        _figures.Add((CurrentId, "figures/" + fileName, caption));
        _svgs["figures/" + fileName] = plot.ToSvg();
        if (OutDir is not null)
            plot.SaveWithData(Path.Combine(OutDir, "figures", fileName));
    }

    /// <summary>
    /// The SVG text of a saved figure by its report path (<c>figures/NAME.svg</c>): the HTML report inlines it from
    /// here, since the files of one run are put in place together only when the run completes.
    /// </summary>
    public string FigureSvg(string file) => _svgs[file];

    private readonly Dictionary<string, string> _svgs = new(StringComparer.Ordinal);

    /// <summary>Saves a data file (CSV or JSON text) into DIR/data (when an output directory is set).</summary>
    public void SaveData(string fileName, string text)
    {
        _data.Add((CurrentId, "data/" + fileName));
        if (OutDir is not null)
            AtomicFile.WriteAllText(Path.Combine(OutDir, "data", fileName), text);
    }
}
