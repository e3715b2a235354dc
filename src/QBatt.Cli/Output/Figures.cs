using System.Globalization;
using QBatt.IO.Plot;
using QBatt.Numerics;
using QBatt.Studies;

namespace QBatt.Cli.Output;

/// <summary>The figures that commands and reproduce rows share (one place, so neither depends on the other).</summary>
internal static class Figures
{
    /// <summary>Gamma against N with sqrt(N) and the least-squares fit a sqrt(N) + b.</summary>
    internal static SvgPlot DickeGamma(IReadOnlyList<int> ns, IReadOnlyList<double> gamma, double lambda)
    {
        var order = Enumerable.Range(0, ns.Count).OrderBy(i => ns[i]).ToArray();
        var x = order.Select(i => (double)ns[i]).ToArray();
        var y = order.Select(i => gamma[i]).ToArray();
        var plot = new SvgPlot(string.Create(CultureInfo.InvariantCulture, $"Dicke battery: collective advantage, λ = {lambda:G4}"), "number of cells N", "Γ = max P_Dicke / (N max P_Rabi)");
        plot.AddScatter("Γ(N)", x, y, color: SvgPlot.Palette[0]);
        var dense = Enumerable.Range(0, 200).Select(k => x[0] + (x[^1] - x[0]) * k / 199.0).ToArray();
        plot.AddLine("√N", dense, [.. dense.Select(Math.Sqrt)], LineStyle.Dashed, SvgPlot.Palette[1]);
        if (x.Distinct().Count() >= 2)
        {
            var fit = LinearFit.Of([.. x.Select(Math.Sqrt)], y);
            plot.AddLine(Fit(fit.Slope, fit.Intercept), dense, [.. dense.Select(n => fit.At(Math.Sqrt(n)))], color: SvgPlot.Palette[2]);
        }
        return plot;
    }

    /// <summary>A fit label with a proper minus sign: "fit 1.017√N − 0.00321".</summary>
    internal static string Fit(double slope, double intercept) =>
        $"fit {Minus(slope.ToString("G4", CultureInfo.InvariantCulture))}√N {(intercept < 0 ? "−" : "+")} {Math.Abs(intercept).ToString("G3", CultureInfo.InvariantCulture)}";

    /// <summary>The typographic minus sign (U+2212) for a leading hyphen.</summary>
    internal static string Minus(string number) => number.StartsWith('-') ? "−" + number[1..] : number;

    /// <summary>Histogram of Gamma_C0 with the largest value and the bound gamma k.</summary>
    internal static SvgPlot ConjectureHistogram(ConjectureStudyResult r)
    {
        var o = r.Options;
        var plot = new SvgPlot(string.Create(CultureInfo.InvariantCulture, $"Conjecture 1: Γ_C0 of {o.Samples} random {o.K}-local Hamiltonians, N = {o.Cells}"), "Γ_C0 (dimensionless)", "number of samples");
        plot.AddBars("samples", r.HistogramEdges, [.. r.HistogramCounts.Select(c => (double)c)], SvgPlot.Palette[0]);
        plot.AddVerticalLine(string.Create(CultureInfo.InvariantCulture, $"largest found: {r.MaxGamma:G6}"), r.MaxGamma, LineStyle.Dotted, SvgPlot.Palette[1]);
        plot.AddVerticalLine(string.Create(CultureInfo.InvariantCulture, $"bound γk = {r.Bound:G6}"), r.Bound, LineStyle.Dashed, SvgPlot.Palette[2]);
        plot.X.Min = 0;
        plot.Y.Min = 0;
        return plot;
    }

    /// <summary>Extra work per copy against n, with the n -&gt; infinity limit as a horizontal line.</summary>
    internal static SvgPlot ExtraWorkPerCopy(int[] ns, double[] extra, double limit)
    {
        var order = Enumerable.Range(0, ns.Length).OrderBy(i => ns[i]).ToArray();
        var plot = new SvgPlot("Extra work per copy from n copies", "number of copies n", "extra work per copy Δw(n) (units of H₀)");
        if (ns.Max() >= 100 * ns.Min()) plot.X.Scale = AxisScale.Log10;
        var color = SvgPlot.Palette[0];
        plot.AddLine("Δw(n)", [.. order.Select(i => (double)ns[i])], [.. order.Select(i => extra[i])], color: color);
        plot.AddScatter("", [.. order.Select(i => (double)ns[i])], [.. order.Select(i => extra[i])], color: color);
        plot.AddHorizontalLine(string.Create(CultureInfo.InvariantCulture, $"limit n → ∞: {Minus(limit.ToString("G6", CultureInfo.InvariantCulture))}"), limit, color: SvgPlot.Palette[1]);
        return plot;
    }
}
