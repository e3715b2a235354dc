using System.Numerics;
using QBatt.Batteries;
using QBatt.Charging;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Studies;
using QBatt.Thermodynamics;

namespace QBatt.Tests.Charging;

/// <summary>The Conjecture 1 study (R11) against a brute-force power oracle, and the PPT checks along the Proposition 1 trajectory (R10).</summary>
public class ConjectureAndSeparabilityTests
{
    /// <summary>max_t sin^2(t)/t by Newton on 2 t cos t = sin t (the one-cell reference power, hand-derived).</summary>
    internal static double FlipPower()
    {
        var t = 1.2;
        for (var i = 0; i < 50; i++) t -= (2 * t * Math.Cos(t) - Math.Sin(t)) / (Math.Cos(t) - 2 * t * Math.Sin(t));
        return Math.Sin(t) * Math.Sin(t) / t;
    }

    /// <summary>
    /// Oracle for one sample: W(t) = &lt;psi(t)|H0|psi(t)&gt; with psi(t) = V exp(-i Lambda t) V^dag |G&gt; from the
    /// eigendecomposition (no engine), max of W/t over 40001 points on [0, pi] then golden-section refinement.
    /// </summary>
    private static double BruteForcePower(Operator h, double[] h0Diagonal)
    {
        var eig = MatrixFunctions.Eigh(h.ToDense());
        var n = eig.Values.Length;
        var c = new Complex[n];
        for (var j = 0; j < n; j++) c[j] = Complex.Conjugate(eig.Vectors[0, j]); // V^dag |G>, |G> = |0..0>
        double W(double t)
        {
            double w = 0;
            for (var i = 0; i < n; i++)
            {
                var amp = Complex.Zero;
                for (var j = 0; j < n; j++) amp += eig.Vectors[i, j] * Complex.FromPolarCoordinates(1, -eig.Values[j] * t) * c[j];
                w += h0Diagonal[i] * (amp.Real * amp.Real + amp.Imaginary * amp.Imaginary);
            }
            return w;
        }
        const int m = 40000;
        var bestK = 1;
        var best = double.NegativeInfinity;
        for (var k = 1; k <= m; k++)
        {
            var t = Math.PI * k / m;
            var p = W(t) / t;
            if (p > best) (best, bestK) = (p, k);
        }
        double a = Math.PI * (bestK - 1) / m, b = Math.PI * (bestK + 1) / m;
        var g = (Math.Sqrt(5) - 1) / 2;
        for (var it = 0; it < 80; it++)
        {
            double x1 = b - g * (b - a), x2 = a + g * (b - a);
            if (W(x1) / x1 > W(x2) / x2) b = x2; else a = x1;
        }
        return W(0.5 * (a + b)) / (0.5 * (a + b));
    }

    [Fact]
    public void Study_samples_match_a_brute_force_power_and_the_reference_is_n_sin2_over_t()
    {
        var r = ConjectureStudy.Run(new ConjectureOptions { Cells = 3, K = 2, Samples = 6, Seed = 11 });
        Assert.InRange(Math.Abs(r.ParallelPower - 3 * FlipPower()), 0, 1e-9);
        Assert.InRange(Math.Abs(r.Budget - 3), 0, 1e-12);
        var h0 = QuditArrayBattery.Battery(2, 3).DiagonalReal();
        foreach (var s in r.Samples.Take(3))
        {
            var h = RandomKLocal.Sample(2, 3, 2, KLocalEnsemble.HaarLog, s.Seed);
            Assert.Equal(RandomKLocal.SampleSeed(11, s.Index), s.Seed);
            var expected = BruteForcePower(3 / h.OperatorNorm() * h, h0);
            Assert.InRange(Math.Abs(s.Power - expected), 0, 1e-6 * expected);
            Assert.InRange(Math.Abs(s.Gamma - s.Power / r.ParallelPower), 0, 1e-15);
        }
        Assert.Equal(r.Samples.Max(s => s.Gamma), r.MaxGamma);
        Assert.Equal(6, r.HistogramCounts.Sum() + r.AboveBound);
        Assert.Equal(Math.PI, r.HistogramEdges[^1], 14);
        Assert.InRange(Math.Abs(r.WorstHamiltonian.OperatorNorm() - 3), 0, 1e-12);           // C0 saturated
        Assert.InRange(Math.Abs(r.WorstRun.Constraints.OperatorNorm - 3), 0, 1e-12);         // on the trajectory too
        Assert.InRange(Math.Abs(r.WorstRun.AveragePower / r.ParallelPower - r.MaxGamma), 0, 1e-5 * r.MaxGamma);
        Assert.True(r.WorstRun.SpeedLimit.Holds);
        Assert.Contains("all C(N, k) sets S of k cells", r.Operationalisation);
    }

    [Fact]
    public void Study_is_reproducible_and_independent_of_the_thread_count()
    {
        var a = ConjectureStudy.Run(new ConjectureOptions { Cells = 4, K = 3, Samples = 12, Seed = 5, Threads = 1, Ensemble = KLocalEnsemble.Gue });
        var b = ConjectureStudy.Run(new ConjectureOptions { Cells = 4, K = 3, Samples = 12, Seed = 5, Threads = 2, Ensemble = KLocalEnsemble.Gue });
        Assert.Equal(a.Samples.Select(s => s.Gamma), b.Samples.Select(s => s.Gamma));
        Assert.Equal(a.Worst, b.Worst);
        Assert.True(a.MaxGamma < a.Bound);
        var c = ConjectureStudy.Run(new ConjectureOptions { Cells = 4, K = 3, Samples = 12, Seed = 6, Ensemble = KLocalEnsemble.Gue });
        Assert.NotEqual(a.MaxGamma, c.MaxGamma);
        Assert.Contains("'K'", Assert.Throws<ValidationException>(() => ConjectureStudy.Run(new ConjectureOptions { Cells = 3, K = 4 })).Message);
        Assert.Throws<ResourceException>(() => ConjectureStudy.Run(new ConjectureOptions { Cells = 13, K = 2 }));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.5)]
    public void Two_qubit_orbit_has_the_hand_derived_smallest_ppt_eigenvalue(double eps)
    {
        // rho(t) = X-state; the partial transpose's {01, 10} block has diagonal p01 and coherence
        // cos t sin t (p00 - p11): smallest eigenvalue p01 - (p00 - p11)/2 at t = pi/4, x = e^-eps, Z = (1 + x)^2
        var x = Math.Exp(-eps);
        var expected = (x - (1 - x * x) / 2) / ((1 + x) * (1 + x));
        var check = Proposition1.CheckTrajectory(2, eps);
        Assert.InRange(Math.Abs(check.MinPptEigenvalue - expected), 0, 1e-9);
        Assert.Equal(Math.PI / 4, check.WorstTime, 12);
        Assert.Equal(eps < Math.Log(1 + Math.Sqrt(2)), check.PptThroughout);
        Assert.InRange(check.MaxDistanceDrift, 0, 1e-9);
        Assert.Equal(1, check.Bipartitions);
    }

    [Fact]
    public void Two_qubit_ppt_threshold_is_ln_1_plus_sqrt_2_and_above_the_certificate()
    {
        // p01 - (p00 - p11)/2 >= 0  <=>  x^2 + 2x - 1 >= 0  <=>  eps <= ln(1 + sqrt 2)
        var (t, error) = Proposition1.PptThresholdWithError(2);
        Assert.InRange(Math.Abs(t - Math.Log(1 + Math.Sqrt(2))), 0, 1e-10);
        Assert.InRange(error, 0, 1e-10);
        Assert.True(SeparableBall.Certify(2, [0, 1]).MaxEps < t);
        Assert.Throws<ResourceException>(() => Proposition1.CheckTrajectory(9, 0.01));
    }
}
