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
        ctx.SourceDiffers("eigenvalues of sigma sum to 1", "Rev Fig. 3", "{0.538, 0.237, 0.224} (sum 0.999)",
            $"divided by their sum: {{{string.Join(", ", p.Select(x => ReproduceContext.F(x, "G8")))}}} (factor {ReproduceContext.F(1 / sum, "G8")})",
            "the printed populations are rounded to three digits and sum to 0.999; QBatt refuses that as a state and here divides them by their sum, an explicit, reported choice (as qbatt copies --normalize does)");
        ctx.Check("sigma is passive", "Rev Fig. 3", "passive", Passivity.IsPassive(p, Levels) ? "passive" : "not passive", Passivity.IsPassive(p, Levels));

        var mc = ManyCopies.FromDiagonal(p, Levels);
        int[] ns = [.. Enumerable.Range(1, 30), 40, 50, 70, 100, 150, 200, 300, 500, 700, 1000, 2000, 5000, 10000];
        var dw = ns.Select(n => mc.ExtraWorkPerCopy(n)).ToArray();
        double At(int n) => dw[Array.IndexOf(ns, n)];
        var breaks = Passivity.SmallestNonPassiveCopies(p, Levels, 10000);

        ctx.Check("Delta w(n) = 0 while n copies stay passive, > 0 once they do not", "Rev Fig. 3 (R4)", "0 at small n, then positive",
            $"Delta w(1) = {ReproduceContext.F(At(1), "G3")}, Delta w(2) = {ReproduceContext.F(At(2), "G3")}, Delta w(3) = {ReproduceContext.F(At(3), "G6")}; copies stop being passive at n = {breaks?.ToString(CultureInfo.InvariantCulture) ?? "none"}",
            Math.Abs(At(1)) <= 1e-15 && Math.Abs(At(2)) <= 1e-15 && At(3) > 1e-6 && breaks == 3);
        foreach (var n in new[] { 10, 100, 1000, 10000 })
            ctx.Computed($"Delta w({n})", "Rev Fig. 3 (plotted, no value printed)", ReproduceContext.F(At(n), "G10"), $"type classes ({mc.ClassCount(n):G3} classes)");
        ctx.Computed("limit Delta w_max^inf = tr[sigma H0] - tr[omega_b H0]", "Rev Fig. 3, eq. (10) (R3)", ReproduceContext.F(mc.ExtraLimit, "G10"), $"beta_bar = {ReproduceContext.F(mc.Bound.Beta, "G10")}");

        var below = dw.All(x => x <= mc.ExtraLimit + 1e-14);
        var gap = mc.ExtraLimit - At(10000);
        ctx.Check("Delta w(n) tends to the limit of eq. (10) as n grows", "Rev eq. (10)", "lim Delta w(n) = Delta w^inf",
            $"Delta w(n) <= limit for every n computed; limit - Delta w(10^4) = {ReproduceContext.F(gap, "G3")} (limit - Delta w(10^3) = {ReproduceContext.F(mc.ExtraLimit - At(1000), "G3")})",
            below && gap >= -1e-14 && gap < 1e-6 && gap < mc.ExtraLimit - At(1000));

        var oracle = Enumerate(p, 10);
        ctx.Check("type classes equal enumeration of the 3^10 product states", "R4", "equal", $"|difference| = {ReproduceContext.F(Math.Abs(oracle - At(10)), "G2")}",
            Math.Abs(oracle - At(10)) <= 1e-12);

        var svg = Figures.ExtraWorkPerCopy(ns, dw, mc.ExtraLimit);
        svg.Title = "Rev Fig. 3: extra work per copy from n copies of sigma";
        ctx.SaveFigure("rev-fig3.svg", svg.ToSvg(), "Extra work per copy Delta w(n) from n copies of the passive state sigma (levels {0, 0.579, 1}, eigenvalues {0.538, 0.237, 0.224}/0.999), with the n -> infinity limit of eq. (10).");
        ctx.SaveData("rev-fig3.csv", Csv.ToString(["n", "delta_w"], ns.Select((n, i) => (IReadOnlyList<object?>)[n, dw[i]])));
    }

    /// <summary>Delta w(n) by listing all 3^n product states (independent of the type classes).</summary>
    private static double Enumerate(double[] p, int n)
    {
        var size = (int)Math.Pow(3, n);
        var probs = new double[size];
        var energies = new double[size];
        for (var x = 0; x < size; x++)
        {
            double pr = 1, en = 0;
            for (int k = 0, rest = x; k < n; k++, rest /= 3) { pr *= p[rest % 3]; en += Levels[rest % 3]; }
            probs[x] = pr;
            energies[x] = en;
        }
        Array.Sort(probs);
        Array.Reverse(probs);
        Array.Sort(energies);
        double passive = 0;
        for (var x = 0; x < size; x++) passive += probs[x] * energies[x];
        return Ergotropy.PassiveEnergy(p, Levels) - passive / n;
    }
}
