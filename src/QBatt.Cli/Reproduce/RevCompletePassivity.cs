using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Cli.Reproduce;

/// <summary>
/// The review's statements on thermal, passive and completely passive states (Rev 'Bound on
/// Extractable Work'; R3, R4): thermal states are passive; passive qubit states are thermal; for
/// d &gt; 2 the Gibbs state of equal entropy differs from the passive state; products of passive
/// states need not be passive; completely passive iff thermal, which lets n copies beat the
/// single-copy ergotropy of eq. (7).
/// </summary>
internal sealed class RevCompletePassivity : IReproduction
{
    private const int Seed = 16;
    private static readonly double[] Fig3Levels = [0, 0.579, 1];
    private static readonly double[] Fig3Populations = [0.538 / 0.999, 0.237 / 0.999, 0.224 / 0.999];
    private static readonly int[] CheckedCopies = [2, 3, 5, 10, 30, 100];

    public string Id => "rev-complete-passivity";

    public string Title => "Rev: thermal, passive and completely passive states";

    public void Run(ReproduceContext ctx)
    {
        var rng = new RandomMatrices(Seed);

        var thermalPassive = 0;
        const int gibbsSamples = 100;
        for (var s = 0; s < gibbsSamples; s++)
        {
            var h = Operator.FromDense(rng.Hermitian(2 + s % 6));
            if (Passivity.IsPassive(Gibbs.State(h, 4 * rng.Uniform()), h, tolerance: 1e-9)) thermalPassive++;
        }
        ctx.Check("all thermal states are passive", "Rev 'Bound on Extractable Work'", "passive", $"{thermalPassive} of {gibbsSamples} random Gibbs states (b in [0, 4), d = 2..7, non-diagonal H0) passive",
            thermalPassive == gibbsSamples, $"seed {Seed}");

        double worstQubit = 0, minBeta = double.PositiveInfinity;
        const int qubitSamples = 100;
        for (var s = 0; s < qubitSamples; s++)
        {
            var gap = 0.2 + 2 * rng.Uniform();
            var p = 0.5 * rng.Uniform(); // excited population of a passive qubit
            var beta = Math.Log((1 - p) / p) / gap; // (1 - p)/p = exp(beta dE)
            var g = Gibbs.Populations([0, gap], beta);
            worstQubit = Math.Max(worstQubit, Math.Abs(g[1] - p));
            minBeta = Math.Min(minBeta, beta);
        }
        ctx.Check("for two-level systems all passive states are thermal, (1 - p)/p = exp(beta dE)", "Rev 'Bound on Extractable Work'", "thermal with beta >= 0",
            $"max |omega_beta - sigma| = {ReproduceContext.F(worstQubit, "G2")} over {qubitSamples} passive qubits; smallest beta {ReproduceContext.F(minBeta, "G3")}",
            worstQubit <= 1e-15 && minBeta >= 0 && Passivity.IsCompletelyPassive([0.8, 0.2], [0, 1]), $"seed {Seed}");

        var bound = EntropyBound.Compute(Fig3Populations, Fig3Levels);
        var omega = Gibbs.Populations(Fig3Levels, bound.Beta);
        var diff = omega.Zip(Fig3Populations, (a, b) => Math.Abs(a - b)).Max();
        ctx.Check("for d > 2 the Gibbs state omega_beta_bar differs from the passive state", "Rev 'Bound on Extractable Work'", "omega != sigma in general",
            $"Rev Fig. 3's sigma: omega = ({string.Join(", ", omega.Select(x => ReproduceContext.F(x, "G4")))}), sigma = ({string.Join(", ", Fig3Populations.Select(x => ReproduceContext.F(x, "G4")))})",
            diff > 1e-3);

        var breaks = Passivity.SmallestNonPassiveCopies(Fig3Populations, Fig3Levels, 1000);
        ctx.Check("copies of a passive state need not be passive: (x)^n sigma_rho != sigma_(x^n rho)", "Rev 'Bound on Extractable Work'", "(x)^n sigma not passive for some n",
            $"Rev Fig. 3's sigma: 2 copies {(Passivity.CopiesArePassive(Fig3Populations, Fig3Levels, 2) ? "passive" : "not passive")}; first non-passive n = {breaks}",
            breaks == 3 && Passivity.CopiesArePassive(Fig3Populations, Fig3Levels, 2));

        // completely passive <=> thermal: thermal states pass every n checked; passive non-thermal states fail at a finite n
        var thermalOk = 0;
        const int thermalSamples = 20;
        for (var s = 0; s < thermalSamples; s++)
        {
            var d = 2 + s % 3;
            var e = Enumerable.Range(0, d).Select(_ => rng.Normal()).ToArray();
            var p = Gibbs.Populations(e, 3 * rng.Uniform());
            if (Passivity.IsCompletelyPassive(p, e) && CheckedCopies.All(n => Passivity.CopiesArePassive(p, e, n))) thermalOk++;
        }
        int found = 0, largest = 0;
        const int passiveSamples = 20;
        for (var s = 0; s < passiveSamples; s++)
        {
            var d = 3 + s % 3;
            var e = Enumerable.Range(0, d).Select(_ => rng.Uniform()).Order().ToArray();
            var p = rng.Probabilities(d).OrderDescending().ToArray();
            if (Passivity.IsCompletelyPassive(p, e)) continue;
            if (Passivity.SmallestNonPassiveCopies(p, e, 2000) is { } n) { found++; largest = Math.Max(largest, n); }
        }
        ctx.Check("a state is completely passive iff it is thermal", "Rev [16, 17] (Pusz-Woronowicz, Lenard)", "completely passive <=> thermal",
            $"{thermalOk}/{thermalSamples} random Gibbs states (d = 2..4) with n copies passive for n = {string.Join(", ", CheckedCopies)}; {found}/{passiveSamples} random passive non-thermal states (d = 3..5) not passive from some n <= {largest}",
            thermalOk == thermalSamples && found == passiveSamples, $"seed {Seed}; n-copy passivity by type classes");

        var mc = ManyCopies.FromDiagonal(Fig3Populations, Fig3Levels);
        var w1 = mc.SingleCopyErgotropy;
        var w3 = mc.WorkPerCopy(3);
        ctx.Check("n copies beat the single-copy ergotropy of eq. (7) with entangling operations", "Rev 'Bound on Extractable Work'", "w_max(n) > W_max(1)",
            $"Rev Fig. 3's sigma: W_max(1) = {ReproduceContext.F(w1, "G3")}, w_max(3) = {ReproduceContext.F(w3, "G6")}", w3 > w1 + 1e-6);
    }
}
