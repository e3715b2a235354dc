using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Cli.Reproduce;

/// <summary>
/// Rev eq. (8) (R3): W_max &lt;= tr[rho H0] - tr[omega_b H0] with S(omega_b) = S(rho), which the review
/// calls a "lower bound"; checked on seeded random states and Hamiltonians.
/// </summary>
internal sealed class RevEntropyBound : IReproduction
{
    private const int Seed = 8;
    private const int Samples = 300;

    public string Id => "rev-eq8-bound";

    public string Title => "Rev eq. 8: the entropy bound on the ergotropy";

    public void Run(ReproduceContext ctx)
    {
        var rng = new RandomMatrices(Seed);
        double maxExcess = double.NegativeInfinity, maxGap = 0, maxQubit = 0;
        for (var s = 0; s < Samples; s++)
        {
            var d = 2 + s % 7;
            var rho = new DensityMatrix(rng.DensityMatrix(d, rank: 1 + s % d));
            var h = Operator.FromDense(rng.Hermitian(d));
            var w = Ergotropy.Compute(rho, h).Value;
            var b = EntropyBound.Compute(rho, h).Bound;
            maxExcess = Math.Max(maxExcess, w - b);
            if (d == 2) maxQubit = Math.Max(maxQubit, Math.Abs(b - w));
            else maxGap = Math.Max(maxGap, b - w);
        }
        const double tol = 1e-10;
        ctx.SourceDiffers("eq. (8) bounds the ergotropy from below", "Rev eq. 8", "\"a lower bound to the ergotropy\"",
            $"an upper bound: max (W_max - bound) = {ReproduceContext.F(maxExcess, "G3")} and max (bound - W_max) = {ReproduceContext.F(maxGap, "G3")} over {Samples} random (rho, H0), d = 2..8",
            $"eq. (8) itself reads W_max <= tr[rho H0] - tr[omega_b H0]: the bound is an upper bound (the Gibbs state has the least energy at given entropy), and it is strictly above W_max for some d > 2 states, so it is no lower bound; 'lower bound' is a slip of the text. Seed {Seed}",
            Test.AtMost("max (W_max - bound)", maxExcess, 0, tol), Test.AtLeast("max (bound - W_max), d > 2", maxGap, 1e-3));
        ctx.Source("the bound is tight for two-level cells (passive qubit states are thermal)", "Rev 'Bound on Extractable Work' (R3)", "bound = W_max for d = 2",
            $"max |bound - W_max| = {ReproduceContext.F(maxQubit, "G3")} over the d = 2 samples", $"seed {Seed}; W_max by sorting, the bound by the entropy-matched Gibbs state",
            Test.Equal("max |bound - W_max|, d = 2", maxQubit, 0, tol));
        ctx.Source("for d > 2 the bound can exceed W_max (omega_b differs from sigma_rho)", "Rev 'Bound on Extractable Work'", "omega_b != sigma_rho in general",
            $"max (bound - W_max) = {ReproduceContext.F(maxGap, "G4")} over the d > 2 samples", $"seed {Seed}",
            Test.AtLeast("max (bound - W_max), d > 2", maxGap, 1e-3));
    }
}
