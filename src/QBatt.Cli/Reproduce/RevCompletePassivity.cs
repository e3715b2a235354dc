using System.Globalization;
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

        double worstThermalW = 0;
        const int gibbsSamples = 100;
        for (var s = 0; s < gibbsSamples; s++)
        {
            var h = Operator.FromDense(rng.Hermitian(2 + s % 6));
            worstThermalW = Math.Max(worstThermalW, Ergotropy.Compute(Gibbs.State(h, 4 * rng.Uniform()), h).Value);
        }
        ctx.Source("all thermal states are passive", "Rev 'Bound on Extractable Work'", "passive (W_max = 0)",
            $"max W_max = {ReproduceContext.F(worstThermalW, "G3")} over {gibbsSamples} random Gibbs states (b in [0, 4), d = 2..7, non-diagonal H0)", $"seed {Seed}",
            Test.AtMost("max ergotropy of a Gibbs state", worstThermalW, 0, 1e-12));

        // random qubit states in a random H0 basis: the passive state from Ergotropy.Compute against the Gibbs state of
        // equal entropy, both built here in closed form (eigenvalues of 2x2 matrices, beta by bisection)
        double worstQubit = 0, minBeta = double.PositiveInfinity;
        const int qubitSamples = 100;
        for (var s = 0; s < qubitSamples; s++)
        {
            var hm = rng.Hermitian(2);
            var rho = new DensityMatrix(rng.DensityMatrix(2, rank: 2));
            var sigma = Ergotropy.Compute(rho, Operator.FromDense(hm)).PassiveState.ToMatrix();
            var (beta, omega) = EntropyMatchedQubitGibbs(rho.ToMatrix(), hm);
            worstQubit = Math.Max(worstQubit, ComplexMatrix.MaxAbsDifference(sigma, omega));
            minBeta = Math.Min(minBeta, beta);
        }
        ctx.ClosedForm("for two-level systems all passive states are thermal, (1 - p)/p = exp(beta dE)", "Rev 'Bound on Extractable Work'", "thermal with beta >= 0",
            $"max |sigma_rho - omega_beta| = {ReproduceContext.F(worstQubit, "G2")} over {qubitSamples} random mixed qubit states in random H0 bases; smallest beta {ReproduceContext.F(minBeta, "G3")}",
            $"seed {Seed}; sigma_rho from Ergotropy.Compute, omega_beta = (I - tanh(beta dE/2) (H0 - tr H0/2)/(dE/2))/2 with beta matching the entropy of rho by bisection",
            Test.Equal("max |sigma_rho - omega_beta|", worstQubit, 0, 1e-9), Test.AtLeast("smallest entropy-matched beta", minBeta, 0));

        var bound = EntropyBound.Compute(Fig3Populations, Fig3Levels);
        var omega3 = Gibbs.Populations(Fig3Levels, bound.Beta);
        var diff = omega3.Zip(Fig3Populations, (x, y) => Math.Abs(x - y)).Max();
        ctx.Source("for d > 2 the Gibbs state omega_beta_bar differs from the passive state", "Rev 'Bound on Extractable Work'", "omega != sigma in general",
            $"Rev Fig. 3's sigma: omega = ({string.Join(", ", omega3.Select(x => ReproduceContext.F(x, "G4")))}), sigma = ({string.Join(", ", Fig3Populations.Select(x => ReproduceContext.F(x, "G4")))})", "",
            Test.AtLeast("max |omega - sigma|", diff, 1e-3));

        const int bruteMax = 6;
        var breaks = Passivity.SmallestNonPassiveCopies(Fig3Populations, Fig3Levels, 1000);
        var brute = BruteForcePassivity.FirstNonPassive(Fig3Populations, Fig3Levels, bruteMax);
        ctx.ClosedForm("copies of a passive state need not be passive: (x)^n sigma_rho != sigma_(x^n rho)", "Rev 'Bound on Extractable Work'", "(x)^n sigma not passive for some n",
            $"Rev Fig. 3's sigma: first non-passive n = {breaks?.ToString(CultureInfo.InvariantCulture) ?? "none"} (type classes), {brute?.ToString(CultureInfo.InvariantCulture) ?? $"none up to {bruteMax}"} (brute force, pairs of the 3^n product states)",
            $"brute force over n <= {bruteMax}",
            Test.AtLeast("non-passive n found by brute force", brute is null ? 0 : 1, 1), Test.Equal("first non-passive n, type classes", breaks ?? -1, brute ?? -2, 0));

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
        int found = 0, largest = 0, nonThermal = 0;
        const int passiveSamples = 20;
        for (var s = 0; s < passiveSamples; s++)
        {
            var d = 3 + s % 3;
            var e = Enumerable.Range(0, d).Select(_ => rng.Uniform()).Order().ToArray();
            var p = rng.Probabilities(d).OrderDescending().ToArray();
            if (Passivity.IsCompletelyPassive(p, e)) continue;
            nonThermal++;
            if (Passivity.SmallestNonPassiveCopies(p, e, 2000) is { } n) { found++; largest = Math.Max(largest, n); }
        }
        ctx.Source("a state is completely passive iff it is thermal", "Rev [16, 17] (Pusz-Woronowicz, Lenard)", "completely passive <=> thermal",
            $"{thermalOk}/{thermalSamples} random Gibbs states (d = 2..4) with n copies passive for n = {string.Join(", ", CheckedCopies)}; {found}/{nonThermal} random passive non-thermal states (d = 3..5) not passive from some n <= {largest}",
            $"seed {Seed}; n-copy passivity by type classes",
            Test.Equal("thermal states with every n checked passive", thermalOk, thermalSamples, 0), Test.Equal("non-thermal states found non-passive", found, nonThermal, 0),
            Test.AtLeast("non-thermal samples", nonThermal, 1));

        var mc = ManyCopies.FromDiagonal(Fig3Populations, Fig3Levels);
        var w1 = mc.SingleCopyErgotropy;
        var nb = brute ?? bruteMax;
        var wn = mc.WorkPerCopy(nb);
        ctx.Source("n copies beat the single-copy ergotropy of eq. (7) with entangling operations", "Rev 'Bound on Extractable Work'", "w_max(n) > W_max(1)",
            string.Create(CultureInfo.InvariantCulture, $"Rev Fig. 3's sigma: W_max(1) = {w1:G3}, w_max({nb}) = {wn:G6}"), "n = the first non-passive n by brute force",
            Test.AtLeast("w_max(n) - W_max(1)", wn - w1, 1e-6));
    }

    /// <summary>
    /// The Gibbs state of a qubit H0 with the entropy of rho, in closed form: the eigenvalues of 2x2 Hermitian
    /// matrices from their trace and determinant, beta by bisection on the binary entropy.
    /// </summary>
    private static (double Beta, ComplexMatrix Omega) EntropyMatchedQubitGibbs(ComplexMatrix rho, ComplexMatrix h)
    {
        var det = (rho[0, 0] * rho[1, 1] - rho[0, 1] * rho[1, 0]).Real;
        var pMin = 0.5 * (1 - Math.Sqrt(Math.Max(0, 1 - 4 * det)));
        static double H2(double q) => q <= 0 || q >= 1 ? 0 : -q * Math.Log(q) - (1 - q) * Math.Log(1 - q);
        var target = H2(pMin);
        var mean = 0.5 * (h[0, 0].Real + h[1, 1].Real);
        var halfGap = Math.Sqrt(Math.Pow(0.5 * (h[0, 0].Real - h[1, 1].Real), 2) + h[0, 1].Magnitude * h[0, 1].Magnitude);
        double lo = 0, hi = 1e3 / halfGap;
        for (var i = 0; i < 200; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (H2(1 / (1 + Math.Exp(2 * halfGap * mid))) > target) lo = mid; else hi = mid;
        }
        var beta = 0.5 * (lo + hi);
        var t = Math.Tanh(beta * halfGap);
        var omega = new ComplexMatrix(2, 2);
        for (var i = 0; i < 2; i++)
            for (var j = 0; j < 2; j++)
                omega[i, j] = 0.5 * ((i == j ? 1 : 0) - t * (h[i, j] - (i == j ? mean : 0)) / halfGap);
        return (beta, omega);
    }
}
