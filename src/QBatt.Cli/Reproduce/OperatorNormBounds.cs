using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Cli.Reproduce;

/// <summary>
/// PRL (constraint C0, Supplemental Sec. I; R9): for any state and Hermitian H,
/// Delta H &lt;= ||H||_op and &lt;H&gt; - h_g &lt;= 2 ||H||_op, so the operator-norm constraint bounds the
/// other two. Checked on seeded random Hamiltonians and states, and at the states that saturate them.
/// </summary>
internal sealed class OperatorNormBounds : IReproduction
{
    private const int Seed = 20170412;
    private const int Samples = 400;

    public string Id => "prl-c0-bounds";

    public string Title => "PRL constraint C0: Delta H <= ||H||_op and <H> - h_g <= 2 ||H||_op";

    public void Run(ReproduceContext ctx)
    {
        var rng = new RandomMatrices(Seed);
        double maxSpread = 0, maxEnergy = 0;
        for (var s = 0; s < Samples; s++)
        {
            var d = 2 + s % 15;
            var h = Operator.FromDense(rng.Hermitian(d));
            var rho = s % 2 == 0
                ? DensityMatrix.FromKet(new Ket(rng.UnitVector(d)))
                : new DensityMatrix(rng.DensityMatrix(d, rank: 1 + s % d));
            var (spread, aboveGround, norm) = Statistics(h, rho);
            maxSpread = Math.Max(maxSpread, spread / norm);
            maxEnergy = Math.Max(maxEnergy, aboveGround / norm);
        }

        // Saturation: H with spectrum {-1, 1}; (|-1> + |+1>)/sqrt 2 gives Delta H = ||H||; |+1> gives <H> - h_g = 2 ||H||.
        var z = Pauli.Z;
        var plus = new Ket([1 / Math.Sqrt(2), 1 / Math.Sqrt(2)]);
        var (satSpread, _, n1) = Statistics(z, DensityMatrix.FromKet(plus));
        var (_, satEnergy, n2) = Statistics(z, DensityMatrix.FromKet(Ket.Basis(2, 0)));

        const double tol = 1e-12;
        ctx.Source("Delta H / ||H||_op <= 1 for every state", "PRL Suppl. Sec. I (R9)", "<= 1",
            $"max {ReproduceContext.F(maxSpread)} over {Samples} random (H, rho); {ReproduceContext.F(satSpread / n1, "G15")} at (|0>+|1>)/sqrt2 under sigma_z",
            $"seed {Seed}; bound attained, so it is tight",
            Test.AtMost("max Delta H / ||H||_op", maxSpread, 1, tol), Test.Equal("Delta H / ||H||_op at (|0>+|1>)/sqrt2", satSpread / n1, 1, tol));
        ctx.Source("(<H> - h_g) / ||H||_op <= 2 for every state", "PRL Suppl. Sec. I (R9)", "<= 2",
            $"max {ReproduceContext.F(maxEnergy)} over {Samples} random (H, rho); {ReproduceContext.F(satEnergy / n2, "G15")} at |0> under sigma_z",
            $"seed {Seed}; bound attained, so it is tight",
            Test.AtMost("max (<H> - h_g) / ||H||_op", maxEnergy, 2, tol), Test.Equal("(<H> - h_g) / ||H||_op at |0>", satEnergy / n2, 2, tol));
    }

    /// <summary>(Delta H, &lt;H&gt; - h_g, ||H||_op) in state rho.</summary>
    private static (double Spread, double AboveGround, double Norm) Statistics(Operator h, DensityMatrix rho)
    {
        var mean = h.Expectation(rho).Real;
        var second = (h * h).Expectation(rho).Real;
        var w = MatrixFunctions.EigvalsH(h.ToDense());
        var norm = Math.Max(Math.Abs(w[0]), Math.Abs(w[^1]));
        return (Math.Sqrt(Math.Max(0, second - mean * mean)), mean - w[0], norm);
    }
}
