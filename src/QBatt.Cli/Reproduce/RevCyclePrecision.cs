using System.Globalization;
using System.Numerics;
using QBatt.Batteries;
using QBatt.Charging;
using QBatt.IO.Plot;
using QBatt.IO;
using QBatt.Models;

namespace QBatt.Cli.Reproduce;

/// <summary>
/// Rev 'Cycle precision' (R14, after Friis and Huber): harmonic-oscillator batteries in a Gibbs state charged by
/// Gaussian unitaries. The review states that pure single-mode squeezing is the least favourable operation for
/// precise charging of a single mode, and that combinations of squeezing and displacement are the most accurate.
/// Both are recomputed from the exact moments at equal deposited energy W, over a range of W and temperatures.
/// </summary>
internal sealed class RevCyclePrecision : IReproduction
{
    private const double W = 1;
    private static readonly double[] Betas = [double.PositiveInfinity, 2, 0.5];

    public string Id => "rev-cycle-precision";

    public string Title => "Rev 'Cycle precision': Gaussian charging of oscillators, squeezing vs displacement vs both";

    public void Run(ReproduceContext ctx)
    {
        var works = Enumerable.Range(0, 61).Select(i => Math.Pow(10, -2 + 5.0 * i / 60)).ToArray();
        var data = new List<IReadOnlyList<object?>>();
        var curves = new Dictionary<(double Beta, string Name), double[]>();
        double orderMargin = double.PositiveInfinity, combinedMin = double.PositiveInfinity;
        foreach (var beta in Betas)
        {
            foreach (var name in new[] { "displacement", "squeezing", "optimal" }) curves[(beta, name)] = new double[works.Length];
            for (var i = 0; i < works.Length; i++)
            {
                var p = GaussianCharging.Compare(W, beta, works[i]);
                for (var k = 0; k < 3; k++)
                {
                    curves[(beta, p[k].Name)][i] = p[k].Result.RelativePrecision;
                    data.Add([beta, works[i], p[k].Name, p[k].Squeezing, p[k].Alpha, p[k].Result.Work, p[k].Result.FinalStd, p[k].Result.RelativePrecision]);
                }
                orderMargin = Math.Min(orderMargin, Math.Min(p[1].Result.FinalStd - p[0].Result.FinalStd, p[0].Result.FinalStd - p[2].Result.FinalStd) / p[1].Result.FinalStd);
                combinedMin = Math.Min(combinedMin, Math.Min(p[2].Squeezing, p[2].Alpha));
            }
        }
        const string grid = "W/w = 10^-2..10^3 (61 points), beta w = infinity, 2, 0.5";

        var worst = FamilyScan();
        ctx.Source("pure single-mode squeezing is the least favourable operation for precise charging", "Rev 'Cycle precision' (R14)",
            "least favourable",
            $"at equal W, std(squeezing) > std(displacement) > std(optimal) on the grid with a relative margin of at least {ReproduceContext.F(orderMargin, "G3")}; over all squeeze-then-displace protocols (r, displacement angle) the largest std relative to pure squeezing is {ReproduceContext.F(worst, "G2")} above it",
            grid, Test.AtLeast("min relative margin of the ordering", orderMargin, 1e-12), Test.AtMost("max over the family of std/std(squeezing) - 1", worst, 0, 1e-12));
        ctx.Source("combinations of squeezing and displacement are the most accurate", "Rev 'Cycle precision' (R14)", "most accurate",
            $"the least-variance single-mode Gaussian protocol has r > 0 and alpha > 0 at every grid point: min(r, alpha) = {ReproduceContext.F(combinedMin, "G3")}",
            "minimum over squeezing r with displacement along the squeezed quadrature (every single-mode Gaussian unitary on a thermal state reduces to this family)",
            Test.AtLeast("min over the grid of min(r, alpha) of the optimum", combinedMin, 1e-9));

        var vac = double.PositiveInfinity;
        var dispDev = works.Select((x, i) => Math.Abs(curves[(vac, "displacement")][i] * Math.Sqrt(x / W) - 1)).Max();
        var sqDev = works.Select((x, i) =>
        {
            var r = Math.Asinh(Math.Sqrt(x / W));
            return Math.Abs(curves[(vac, "squeezing")][i] / (Math.Sqrt(2) / Math.Tanh(r)) - 1);
        }).Max();
        ctx.ClosedForm("closed forms from the vacuum: std/W = sqrt(w/W) (displacement), sqrt(2) coth r with W = w sinh^2 r (squeezing)", "R14",
            "closed forms", $"max relative deviation {ReproduceContext.F(Math.Max(dispDev, sqDev), "G2")}", grid,
            Test.Equal("max relative deviation, displacement", dispDev, 0, 1e-10), Test.Equal("max relative deviation, squeezing", sqDev, 0, 1e-10));

        // slopes between W/w = 10^2 and 10^3, against the closed forms evaluated at the same two points
        int hi = works.Length - 1, lo = hi - 12;
        double ClosedSlope(Func<double, double> f) => Math.Log(f(works[hi]) / f(works[lo])) / Math.Log(works[hi] / works[lo]);
        var dispSlope = Slope(works, curves[(vac, "displacement")]);
        var sqSlope = Slope(works, curves[(vac, "squeezing")]);
        ctx.ClosedForm("log-log slope of std/W at large W from the vacuum: displacement and squeezing", "R14 (no value in the source)", "-",
            string.Create(CultureInfo.InvariantCulture, $"displacement {dispSlope:F4}, squeezing {sqSlope:F4} between W/w = 10^2 and 10^3"),
            string.Create(CultureInfo.InvariantCulture, $"closed forms at the same points: -1/2 (sqrt(w/W)) and {ClosedSlope(x => Math.Sqrt(2) / Math.Tanh(Math.Asinh(Math.Sqrt(x / W)))):F4} (sqrt(2) coth r, tending to 0)"),
            Test.Equal("displacement slope", dispSlope, -0.5, 1e-9),
            Test.Equal("squeezing slope", sqSlope, ClosedSlope(x => Math.Sqrt(2) / Math.Tanh(Math.Asinh(Math.Sqrt(x / W)))), 1e-9));
        foreach (var beta in new[] { vac, 0.5 })
        {
            var label = double.IsPositiveInfinity(beta) ? "vacuum" : $"βω = {ReproduceContext.F(beta)}";
            ctx.Computed($"log-log slope of std/W at large W, optimal protocol ({label})", "R14 (no value in the source)",
                ReproduceContext.F(Slope(works, curves[(beta, "optimal")]), "F3"), "between W/w = 10^2 and 10^3");
        }

        double w1 = 1, w2 = 1.5, target = 10;
        var two = new OscillatorBattery([w1, w2]);
        var r2 = Math.Asinh(Math.Sqrt(target / (w1 + w2)));
        var tms = two.Charge(GaussianUnitary.TwoModeSqueeze(2, 0, 1, r2));
        var alpha = Math.Sqrt(target / (w1 + w2));
        var both = two.Charge(GaussianUnitary.Displace(2, 0, alpha).Then(GaussianUnitary.Displace(2, 1, alpha)));
        var cothR = 1 / Math.Tanh(r2);
        var coherent = Math.Sqrt(w1 * w1 + w2 * w2) / ((w1 + w2) * alpha); // Poisson photon numbers: var E = sum w_i^2 |alpha|^2
        ctx.ClosedForm("two modes (w = 1, 1.5), W = 10: std/W of two-mode squeezing vs displacing both modes", "R14 (multi-mode; not discussed in the review)", "-",
            $"two-mode squeezing {ReproduceContext.F(tms.RelativePrecision, "G5")}, displacement {ReproduceContext.F(both.RelativePrecision, "G5")}",
            $"closed forms: coth r = {ReproduceContext.F(cothR, "G5")} (n1 = n2 = n with var n = sinh^2 r cosh^2 r), above 1 however large W is; sqrt(w1^2 + w2^2)/((w1 + w2)|alpha|) = {ReproduceContext.F(coherent, "G5")}",
            Test.Equal("std/W of two-mode squeezing", tms.RelativePrecision, cothR, 1e-10), Test.Equal("std/W of displacing both", both.RelativePrecision, coherent, 1e-10));

        var plot = new SvgPlot("Rev 'Cycle precision': relative precision of Gaussian charging", "deposited energy W (units of ω)", "σ(E_final) / W (dimensionless)");
        plot.X.Scale = AxisScale.Log10;
        plot.Y.Scale = AxisScale.Log10;
        var styles = new Dictionary<string, LineStyle> { ["displacement"] = LineStyle.Solid, ["squeezing"] = LineStyle.Dashed, ["optimal"] = LineStyle.Dotted };
        var colorIndex = 0;
        foreach (var beta in new[] { vac, 0.5 })
        {
            var color = SvgPlot.Palette[colorIndex++];
            var label = double.IsPositiveInfinity(beta) ? "vacuum" : $"βω = {ReproduceContext.F(beta)}";
            foreach (var (name, style) in styles) plot.AddLine($"{name}, {label}", works, curves[(beta, name)], style, color);
        }
        ctx.SaveFigure("rev-cycle-precision.svg", plot,
            "Relative precision σ(E_final)/W of a single oscillator (ω = 1) charged to W by displacement alone, squeezing alone and the least-variance combination, from the vacuum and from the Gibbs state at βω = 0.5.");
        ctx.SaveData("rev-cycle-precision.csv", Csv.ToString(["beta", "target_work", "protocol", "squeezing_r", "alpha", "work", "std_final", "relative_precision"], data));
    }

    /// <summary>
    /// Over the whole family "squeeze by r, then displace by |alpha| at angle psi to the squeezed axis" at equal W
    /// (r up to pure squeezing), the largest final std relative to pure squeezing: (max std / std(squeezing)) - 1.
    /// </summary>
    private static double FamilyScan()
    {
        double worst = double.NegativeInfinity;
        foreach (var beta in Betas)
        {
            var battery = new OscillatorBattery([W], beta);
            var a = 0.5 + GaussianState.ThermalOccupation(W, beta);
            foreach (var work in new[] { 0.01, 0.3, 1, 10, 1000 })
            {
                var squeezing = GaussianCharging.Squeezing(W, beta, work).Result.FinalStd;
                var rMax = 0.5 * Math.Acosh(1 + work / (W * a));
                for (var i = 0; i < 60; i++)
                {
                    var r = rMax * i / 60;
                    var alpha = Math.Sqrt(Math.Max(work / W - 2 * a * Math.Pow(Math.Sinh(r), 2), 0));
                    for (var k = 0; k <= 12; k++)
                    {
                        var u = GaussianUnitary.Squeeze(1, 0, r).Then(GaussianUnitary.Displace(1, 0, Complex.FromPolarCoordinates(alpha, Math.PI * k / 12)));
                        worst = Math.Max(worst, battery.Charge(u).FinalStd / squeezing - 1);
                    }
                }
            }
        }
        return worst;
    }

    private static double Slope(double[] works, double[] values)
    {
        int hi = works.Length - 1, lo = hi - 12;
        return Math.Log(values[hi] / values[lo]) / Math.Log(works[hi] / works[lo]);
    }
}
