using System.Globalization;
using QBatt.Cli.Output;
using QBatt.Cli.Commands;
using QBatt.IO;
using QBatt.Thermodynamics;

namespace QBatt.Cli.Reproduce;

/// <summary>
/// Rev Fig. 3 and eqs. (10)-(11) (R4): the extra work per copy Delta w(n) that entangling operations
/// extract from n copies of a passive three-level state (levels {0, 0.579, 1}, eigenvalues
/// {0.538, 0.237, 0.224}), and its limit n -&gt; infinity from the entropy bound.
/// </summary>
internal sealed class RevFig3ManyCopies : IReproduction
{
    private static readonly double[] Levels = [0, 0.579, 1];
    private static readonly double[] Printed = [0.538, 0.237, 0.224];

    public string Id => "rev-fig3";

    public string Title => "Rev Fig. 3: extra work per copy from n copies of a passive state";

    public void Run(ReproduceContext ctx)
    {
        var sum = Printed.Sum();
        var p = Printed.Select(x => x / sum).ToArray();
        const double printedSum = 0.999; // 0.538 + 0.237 + 0.224 by hand
        ctx.SourceDiffers("eigenvalues of sigma sum to 1", "Rev Fig. 3", "{0.538, 0.237, 0.224} (sum 0.999)",
            $"sum {ReproduceContext.F(sum, "G10")}; divided by their sum: {{{string.Join(", ", p.Select(x => ReproduceContext.F(x, "G8")))}}} (factor {ReproduceContext.F(1 / sum, "G8")})",
            "the printed populations are rounded to three digits and sum to 0.999; QBatt refuses that as a state and here divides them by their sum, an explicit, reported choice (as qbatt copies --normalize does)",
            Test.Equal("sum of the printed eigenvalues", sum, printedSum, 1e-12));
        var minStep = Enumerable.Range(0, p.Length - 1).Min(i => p[i] - p[i + 1]);
        ctx.ClosedForm("sigma is passive", "Rev Fig. 3", "passive", $"populations decrease on increasing levels by at least {ReproduceContext.F(minStep, "G4")}; Passivity.IsPassive: {Passivity.IsPassive(p, Levels)}",
            "levels {0, 0.579, 1} increase, so passive iff the populations decrease",
            Test.AtLeast("min_i (p_i - p_(i+1))", minStep, 0), Test.Equal("Passivity.IsPassive (1 = true)", Passivity.IsPassive(p, Levels) ? 1 : 0, 1, 0));

        var mc = ManyCopies.FromDiagonal(p, Levels);
        int[] ns = [.. Enumerable.Range(1, 30), 40, 50, 70, 100, 150, 200, 300, 500, 700, 1000, 2000, 5000, 10000];
        var dw = ns.Select(n => mc.ExtraWorkPerCopy(n)).ToArray();
        double At(int n) => dw[Array.IndexOf(ns, n)];

        // Delta w(n) > 0 exactly when n copies are not passive, passivity by brute force over the 3^n product states
        const int bruteMax = 6;
        var passiveBrute = Enumerable.Range(1, bruteMax).Select(n => BruteForcePassivity.CopiesArePassive(p, Levels, n)).ToArray();
        var zeroWhilePassive = Enumerable.Range(1, bruteMax).Where(n => passiveBrute[n - 1]).Select(n => Math.Abs(At(n))).DefaultIfEmpty(0).Max();
        var positiveOnceNot = Enumerable.Range(1, bruteMax).Where(n => !passiveBrute[n - 1]).Select(At).DefaultIfEmpty(double.NaN).Min();
        var notPassive = Enumerable.Range(1, bruteMax).Where(n => !passiveBrute[n - 1]).ToArray();
        ctx.ClosedForm("Delta w(n) = 0 while n copies stay passive, > 0 once they do not", "Rev Fig. 3 (R4)", "0 at small n, then positive",
            $"n = 1..{bruteMax}: not passive (brute force over the 3^n product states) at n = {string.Join(", ", notPassive)}; max |Delta w| where passive {ReproduceContext.F(zeroWhilePassive, "G3")}, min Delta w where not {ReproduceContext.F(positiveOnceNot, "G6")}",
            "passivity of the copies checked pair by pair, independent of the type classes",
            Test.AtMost("max |Delta w(n)| over passive n", zeroWhilePassive, 0, 1e-15), Test.AtLeast("min Delta w(n) over non-passive n", positiveOnceNot, 1e-6),
            Test.AtLeast("non-passive n found in 1..6", notPassive.Length, 1));
        foreach (var n in new[] { 10, 100, 1000, 10000 })
            ctx.Computed($"Delta w({n})", "Rev Fig. 3 (plotted, no value printed)", ReproduceContext.F(At(n), "G10"), $"type classes ({mc.ClassCount(n):G3} classes)");
        ctx.Computed("limit Delta w_max^inf = tr[sigma H0] - tr[omega_b H0]", "Rev Fig. 3, eq. (10) (R3)", ReproduceContext.F(mc.ExtraLimit, "G10"), $"beta_bar = {ReproduceContext.F(mc.Bound.Beta, "G10")}");

        var above = dw.Max() - mc.ExtraLimit;
        var gap = mc.ExtraLimit - At(10000);
        var gap1000 = mc.ExtraLimit - At(1000);
        ctx.Source("Delta w(n) tends to the limit of eq. (10) as n grows", "Rev eq. (10)", "lim Delta w(n) = Delta w^inf",
            $"max_n Delta w(n) - limit = {ReproduceContext.F(above, "G3")}; limit - Delta w(10^4) = {ReproduceContext.F(gap, "G3")} (limit - Delta w(10^3) = {ReproduceContext.F(gap1000, "G3")})",
            "Delta w(n) by type classes, the limit from the entropy-matched Gibbs state",
            Test.AtMost("max_n Delta w(n) - limit", above, 0, 1e-14), Test.AtLeast("limit - Delta w(10^4)", gap, 0, 1e-14), Test.AtMost("limit - Delta w(10^4)", gap, 1e-6),
            Test.AtLeast("(limit - Delta w(10^3)) - (limit - Delta w(10^4))", gap1000 - gap, 0));

        var oracle = p.Zip(Levels, (x, e) => x * e).Sum() - BruteForcePassivity.PassiveEnergy(p, Levels, 10) / 10; // sigma is passive: tr[sigma H0] = sum p_i E_i
        ctx.ClosedForm("type classes equal enumeration of the 3^10 product states", "R4", "equal", $"|difference| = {ReproduceContext.F(Math.Abs(oracle - At(10)), "G2")}",
            "Delta w(10) = tr[sigma H0] - E_passive(sigma^(x)10)/10 by sorting the 3^10 product states",
            Test.Equal("Delta w(10) by type classes", At(10), oracle, 1e-12));

        var svg = Figures.ExtraWorkPerCopy(ns, dw, mc.ExtraLimit);
        svg.Title = "Rev Fig. 3: extra work per copy from n copies of sigma";
        ctx.SaveFigure("rev-fig3.svg", svg, "Extra work per copy Δw(n) from n copies of the passive state σ (levels {0, 0.579, 1}, eigenvalues {0.538, 0.237, 0.224}/0.999), with the n → ∞ limit of eq. (10).");
        ctx.SaveData("rev-fig3.csv", Csv.ToString(["n", "delta_w"], ns.Select((n, i) => (IReadOnlyList<object?>)[n, dw[i]])));
    }
}
