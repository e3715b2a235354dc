using System.Globalization;
using QBatt.Charging;

namespace QBatt.Cli.Reproduce;

/// <summary>
/// Rev 'Work extraction and indirect path: Avoiding entanglement' and eqs. (12)-(13) (R5), with the
/// PRL's statement that optimal work extraction need not create entanglement: the two-copy
/// three-level example, then the general n-cell procedure up to d^n = 4096.
/// </summary>
internal sealed class RevIndirectPath : IReproduction
{
    // the text keeps E1 < E2 < E3 and p in (0, 1/2) symbolic; this choice satisfies E1 + E3 < 2 E2, which its target state assumes
    private static readonly double[] Levels = [0, 0.579, 1];
    private const double P = 0.2;

    public string Id => "rev-indirect-path";

    public string Title => "Rev 'indirect path' and PRL: optimal work extraction without entanglement";

    public void Run(ReproduceContext ctx)
    {
        var plan = EntanglementFreeExtraction.PlanForCopies([0, P, 1 - P], Levels, 2);
        var v = EntanglementFreeExtraction.Verify(plan);
        var f = plan.FinalPopulations;
        // 0-based: |11> of the text is index 0 (|00>), |12> is 1 (|01>), |21> is 3 (|10>), |13> is 2 (|02>), |31> is 6 (|20>)
        var q = P * (1 - P);
        var coefficient21 = f[3] / q;
        // |12> and |21> are degenerate (E1 + E2 both ways), so the passive state gives both the same population p(1-p): coefficient 1 by hand
        const double handCoefficient21 = 1;
        ctx.SourceDiffers("passive state of rho (x) rho: coefficient of |21><21|", "Rev 'indirect path'", "p(1-p)(|12><12| + 0.21|21><21|)",
            $"p(1-p)(|12><12| + {ReproduceContext.F(coefficient21, "G6")}|21><21|)",
            $"|12> and |21> are degenerate and the passive state is a permutation of the populations p^2, p(1-p), p(1-p), (1-p)^2 of rho (x) rho, so |21><21| carries p(1-p) like |12><12|; '0.21' is damaged text (computed at E = {{0, 0.579, 1}}, p = {P})",
            Test.Equal("coefficient of |21><21| against 1", coefficient21, handCoefficient21, 1e-12));
        var p13 = f[2] + f[6];
        ctx.Source("sigma = (1-p)^2|11> + p(1-p)(|12> + |21>) + p^2|13>, via |33> -> |11>, ..., |22> -> |13>", "Rev 'indirect path'", "(1-p)^2, p(1-p), p(1-p), p^2",
            $"|11>: {ReproduceContext.F(f[0])}, |12>: {ReproduceContext.F(f[1])}, |21>: {ReproduceContext.F(f[3])}, |13> or |31>: {ReproduceContext.F(p13)}; final state {(v.FinalIsPassive ? "passive" : "not passive")}",
            $"p = {P}, levels {{0, 0.579, 1}} (the text's target assumes E1 + E3 <= 2 E2)",
            Test.Equal("|11> population", f[0], (1 - P) * (1 - P), 1e-15), Test.Equal("|12> population", f[1], q, 1e-15), Test.Equal("|21> population", f[3], q, 1e-15),
            Test.Equal("|13> + |31> population", p13, P * P, 1e-15), Test.Equal("final state passive (1 = true)", v.FinalIsPassive ? 1 : 0, 1, 0),
            Test.Equal("max shell deviation from the passive state", v.MaxShellDeviation, 0, 0));

        const int cells = 2;
        var swap = plan.Transpositions.First(t => (t.Alpha == 0 && t.Beta == 8) || (t.Alpha == 8 && t.Beta == 0));
        var executed = plan.Steps.Skip(swap.FirstStep).Take(swap.StepCount).Where(s => !s.Trivial).Select(s => $"{Text(plan, s.From)} <-> {Text(plan, s.To)}").ToList();
        ctx.Source("the swap |33> <-> |11> is done in single-cell steps, e.g. |33> -> |13> then |13> -> |11>", "Rev 'indirect path'", "2 steps through a state differing in one cell",
            string.Create(CultureInfo.InvariantCulture, $"{swap.StepCount} steps (2n - 1 = {2 * cells - 1} for n = {cells}), {executed.Count} non-trivial: {string.Join(", ", executed)} (the mirror route through |31>)"), "",
            Test.Equal("steps of the swap", swap.StepCount, 2 * cells - 1, 0), Test.Equal("non-trivial steps", executed.Count, 2, 0));
        ctx.Source("the state stays separable at every time (eq. 13)", "Rev eq. (13)", "separable",
            $"min partial-transpose eigenvalue {ReproduceContext.F(v.MinPptEigenvalue, "G3")} over {v.StatesChecked} sampled states", "PPT is necessary for separability",
            Test.AtLeast("min partial-transpose eigenvalue", v.MinPptEigenvalue, 0, 1e-12));
        var direct = EntanglementFreeExtraction.StateDuringDirectTransposition(plan, swap.Index, 0.25 * Math.PI).MinOverBipartitions().MinEigenvalue;
        var handDirect = -(1 - P) * (1 - P) / 2;
        ctx.ClosedForm("the direct two-level rotation |33> <-> |11> entangles", "Rev 'Entanglement Generation'", "entangling",
            $"min partial-transpose eigenvalue {ReproduceContext.F(direct, "G6")} halfway (theta = pi/4)",
            $"with |13>, |31> empty at that point the closed form is -(1-p)^2/2 = {ReproduceContext.F(handDirect, "G6")}",
            Test.Equal("min partial-transpose eigenvalue halfway", direct, handDirect, 1e-12));

        // the general procedure: n cells of dimension d, every transposition in 2h - 1 <= 2n - 1 single-cell steps
        var cases = new (double[] P, double[] E, int N)[]
        {
            ([0.1, 0.3, 0.6], [0, 0.579, 1], 4),
            ([0.3, 0.7], [0, 1], 12),
            ([0.1, 0.2, 0.3, 0.4], [0, 0.4, 1, 1.3], 6),
        };
        var summary = new List<string>();
        double minPpt = double.PositiveInfinity, maxDirect = double.NegativeInfinity, stepExcess = 0, distanceExcess = double.NegativeInfinity, energyDev = 0;
        foreach (var (p, e, n) in cases)
        {
            var pl = EntanglementFreeExtraction.PlanForCopies(p, e, n);
            var ve = EntanglementFreeExtraction.Verify(pl, new ExtractionVerificationOptions { SamplesPerStep = 1 });
            minPpt = Math.Min(minPpt, ve.MinPptEigenvalue);
            maxDirect = Math.Max(maxDirect, ve.Direct?.MinPptEigenvalue ?? double.NaN);
            stepExcess = Math.Max(stepExcess, pl.Transpositions.Max(t => Math.Abs(t.StepCount - (2 * t.Distance - 1))));
            distanceExcess = Math.Max(distanceExcess, pl.Transpositions.Max(t => t.Distance) - n);
            energyDev = Math.Max(energyDev, Math.Abs(ve.FinalEnergy - BruteForcePassivity.PassiveEnergy(p, e, n)));
            summary.Add(string.Create(CultureInfo.InvariantCulture, $"d = {e.Length}, n = {n} (D = {pl.Dims.Total}): {pl.Transpositions.Count} transpositions -> {pl.ExecutedSteps} steps, min PPT {ve.MinPptEigenvalue:G2}, direct {ve.Direct!.MinPptEigenvalue:G2}"));
        }
        ctx.Source("optimal extraction from n copies without creating entanglement, for any d and n", "Rev eqs. (12)-(13); PRL refs [10, 11]", "separable throughout, passive at the end",
            string.Join("; ", summary), "PPT across every bipartition at the midpoint of each step; the direct route entangles in each case; the final energy against the passive energy of the d^n product populations sorted here",
            Test.AtLeast("min partial-transpose eigenvalue", minPpt, 0, 1e-12), Test.AtMost("direct route's min partial-transpose eigenvalue", maxDirect, -1e-6),
            Test.Equal("max |steps - (2h - 1)|", stepExcess, 0, 0), Test.AtMost("max h - n", distanceExcess, 0),
            Test.Equal("max |final energy - sorted passive energy|", energyDev, 0, 1e-12));
    }

    /// <summary>The text's 1-based label of a product state.</summary>
    private static string Text(ExtractionPlan plan, int index) =>
        "|" + string.Concat(plan.Levels(index).Select(l => (l + 1).ToString(CultureInfo.InvariantCulture))) + ">";
}
