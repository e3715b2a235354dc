using System.Numerics;
using System.Text.Json.Nodes;
using QBatt.Batteries;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Tests.Dynamics;

/// <summary>
/// The Chebyshev propagator (method 'chebyshev', R6) against the Krylov route and the exact eigendecomposition on the
/// same Hamiltonians, against QuTiP 4.7.1 series recorded at tight tolerance (Data/qutip/make_w3_tight.py), and its
/// Bessel coefficients against scipy.special.jv values; the fused blockwise kernels of XxzMap against plain mat-vecs.
/// </summary>
public class ChebyshevPropagatorTests
{
    private static readonly double[] Times = [.. Enumerable.Range(0, 61).Select(k => 0.05 * k)];

    [Theory]
    // scipy.special.jv(k, x), scipy 1.10.1
    [InlineData(0, 1.0, 0.7651976865579666)]
    [InlineData(5, 10.0, -0.23406152818679354)]
    [InlineData(0, 100.0, 0.01998585030422312)]
    [InlineData(30, 10.0, 1.5510960782574745e-12)]
    [InlineData(3, 0.001, 2.083333203125009e-11)]
    public void Bessel_values_match_scipy(int k, double x, double expected)
    {
        var j = ChebyshevSeries.Bessel(x, k + (int)(x + 60));
        Assert.True(Math.Abs(j[k] - expected) <= 1e-13 * Math.Max(Math.Abs(expected), 1e-3), $"J_{k}({x}) = {j[k]}, scipy {expected}");
    }

    [Fact]
    public void Truncation_bound_meets_the_tolerance_and_is_not_wasteful()
    {
        var j = ChebyshevSeries.Truncated(20, 1e-12, out var bound);
        Assert.True(bound <= 1e-12);
        var full = ChebyshevSeries.Bessel(20, 200);
        var tail = 0.0;
        for (var k = j.Length; k < full.Length; k++) tail += 2 * Math.Abs(full[k]);
        Assert.True(tail <= 1e-12, $"tail {tail}");
        // one term fewer would break the tolerance
        Assert.True(tail + 2 * Math.Abs(full[j.Length - 1]) > 1e-12);
        Assert.InRange(j.Length, 30, 50);
    }

    private static SpinChain Chain(int n, bool periodic = false, CouplingRange range = CouplingRange.NearestNeighbour) =>
        new(n, range: range, periodic: periodic);

    private static Trajectory<Ket> RunMap(SpinChain chain, string method, IReadOnlyList<double> times, double tol = 1e-10)
    {
        var h = chain.ChargingMap();
        var options = new EvolutionOptions { Method = method, AbsoluteTolerance = tol, RelativeTolerance = tol };
        return new SchrodingerMapSolver(h, Dims.Uniform(2, chain.Sites), options, h.NormBound)
            .Run(chain.AllDown(), times, [new MapObservable("H0", chain.BatteryMap()), new MapObservable("P", chain.PowerMap())]);
    }

    [Theory]
    [InlineData(8, false, CouplingRange.NearestNeighbour)]
    [InlineData(15, false, CouplingRange.NearestNeighbour)]
    [InlineData(9, true, CouplingRange.PowerLaw)]
    public void Map_route_matches_krylov(int n, bool periodic, CouplingRange range)
    {
        var chain = Chain(n, periodic, range);
        var cheb = RunMap(chain, "chebyshev", Times);
        var krylov = RunMap(chain, "krylov", Times, 1e-12);
        Assert.Contains("chebyshev", cheb.Statistics.Methods, StringComparison.Ordinal);
        foreach (var name in new[] { "H0", "P" })
        {
            var a = cheb.Expectation(name);
            var b = krylov.Expectation(name);
            for (var k = 0; k < a.Length; k++) Assert.True(Math.Abs(a[k] - b[k]) < 1e-8, $"{name} at t = {Times[k]}: {a[k]} vs {b[k]}");
        }
        var f = cheb.FinalState.Amplitudes;
        var g = krylov.FinalState.Amplitudes;
        double diff = 0;
        for (var i = 0; i < f.Length; i++) diff = Math.Max(diff, (f[i] - g[i]).Magnitude);
        Assert.True(diff < 1e-9, $"final states differ by {diff}");
        // the a priori bound is within the budget and covers the actual error
        Assert.True(cheb.Statistics.ErrorEstimate <= 2.1e-10, $"estimate {cheb.Statistics.ErrorEstimate}");
        Assert.True(diff <= cheb.Statistics.ErrorEstimate + 1e-11);
    }

    [Theory]
    [InlineData("w3_tight_n10_nn.json", false)]
    [InlineData("w3_tight_n10_nn_periodic.json", true)]
    public void Map_route_matches_tight_qutip(string file, bool periodic)
    {
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "qutip", file)))!;
        var times = doc["times"]!.AsArray().Select(x => (double)x!).ToArray();
        var w = doc["series"]!["W"]!.AsArray().Select(x => (double)x!).ToArray();
        var p = doc["series"]!["P"]!.AsArray().Select(x => (double)x!).ToArray();
        var traj = RunMap(Chain(10, periodic), "chebyshev", times);
        var e = traj.Expectation("H0");
        var pw = traj.Expectation("P");
        for (var k = 0; k < times.Length; k++)
        {
            // QuTiP at atol 1e-13, rtol 1e-12: agreement asked to 1e-8 absolute on values of order 10
            Assert.True(Math.Abs(e[k] - e[0] - w[k]) < 1e-8, $"W at {times[k]}: {e[k] - e[0]} vs QuTiP {w[k]}");
            Assert.True(Math.Abs(pw[k] - p[k]) < 1e-8, $"P at {times[k]}: {pw[k]} vs QuTiP {p[k]}");
        }
    }

    [Fact]
    public void Operator_route_without_fused_kernels_matches_exact()
    {
        // a CSR Hamiltonian (the generic path with a work vector) and a Dicke battery with a complex shift of the spectrum
        var dicke = new Dicke(3, 12, 0.5);
        var h = dicke.Hamiltonian() + 2.5 * Operator.Identity(dicke.Hamiltonian().Dims);
        var obs = new[] { new Observable("E_B", dicke.BatteryEnergy()) };
        var cheb = new SchrodingerSolver(h, new EvolutionOptions { Method = "chebyshev" }).Run(dicke.InitialState(), Times, obs);
        var exact = new SchrodingerSolver(h, new EvolutionOptions { Method = "exact" }).Run(dicke.InitialState(), Times, obs);
        var a = cheb.Expectation("E_B");
        var b = exact.Expectation("E_B");
        for (var k = 0; k < a.Length; k++) Assert.True(Math.Abs(a[k] - b[k]) < 1e-9, $"t = {Times[k]}: {a[k]} vs {b[k]}");
        var f = cheb.FinalState.Amplitudes;
        var g = exact.FinalState.Amplitudes;
        for (var i = 0; i < f.Length; i++) Assert.True((f[i] - g[i]).Magnitude < 1e-9);
    }

    [Fact]
    public void Long_steps_beyond_the_reach_limit_stay_accurate()
    {
        // a s up to 400 per step: one output at t = 150 with the bound a = 8.8 of n = 7 needs four steps
        var chain = Chain(7);
        var times = new[] { 0.0, 150.0 };
        var cheb = RunMap(chain, "chebyshev", times);
        var exact = RunMap(chain, "exact", times);
        Assert.True(Math.Abs(cheb.Expectation("H0")[1] - exact.Expectation("H0")[1]) < 1e-8);
        Assert.True(cheb.Statistics.Steps >= 3);
    }

    [Fact]
    public void Chebyshev_is_refused_for_open_dynamics()
    {
        var h = new Hamiltonian(Pauli.X);
        var solver = new LindbladSolver(h, [0.3 * Pauli.Minus], new EvolutionOptions { Method = "chebyshev" });
        var e = Assert.Throws<ValidationException>(() => solver.Run(DensityMatrix.FromKet(Ket.Basis(2, 0)), [0.0, 1.0]));
        Assert.Contains("chebyshev", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_takes_chebyshev_when_no_krylov_basis_fits()
    {
        Assert.True(MemoryEstimate.KrylovFits(1 << 12));
        Assert.False(MemoryEstimate.KrylovFits(1L << 28));
        // the chain's estimate at n = 28: the initial state and three vectors of 4 GiB, within 17 GiB
        var bytes = SpinChainBattery.EstimateBytes(new SpinChain(28), SpinChainRoute.Full);
        Assert.InRange(bytes, 16.0 * (1L << 30), 17.0 * (1L << 30));
        // n = 26: the initial state, the two recurrence vectors, at least one partial sum and the held final state of
        // the refinement of the maximal power (1 GiB each), more partial sums while all of them fit in 80 % of the limit
        var n26 = SpinChainBattery.EstimateBytes(new SpinChain(26), SpinChainRoute.Full);
        Assert.InRange(n26, 5.0 * (1L << 30), Math.Max(5.2 * (1L << 30), 0.8 * MemoryEstimate.DefaultLimit + 0.2 * (1L << 30)));
        Assert.Equal(Math.Clamp((int)Math.Floor(0.8 * MemoryEstimate.DefaultLimit / (1L << 30)) - 4, 1, 16), MemoryEstimate.ChebyshevGroup(1L << 26));
    }

    private static (double[] Hz, double[] Hx, XxzCoupling[] Pairs) Terms(int n, int seed)
    {
        var rng = new RandomMatrices(seed);
        var hz = Enumerable.Range(0, n).Select(_ => rng.Normal()).ToArray();
        var hx = Enumerable.Range(0, n).Select(_ => rng.Normal()).ToArray();
        var pairs = new List<XxzCoupling>();
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                pairs.Add(new XxzCoupling(i, j, rng.Normal() / (j - i), rng.Normal() / (j - i)));
        return (hz, hx, [.. pairs]);
    }

    [Theory]
    [InlineData(6, 1)]
    [InlineData(15, 2)]
    public void Fused_kernels_match_plain_matvecs(int n, int threads)
    {
        var (hz, hx, pairs) = Terms(n, 11 + n);
        IFusedHermitianMap map = new XxzMap(n, hz, hx, pairs, threads);
        var csr = ((XxzMap)map).ToOperator();
        var d = 1 << n;
        var rng = new RandomMatrices(5);
        var x = rng.UnitVector(d);
        var y0 = rng.UnitVector(d);
        var acc0 = rng.UnitVector(d);
        var acc1 = rng.UnitVector(d);
        var hxv = csr.Apply(x);
        var (alpha, beta, gamma) = (0.7, -0.2, -1.0);
        Complex[] c = [new(0.3, -0.4), new(0, 1.5)];
        Complex[] cx = [new(-0.1, 0.25), new(2, 0)];
        // acc_q = c_q y + cx_q x + (initialize ? 0 : acc_q) from y's entry values, then the step; an empty cx means no x term
        foreach (var (init, withX) in new[] { (true, true), (false, true), (false, false) })
        {
            var y = (Complex[])y0.Clone();
            Complex[][] acc = [(Complex[])acc0.Clone(), (Complex[])acc1.Clone()];
            map.Recur(x, y, alpha, beta, gamma, acc, c, withX ? cx : [], init);
            for (var i = 0; i < d; i++)
            {
                var ey = alpha * hxv[i] + beta * x[i] + gamma * y0[i];
                Assert.True((y[i] - ey).Magnitude < 1e-12, $"y at index {i}");
                for (var q = 0; q < 2; q++)
                {
                    var ea = c[q] * y0[i] + (withX ? cx[q] * x[i] : 0) + (init ? 0 : (q == 0 ? acc0 : acc1)[i]);
                    Assert.True((acc[q][i] - ea).Magnitude < 1e-12, $"accumulator {q} at index {i}");
                }
            }
        }
        var expect = map.Expectation(x);
        var oracle = VectorOps.Dot(x, hxv);
        Assert.True((expect - oracle).Magnitude < 1e-12 * Math.Max(1, oracle.Magnitude));
        // the diagonal assembled by blocks against the CSR diagonal
        for (var i = 0; i < d; i += 37) Assert.Equal(csr[i, i].Real, ((XxzMap)map).Diagonal(i), 12);
    }

    [Fact]
    public void Blockwise_power_expectation_matches_the_commutator()
    {
        var chain = Chain(14, range: CouplingRange.PowerLaw);
        var p = (IExpectationMap)chain.PowerMap();
        var x = new RandomMatrices(3).UnitVector(1 << 14);
        var y = new Complex[1 << 14];
        ((ILinearMap)p).Apply(x, y);
        var oracle = VectorOps.Dot(x, y);
        Assert.True((p.Expectation(x) - oracle).Magnitude < 1e-11, $"{p.Expectation(x)} vs {oracle}");
    }
}
