using System.Globalization;
using QBatt.Cli.Output;
using QBatt.Batteries;
using QBatt.Charging;
using QBatt.Cli.Commands;
using QBatt.IO.Plot;
using QBatt.IO;
using QBatt.Models;
using QBatt.Numerics;

namespace QBatt.Cli.Reproduce;

/// <summary>
/// Rev eqs 23-26 and Fig. 7 (R12, Ferraro et al.): the Dicke battery charged from |N photons&gt; (x)
/// |all down&gt; has a collective advantage Gamma = max P_Dicke / (N max P_Rabi) that grows like sqrt(N).
/// Gamma(N) is computed at lambda = 0.5 (the coupling of BENCHMARKS.md W2) for N = 1..120 and at
/// lambda = 0.1 for N = 1..160, in the symmetric subspace with the default cutoff and window, and fitted
/// against sqrt(N) and on log-log axes; the top Fock population of every run is checked.
/// </summary>
internal sealed class RevDickeAdvantage : IReproduction
{
    private static readonly int[] Main = [1, 2, 3, 4, 6, 8, 10, 15, 20, 30, 40, 60, 80, 120];
    private static readonly int[] Second = [1, 2, 5, 10, 20, 40, 80, 160];

    public string Id => "rev-dicke-sqrt-n";

    public string Title => "Rev eqs 23-26, Fig. 7: Dicke battery advantage Gamma ~ sqrt(N)";

    public void Run(ReproduceContext ctx)
    {
        var (gamma, top, fit, exponent) = Series(0.5, Main);
        var (gamma2, top2, _, _) = Series(0.1, Second);
        var worstTop = Math.Max(top.Max(), top2.Max());
        ctx.Consistency("photon cutoff adequate in every run (top Fock level population <= 1e-8)", "R12", "<= 1e-8",
            $"max {ReproduceContext.F(worstTop, "G3")} over {Main.Length + Second.Length} runs (default cutoffs, largest {Models.Dicke.DefaultCutoff(120, 0.5, Models.Dicke.DefaultTimeWindow(120, 0.5))} levels at N = 120)",
            "a numerical adequacy check of the library's own truncation", Test.AtMost("max top Fock population", worstTop, 1e-8));
        ctx.Consistency("N = 1: the Dicke battery is the Rabi reference, Gamma = 1", "R12", "1", ReproduceContext.F(gamma[0], "G12"),
            "the same system through the Dicke and the Rabi builders", Test.Equal("Gamma(N = 1)", gamma[0], 1, 1e-9));
        foreach (var n in new[] { 10, 40, 120 })
        {
            var g = gamma[Array.IndexOf(Main, n)];
            ctx.Computed($"Gamma(N = {n}) at lambda = 0.5", "Rev Fig. 7 (no value printed)", $"{ReproduceContext.F(g, "G6")} (sqrt(N) = {ReproduceContext.F(Math.Sqrt(n), "G6")})");
        }
        ctx.Source("Gamma grows like sqrt(N) (lambda = 0.5)", "Rev eq. (26), Fig. 7", "Gamma ~ sqrt(N) up to a constant factor",
            string.Create(CultureInfo.InvariantCulture, $"least squares Gamma = {fit.Slope:F4} sqrt(N) + {fit.Intercept:F4} (R^2 = {fit.RSquared:F6}); log-log exponent {exponent:F4} over N = 10..120"),
            "N = 1..120, symmetric subspace, default cutoff and window",
            Test.AtLeast("R^2 of Gamma against sqrt(N)", fit.RSquared, 0.999), Test.Equal("log-log exponent, N = 10..120", exponent, 0.5, 0.05));
        var local = Enumerable.Range(Second.Length - 4, 4).Select(i => Math.Log(gamma2[i] / gamma2[i - 1]) / Math.Log((double)Second[i] / Second[i - 1])).ToArray();
        var minDecrease = local.Zip(local.Skip(1)).Min(p => p.First - p.Second);
        ctx.Source("at weaker coupling (lambda = 0.1) the growth tends to sqrt(N) as N grows", "Rev eq. (26): 'in the limit of large n'", "exponent -> 1/2",
            string.Create(CultureInfo.InvariantCulture, $"local exponents d ln Gamma / d ln N between N = 10, 20, 40, 80, 160: {string.Join(", ", local.Select(e => e.ToString("F3", CultureInfo.InvariantCulture)))}; Gamma(160) = {gamma2[^1]:F4} (sqrt 160 = {Math.Sqrt(160):F4})"),
            "below lambda sqrt(N) ~ 0.5 the cells are near the Tavis-Cummings regime and Gamma grows faster; the sqrt(N) law sets in once lambda sqrt(N) >> 1",
            Test.AtLeast("smallest decrease between successive local exponents", minDecrease, 0), Test.Equal("last local exponent", local[^1], 0.5, 0.05));
        var ratios = Main.Select((n, i) => gamma[i] / Math.Sqrt(n)).ToArray();
        ctx.Source("Gamma <= sqrt(N) modulo a constant factor independent of N", "Rev eq. (26)", "max Gamma/sqrt(N) bounded",
            string.Create(CultureInfo.InvariantCulture, $"Gamma/sqrt(N) in [{ratios.Min():F4}, {ratios.Max():F4}] for lambda = 0.5, N = 1..120"), "",
            Test.AtMost("max Gamma/sqrt(N)", ratios.Max(), 1.1));

        var svg = Figures.DickeGamma(Main, gamma, 0.5);
        svg.Title = "Rev Fig. 7: Dicke battery advantage Gamma(N), lambda = 0.5";
        svg.AddScatter("Γ(N), λ = 0.1", [.. Second.Select(n => (double)n)], gamma2, MarkerShape.Square, SvgPlot.Palette[3]);
        ctx.SaveFigure("rev-dicke-sqrt-n.svg", svg, "Collective advantage Γ = max P_Dicke / (N max P_Rabi) of the Dicke battery against N (symmetric subspace, default photon cutoff and window), with √N and the least-squares fit a√N + b at λ = 0.5, and the λ = 0.1 series.");
        var rows = Main.Select((n, i) => (IReadOnlyList<object?>)[0.5, n, gamma[i], top[i]])
            .Concat(Second.Select((n, i) => (IReadOnlyList<object?>)[0.1, n, gamma2[i], top2[i]]));
        ctx.SaveData("rev-dicke-sqrt-n.csv", Csv.ToString(["lambda", "N", "gamma", "top_fock_population"], rows));
    }

    private static (double[] Gamma, double[] Top, LinearFit Fit, double Exponent) Series(double lambda, int[] ns)
    {
        var rabi = DickeBattery.ChargeRabi(lambda);
        var runs = ns.Select(n => DickeBattery.Charge(n, lambda, reference: rabi)).ToArray();
        var gamma = runs.Select(r => r.Gamma).ToArray();
        var top = runs.Select(r => Math.Max(r.LimitMaxima[DickeBattery.TopFockLevel], rabi.LimitMaxima[DickeBattery.TopFockLevel])).ToArray();
        var fit = LinearFit.Of([.. ns.Select(n => Math.Sqrt(n))], gamma);
        var large = ns.Select((n, i) => (n, i)).Where(p => p.n >= 10).ToArray();
        var exponent = LinearFit.Of([.. large.Select(p => Math.Log(p.n))], [.. large.Select(p => Math.Log(gamma[p.i]))]).Slope;
        return (gamma, top, fit, exponent);
    }
}
