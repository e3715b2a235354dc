using System.Globalization;
using QBatt.IO;

namespace QBatt.Cli.Reproduce;

/// <summary>How a computed value relates to the source's printed one.</summary>
internal enum Agreement
{
    /// <summary>Computed and printed values agree within the stated tolerance.</summary>
    Agrees,

    /// <summary>The source's printed value is wrong or damaged, for a reason stated in the row.</summary>
    SourceDiffers,

    /// <summary>The source states no number; the value is computed (a qualitative claim checked, or a new figure).</summary>
    Computed,

    /// <summary>The computed value contradicts the claim: a defect to investigate.</summary>
    Disagrees,
}

/// <summary>One row of the reproduce table.</summary>
internal sealed record ClaimRow(string Id, string Claim, string Source, string SourceValue, string Computed, Agreement Agreement, string Note)
{
    public string AgreementText => Agreement switch
    {
        Agreement.Agrees => "agrees",
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

    public IReadOnlyList<ClaimRow> Rows => _rows;

    public IReadOnlyList<(string Id, string File, string Caption)> Figures => _figures;

    public IReadOnlyList<(string Id, string File)> Data => _data;

    public static string F(double v, string format = "G6") => v.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Adds a row comparing a computed number with the printed one: agrees when |c - s| &lt;= tol.</summary>
    public void Compare(string claim, string source, double sourceValue, double computed, double tol, string note = "", string format = "G6")
    {
        var agrees = Math.Abs(computed - sourceValue) <= tol;
        _rows.Add(new ClaimRow(CurrentId, claim, source, F(sourceValue, format), F(computed, format),
            agrees ? Agreement.Agrees : Agreement.Disagrees,
            string.IsNullOrEmpty(note) ? $"tolerance {F(tol, "G2")}" : $"{note}; tolerance {F(tol, "G2")}"));
    }

    /// <summary>Adds a row for a claim checked by a computation (statement vs what was computed).</summary>
    public void Check(string claim, string source, string sourceValue, string computed, bool holds, string note = "") =>
        _rows.Add(new ClaimRow(CurrentId, claim, source, sourceValue, computed, holds ? Agreement.Agrees : Agreement.Disagrees, note));

    /// <summary>Adds a row where the source's printed value is wrong or damaged; <paramref name="reason"/> says why.</summary>
    public void SourceDiffers(string claim, string source, string sourceValue, string computed, string reason) =>
        _rows.Add(new ClaimRow(CurrentId, claim, source, sourceValue, computed, Agreement.SourceDiffers, reason));

    /// <summary>Adds a computed value with no printed number to compare (e.g. a quantity the source only plots).</summary>
    public void Computed(string claim, string source, string computed, string note = "") =>
        _rows.Add(new ClaimRow(CurrentId, claim, source, "-", computed, Agreement.Computed, note));

    /// <summary>Saves an SVG figure into DIR/figures (when an output directory is set).</summary>
    public void SaveFigure(string fileName, string svg, string caption)
    {
        _figures.Add((CurrentId, "figures/" + fileName, caption));
        if (OutDir is not null)
            AtomicFile.WriteAllText(Path.Combine(OutDir, "figures", fileName), svg);
    }

    /// <summary>Saves a data file (CSV or JSON text) into DIR/data (when an output directory is set).</summary>
    public void SaveData(string fileName, string text)
    {
        _data.Add((CurrentId, "data/" + fileName));
        if (OutDir is not null)
            AtomicFile.WriteAllText(Path.Combine(OutDir, "data", fileName), text);
    }
}
