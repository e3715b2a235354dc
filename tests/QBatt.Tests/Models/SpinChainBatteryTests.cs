using System.Numerics;
using QBatt.Batteries;
using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Tests.Models;

/// <summary>
/// The spin-chain battery (R13): XXX against the closed-form argument, the independent reference against
/// n B (1 - cos 2 omega t), the collective-spin route against the full space, the ground state against
/// dense diagonalisation, energy conservation, the power operator, and the memory refusal.
/// </summary>
public class SpinChainBatteryTests
{
    private static double[,] RandomCouplings(int n, int seed, double scale, bool positive)
    {
        var rng = new RandomMatrices(seed);
        var g = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var v = scale * rng.Normal();
                g[i, j] = g[j, i] = positive ? Math.Abs(v) : v;
            }
        }
        return g;
    }

    /// <summary>
    /// alpha = 1: sigma^i . sigma^j commutes with the total spin, so Hg commutes with the drive, and all-down
    /// lies in the multiplet where Hg is the constant -sum g_ij: W(t) = n B (1 - cos 2 omega t) exactly, the
    /// curve of independent spins, for any couplings (ferromagnetic, so that all-down is the ground state).
    /// </summary>
    [Fact]
    public void Xxx_chain_charges_like_independent_spins()
    {
        SpinChain[] chains =
        [
            new(6, 0.8, 0.7, 1, 1.3),
            new(5, 0.8, 0.4, 1, 1.3, CouplingRange.PowerLaw, 1.5, periodic: true),
            new(RandomCouplings(5, 3, 0.5, positive: true), 0.8, 1, 1.3),
            new(30, 0.8, 0.2, 1, 1.3, CouplingRange.Uniform),
        ];
        foreach (var chain in chains)
        {
            var r = SpinChainBattery.Charge(chain);
            Assert.Equal(1, r.Gamma, 10);
            for (var k = 0; k < r.Curve!.Times.Count; k++)
            {
                var t = r.Curve!.Times[k];
                var closed = chain.Sites * chain.Field * (1 - Math.Cos(2 * chain.Drive * t));
                Assert.True(Math.Abs(r.Curve!.Work[k] - closed) < 1e-8 * chain.Sites, $"{chain.Range}, t = {t}: {r.Curve!.Work[k]} vs {closed}");
            }
        }
        // the argument itself: [Hg, sum sigma_x] = 0 for alpha = 1, not otherwise
        var x = Operators.SumOverCells(Pauli.X, 6);
        foreach (var (alpha, zero) in new[] { (1.0, true), (0.5, false), (-1.0, false) })
        {
            var hg = new SpinChain(6, 1, 0.7, alpha, 1, CouplingRange.PowerLaw).Interaction();
            var norm = hg.Commutator(x).ToDense().FrobeniusNorm();
            Assert.True(zero ? norm < 1e-12 : norm > 0.1, $"alpha = {alpha}: ||[Hg, X]|| = {norm}");
        }
    }

    [Fact]
    public void Independent_reference_is_the_closed_form()
    {
        var chain = new SpinChain(4, 0.7, 0.2, -1, 1.3);
        var times = Enumerable.Range(0, 301).Select(k => 0.01 * k).ToArray();
        var c = SpinChainBattery.IndependentCurve(chain, times);
        for (var k = 0; k < times.Length; k++)
            Assert.Equal(4 * 0.7 * (1 - Math.Cos(2 * 1.3 * times[k])), c.Work[k], 9);
        // max_t W/t = n B 2 omega max_x (1 - cos x)/x, x* from x sin x = 1 - cos x (Newton)
        var xs = 2.3;
        for (var i = 0; i < 50; i++) xs -= (xs * Math.Sin(xs) - 1 + Math.Cos(xs)) / (xs * Math.Cos(xs));
        // refined from the dynamics (W and P from the state around the grid's estimate): to the solver's tolerance
        Assert.InRange(c.MaxPower - 4 * 0.7 * 2 * 1.3 * (1 - Math.Cos(xs)) / xs, -1e-9, 1e-9);
        Assert.InRange(c.ChargingTime - xs / (2 * 1.3), -1e-9, 1e-9);
        Assert.Equal("dynamics", c.Maximum.Method);
        Assert.True(c.Maximum.TimeError < 1e-9);
        // a negative field: the ground state is all up and the curve is the same
        var flipped = SpinChainBattery.IndependentCurve(new SpinChain(4, -0.7, 0.2, -1, 1.3), times);
        Assert.Equal(c.MaxPower, flipped.MaxPower, 10);
    }

    [Theory]
    [InlineData(3, 0.1, -1.0, 1.0)]
    [InlineData(6, 0.1, -1.0, 1.0)]
    [InlineData(8, 0.05, 0.4, 0.7)]
    [InlineData(10, 0.03, 0.0, 1.0)]
    [InlineData(7, 0.2, -1.0, -0.8)]
    public void Collective_route_matches_the_full_space(int n, double g, double alpha, double b)
    {
        var chain = new SpinChain(n, b, g, alpha, 1.1, CouplingRange.Uniform);
        var options = new SpinChainChargingOptions { TimeWindow = 2, Steps = 100 };
        Assert.Equal(SpinChainRoute.Collective, new SpinChainBattery(chain, options).Route);
        var collective = SpinChainBattery.Charge(chain, options);
        var full = SpinChainBattery.Charge(chain, options with { Route = SpinChainRoute.Full });
        Assert.Equal(n + 1, collective.Dimension);
        Assert.Equal(1 << n, full.Dimension);
        Assert.Equal(full.Energy[0], collective.Energy[0], 10);
        for (var k = 0; k < collective.Curve!.Times.Count; k++)
        {
            Assert.True(Math.Abs(collective.Curve!.Work[k] - full.Curve!.Work[k]) < 1e-9 * n, $"W at t = {collective.Curve!.Times[k]}");
            Assert.True(Math.Abs(collective.Curve!.InstantaneousPower![k] - full.Curve!.InstantaneousPower![k]) < 1e-8 * n, $"P at t = {collective.Curve!.Times[k]}");
        }
        Assert.Equal(full.Gamma, collective.Gamma, 9);
    }

    [Theory]
    [InlineData(6, 1, 0.3, 0.2)]
    [InlineData(7, 2, -0.7, 0.1)]
    [InlineData(6, 3, 1.6, 0.5)]
    public void Ground_state_matches_dense_diagonalisation(int n, int seed, double alpha, double b)
    {
        var chain = new SpinChain(RandomCouplings(n, seed, 1, positive: false), b, alpha);
        var ground = chain.GroundState();
        var h0 = chain.BatteryHamiltonian();
        var w = MatrixFunctions.EigvalsH(h0.ToDense());
        Assert.Equal(w[0], ground.Energy, 9);
        Assert.True(w[1] - w[0] >= ground.GapLowerBound - 1e-9);
        var hpsi = h0.Apply(ground.State.Amplitudes);
        double residual = 0;
        for (var i = 0; i < hpsi.Length; i++) residual = Math.Max(residual, (hpsi[i] - ground.Energy * ground.State[i]).Magnitude);
        Assert.True(residual < 1e-9, $"residual {residual}");
    }

    [Fact]
    public void Ground_state_in_a_large_sector_by_lanczos()
    {
        // antiferromagnetic nearest neighbour with a weak field: the ground state is near half filling,
        // in a sector of C(14, 7) = 3432 states; oracle: Lanczos on the full 2^14 H0 (value only)
        var chain = new SpinChain(14, 0.05, -1, 0.5, 1);
        var ground = chain.GroundState();
        var (oracle, _) = LanczosEigen.Lowest(LinearMap.From(chain.BatteryHamiltonian().ToSparse()), 1e-11);
        Assert.Equal(oracle, ground.Energy, 8);
        Assert.False(ground.IsAllDown);
        Assert.Equal(7, ground.UpSpins);
        Assert.Equal(ground.Energy, chain.BatteryMap().Expectation(ground.State.Amplitudes), 8);
    }

    [Fact]
    public void Certified_all_down_and_degenerate_levels()
    {
        var g = new SpinChain(12).GroundState();
        Assert.True(g.IsAllDown);
        Assert.Equal(2, g.GapLowerBound, 12);
        Assert.Equal(1, g.SectorsSolved);
        Assert.Equal(1, g.State[(1 << 12) - 1].Real, 14);
        // B = 0: all up and all down have the same energy
        Assert.Throws<ValidationException>(() => new SpinChain(4, 0, 0.3, 0.5).GroundState());
        Assert.Throws<ValidationException>(() => new SpinChain(4, 0, 0.3, 0.5, range: CouplingRange.Uniform).CollectiveGroundState());
    }

    [Fact]
    public void Collective_ground_level_matches_the_full_spectrum()
    {
        // antiferromagnetic uniform couplings put the ground level in a block j < n/2
        foreach (var (n, g, alpha, b) in new[] { (6, -0.3, 0.5, 0.2), (7, -0.3, 0.5, 0.2), (6, 0.2, 1.7, 0.3), (5, 0.1, -1.0, 1.0) })
        {
            var chain = new SpinChain(n, b, g, alpha, 1, CouplingRange.Uniform);
            var (j, m, energy, gap) = chain.CollectiveGroundState();
            var w = MatrixFunctions.EigvalsH(chain.BatteryHamiltonian().ToDense());
            Assert.Equal(w[0], energy, 10);
            Assert.True(gap > 0);
            Assert.Equal(energy, chain.CollectiveBatteryHamiltonian(j).Expectation(chain.CollectiveState(j, m)).Real, 10);
        }
    }

    [Fact]
    public void Energy_is_conserved_and_the_power_operator_is_the_commutator()
    {
        var chain = new SpinChain(8, 1, 0.3, -0.6, 1.2, CouplingRange.PowerLaw, 2);
        var dims = Dims.Uniform(2, 8);
        var h = chain.ChargingMap();
        var times = Enumerable.Range(0, 41).Select(k => 0.05 * k).ToArray();
        var traj = new SchrodingerMapSolver(h, dims).Run(chain.AllDown(), times, [new MapObservable("H", h), new MapObservable("H0", chain.BatteryMap())]);
        var e = traj.Expectation("H");
        Assert.All(e, x => Assert.Equal(e[0], x, 9));
        Assert.True(traj.Expectation("H0").Max() - traj.Expectation("H0")[0] > 1);
        // i[H, H0] = omega i[sum sigma_x, H0]
        var oracle = Power.Operator(chain.ChargingHamiltonian(), chain.BatteryHamiltonian());
        var v = new RandomMatrices(2).UnitVector(256);
        var y = new Complex[256];
        chain.PowerMap().Apply(v, y);
        var z = oracle.Apply(v);
        for (var i = 0; i < 256; i++) Assert.True((y[i] - z[i]).Magnitude < 1e-12);
    }

    [Fact]
    public void Sizes_that_do_not_fit_are_refused_before_allocating()
    {
        var e = Assert.Throws<ResourceException>(() => SpinChainBattery.Charge(new SpinChain(29)));
        Assert.Contains("GiB", e.Message, StringComparison.Ordinal);
        var small = Assert.Throws<ResourceException>(() => SpinChainBattery.Charge(new SpinChain(20), new SpinChainChargingOptions { MemoryLimit = 1 << 20 }));
        Assert.Contains("needs about", small.Message, StringComparison.Ordinal);
        Assert.True(SpinChainBattery.EstimateBytes(new SpinChain(22), SpinChainRoute.Full) > 4L << 30);
        Assert.True(SpinChainBattery.EstimateBytes(new SpinChain(5000, range: CouplingRange.Uniform), SpinChainRoute.Auto) < 100L << 20);
        Assert.True(SpinChainBattery.EstimateBytes(new SpinChain(20), SpinChainRoute.Full) > SpinChainBattery.EstimateBytes(new SpinChain(19), SpinChainRoute.Full));
    }

    [Fact]
    public void Dicke_sizes_that_do_not_fit_are_refused_before_allocating()
    {
        // N = 5000 at its default cutoff (about 7000 levels): 3.5e7 amplitudes, a Krylov basis of 64 alone is 36 GB, and even the
        // Chebyshev propagator's five vectors (2.8 GB) with the operators exceed 1 GiB
        var e = Assert.Throws<ResourceException>(() => DickeBattery.Charge(5000, 0.5, new DickeChargingOptions { MemoryLimit = 1L << 30 }));
        Assert.Contains("needs about", e.Message, StringComparison.Ordinal);
        var small = Assert.Throws<ResourceException>(() => DickeBattery.Charge(20, 0.5, new DickeChargingOptions { MemoryLimit = 1 << 20 }));
        Assert.Contains("N = 20", small.Message, StringComparison.Ordinal);
        // the estimate covers at least the basis: 16 B x dimension x 64 vectors
        var model = new Dicke(200, 400, 0.5);
        Assert.True(DickeBattery.EstimateBytes(model) > 16L * 201 * 400 * 64);
        Assert.True(DickeBattery.EstimateBytes(new Dicke(6, 40, 0.5, space: DickeSpace.Full)) > DickeBattery.EstimateBytes(new Dicke(6, 40, 0.5)));
    }

    [Fact]
    public void Chain_model_checks_and_coupling_laws()
    {
        Assert.Throws<ValidationException>(() => new SpinChain(1));
        Assert.Throws<ValidationException>(() => new SpinChain(SpinChain.MaxSites + 1));
        Assert.Throws<ValidationException>(() => new SpinChain(4, range: CouplingRange.Matrix));
        Assert.Throws<ValidationException>(() => new SpinChain(new double[,] { { 0, 1 }, { 2, 0 } }));
        Assert.Throws<ValidationException>(() => new SpinChain(new double[,] { { 1, 1 }, { 1, 0 } }));
        Assert.Throws<ValidationException>(() => new SpinChain(new double[,] { { 0, double.NaN }, { double.NaN, 0 } }));
        Assert.Throws<DimensionMismatchException>(() => new SpinChain(new double[2, 3]));
        Assert.Throws<ValidationException>(() => SpinChainBattery.Charge(new SpinChain(4, field: 0)));
        Assert.Throws<ValidationException>(() => SpinChainBattery.Charge(new SpinChain(4, drive: 0)));
        Assert.Throws<ValidationException>(() => SpinChainBattery.Charge(new SpinChain(4), new SpinChainChargingOptions { Route = SpinChainRoute.Collective }));
        Assert.Throws<ValidationException>(() => SpinChainBattery.Charge(new SpinChain(4), new SpinChainChargingOptions { Steps = 1 }));
        Assert.Throws<ValidationException>(() => new SpinChain(5, range: CouplingRange.Uniform).CollectiveBatteryHamiltonian(1));
        // sums of couplings: open and periodic nearest neighbour, uniform, 1/r
        Assert.Equal(0.1 * 5, new SpinChain(6).CouplingSum(), 14);
        Assert.Equal(0.1 * 6, new SpinChain(6, periodic: true).CouplingSum(), 14);
        Assert.Single(new SpinChain(2, periodic: true).PairCouplings());
        Assert.Equal(0.1 * 15, new SpinChain(6, range: CouplingRange.Uniform).CouplingSum(), 14);
        Assert.Equal(0.1 * Enumerable.Range(1, 5).Sum(d => (6.0 - d) / d), new SpinChain(6, range: CouplingRange.PowerLaw).CouplingSum(), 14);
        // when every pair has the same coupling the collective route applies
        Assert.Equal(0.1, new SpinChain(2).UniformCoupling);
        Assert.Equal(0.1, new SpinChain(3, periodic: true).UniformCoupling);
        Assert.Null(new SpinChain(3).UniformCoupling);
        Assert.Equal(0.1, new SpinChain(5, range: CouplingRange.PowerLaw, exponent: 0).UniformCoupling);
        Assert.Equal(0.25, new SpinChain(new double[,] { { 0, 0.25, 0.25 }, { 0.25, 0, 0.25 }, { 0.25, 0.25, 0 } }).UniformCoupling);
        Assert.Equal(0, new SpinChain(4).Independent().CouplingSum());
    }
}
