using System.Numerics;
using System.Text.Json.Nodes;
using QBatt.Batteries;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Tests.Quantum;

/// <summary>
/// The symmetric sector of a chain (R13 implementations at sizes the full space does not reach): its dimension against a
/// brute-force enumeration of the orbits with the group applied as explicit site permutations and against the published
/// bracelet counts (OEIS A000029); the sector Hamiltonians against the full-space XxzMap on symmetric states; the sector
/// route of the spin-chain battery against the full route and against QuTiP 4.7.1 series recorded at tight tolerance
/// (Data/qutip/make_w3_tight.py); the refusals.
/// </summary>
public class ChainSectorTests
{
    /// <summary>The group as site permutations p (site i goes to p[i]): rotations and their reflections, or identity and reflection.</summary>
    private static List<int[]> Group(int n, bool periodic)
    {
        var g = new List<int[]>();
        for (var k = 0; k < (periodic ? n : 1); k++)
        {
            g.Add([.. Enumerable.Range(0, n).Select(i => (i + k) % n)]);
            g.Add([.. Enumerable.Range(0, n).Select(i => (n - 1 - i + k) % n)]);
        }
        return g;
    }

    /// <summary>The basis index with the value of site i moved to site p[i] (site i is bit n - 1 - i), one bit at a time.</summary>
    private static int Permute(int s, int[] p, int n)
    {
        var r = 0;
        for (var i = 0; i < n; i++)
            if (((s >> (n - 1 - i)) & 1) != 0) r |= 1 << (n - 1 - p[i]);
        return r;
    }

    private static int[] Orbit(int s, List<int[]> group, int n) => [.. group.Select(p => Permute(s, p, n)).Distinct().Order()];

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(10)]
    [InlineData(12)]
    public void Dimension_is_the_number_of_orbits(int n)
    {
        foreach (var periodic in new[] { false, true })
        {
            var group = Group(n, periodic);
            var orbits = new HashSet<int>();
            for (var s = 0; s < 1 << n; s++) orbits.Add(Orbit(s, group, n)[0]);
            Assert.Equal(orbits.Count, ChainSector.DimensionOf(n, periodic));
            using var sector = new ChainSector(n, periodic);
            Assert.Equal(orbits.Count, sector.Dimension);
        }
    }

    [Theory]
    // binary bracelets, OEIS A000029
    [InlineData(6, 13)]
    [InlineData(8, 30)]
    [InlineData(10, 78)]
    [InlineData(12, 224)]
    [InlineData(16, 2250)]
    [InlineData(20, 27012)]
    public void Ring_dimension_is_the_bracelet_count(int n, long bracelets) => Assert.Equal(bracelets, ChainSector.DimensionOf(n, periodic: true));

    [Theory]
    [InlineData(9, false)]
    [InlineData(8, true)]
    [InlineData(9, true)]
    public void Representatives_orbits_and_indices_agree_with_enumeration(int n, bool periodic)
    {
        var group = Group(n, periodic);
        using var sector = new ChainSector(n, periodic);
        for (var k = 0; k < sector.Dimension; k++)
        {
            var r = (int)sector.Representative(k);
            var orbit = Orbit(r, group, n);
            Assert.Equal(orbit[0], r);
            Assert.Equal(orbit.Length, sector.OrbitSize(k));
            foreach (var s in orbit) Assert.Equal(k, sector.IndexOf(s));
            if (k > 0) Assert.True(sector.Representative(k - 1) < r);
        }
    }

    [Theory]
    [InlineData(17, true)]
    [InlineData(18, false)]
    public void Table_is_the_same_on_one_thread_and_on_several(int n, bool periodic)
    {
        // chunks of 2^16 states: n = 17, 18 give two and four chunks, shared among the threads or taken in turn
        using var one = new ChainSector(n, periodic, threads: 1);
        using var four = new ChainSector(n, periodic, threads: 4);
        Assert.Equal(one.Dimension, four.Dimension);
        for (var k = 0; k < one.Dimension; k += 97)
        {
            Assert.Equal(one.Representative(k), four.Representative(k));
            Assert.Equal(one.OrbitSize(k), four.OrbitSize(k));
        }
        var rng = new Random(3);
        for (var i = 0; i < 2000; i++)
        {
            var s = rng.NextInt64(1L << n);
            Assert.Equal(one.IndexOf(s), four.IndexOf(s));
        }
    }

    /// <summary>A random state of the full space made symmetric: the sum of its images under the group.</summary>
    private static Complex[] SymmetricState(int n, bool periodic, int seed)
    {
        var rng = new Random(seed);
        var phi = new Complex[1 << n];
        for (var s = 0; s < phi.Length; s++) phi[s] = new Complex(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5);
        var psi = new Complex[phi.Length];
        foreach (var p in Group(n, periodic))
            for (var s = 0; s < phi.Length; s++) psi[Permute(s, p, n)] += phi[s];
        return psi;
    }

    private static (double[] Hz, double[] Hx, XxzCoupling[] Couplings) Terms(int n, bool periodic, bool powerLaw)
    {
        var chain = new SpinChain(n, 0.7, 0.3, -0.6, 1.3, powerLaw ? CouplingRange.PowerLaw : CouplingRange.NearestNeighbour, 1.5, periodic);
        var couplings = chain.PairCouplings().Select(p => new XxzCoupling(p.I, p.J, -p.G, 0.4 * p.G)).ToArray();
        return ([.. Enumerable.Repeat(0.7, n)], [.. Enumerable.Repeat(1.3, n)], couplings);
    }

    private static double MaxDifference(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        var d = 0.0;
        for (var i = 0; i < a.Length; i++) d = Math.Max(d, (a[i] - b[i]).Magnitude);
        return d;
    }

    [Theory]
    [InlineData(8, false, false)]
    [InlineData(9, false, true)]
    [InlineData(8, true, false)]
    [InlineData(7, true, true)]
    [InlineData(10, true, true)]
    public void Sector_map_is_the_full_map_on_symmetric_states(int n, bool periodic, bool powerLaw)
    {
        var (hz, hx, couplings) = Terms(n, periodic, powerLaw);
        using var sector = new ChainSector(n, periodic);
        var map = new SectorXxzMap(sector, hz, hx, couplings, threads: 2);
        var full = new XxzMap(n, hz, hx, couplings, threads: 1);
        var psi = SymmetricState(n, periodic, 11 + n);
        var v = sector.Project(psi);
        // the projection keeps the norm of a symmetric state, and the embedding inverts it
        Assert.True(Math.Abs(VectorOps.Norm(v) - VectorOps.Norm(psi)) < 1e-12 * VectorOps.Norm(psi));
        Assert.True(MaxDifference(sector.Embed(v), psi) < 1e-12);
        var hpsi = new Complex[psi.Length];
        full.Apply(psi, hpsi);
        var hv = new Complex[v.Length];
        map.Apply(v, hv);
        var scale = hpsi.Max(z => z.Magnitude);
        Assert.True(MaxDifference(sector.Embed(hv), hpsi) < 1e-12 * scale, $"H psi differs by {MaxDifference(sector.Embed(hv), hpsi)}");
        // y += alpha H x
        var alpha = new Complex(0.3, -1.1);
        var y = v.Select(z => 2 * z).ToArray();
        map.ApplyAdd(alpha, v, y);
        for (var k = 0; k < v.Length; k++) Assert.True((y[k] - 2 * v[k] - alpha * hv[k]).Magnitude < 1e-12 * scale);
        // expectation values and the power i[A, B] of two sector maps, against the full space
        Assert.True(Math.Abs(map.Expectation(v) - full.Expectation(psi)) < 1e-11 * scale * VectorOps.Norm(psi));
        var drive = new SectorXxzMap(sector, null, hx, [], threads: 2);
        IExpectationMap power = new CommutatorMap(drive, map, Complex.ImaginaryOne);
        IExpectationMap fullPower = new CommutatorMap(new XxzMap(n, null, hx, [], threads: 1), full, Complex.ImaginaryOne);
        var pSector = power.Expectation(v);
        var pFull = fullPower.Expectation(psi);
        Assert.True((pSector - pFull).Magnitude < 1e-10 * Math.Max(1, pFull.Magnitude), $"power {pSector} vs {pFull}");
        Assert.True(Math.Abs(map.NormBound - full.NormBound) < 1e-12);
        Assert.Equal(full.SpectralInterval.Lower, map.SpectralInterval.Lower, 12);
        Assert.Equal(full.SpectralInterval.Upper, map.SpectralInterval.Upper, 12);
    }

    [Fact]
    public void Fused_recurrence_matches_plain_matvecs()
    {
        var (hz, hx, couplings) = Terms(9, true, false);
        using var sector = new ChainSector(9, true);
        var map = new SectorXxzMap(sector, hz, hx, couplings, threads: 2);
        IFusedHermitianMap fused = map;
        var rng = new Random(5);
        Complex[] Random() => [.. Enumerable.Range(0, sector.Dimension).Select(_ => new Complex(rng.NextDouble(), rng.NextDouble()))];
        var x = Random();
        var y = Random();
        var acc = new[] { Random(), Random() };
        var c = new[] { new Complex(0.5, 0.2), new Complex(-1, 0.7) };
        var cx = new[] { new Complex(0.1, -0.3), new Complex(2, 0) };
        var hxv = new Complex[x.Length];
        map.Apply(x, hxv);
        var expectedAcc = acc.Select((a, q) => a.Select((z, k) => z + c[q] * y[k] + cx[q] * x[k]).ToArray()).ToArray();
        var expectedY = y.Select((z, k) => 1.5 * hxv[k] - 0.25 * x[k] + 0.75 * z).ToArray();
        fused.Recur(x, y, 1.5, -0.25, 0.75, acc, c, cx, initialize: false);
        Assert.True(MaxDifference(y, expectedY) < 1e-12);
        for (var q = 0; q < 2; q++) Assert.True(MaxDifference(acc[q], expectedAcc[q]) < 1e-12);
    }

    [Fact]
    public void Terms_that_break_the_symmetry_are_refused()
    {
        using var ring = new ChainSector(6, periodic: true);
        var nn = Enumerable.Range(0, 6).Select(i => new XxzCoupling(i, (i + 1) % 6, -0.1, 0.1)).ToArray();
        // a missing bond breaks the translation
        var e = Assert.Throws<ValidationException>(() => new SectorXxzMap(ring, null, [.. Enumerable.Repeat(1.0, 6)], nn[..5]));
        Assert.Equal("couplings", e.Argument);
        Assert.Contains("translation", e.Message, StringComparison.Ordinal);
        // a field on one site breaks the reflection of an open chain
        using var open = new ChainSector(6, periodic: false);
        var e2 = Assert.Throws<ValidationException>(() => new SectorXxzMap(open, [1, 1, 1, 1, 1, 1.5], null, nn[..5]));
        Assert.Equal("longitudinal", e2.Argument);
        Assert.Contains("reflection", e2.Message, StringComparison.Ordinal);
        // the open chain's bonds are reflection-invariant, the ring's without its closing bond are not translation-invariant
        _ = new SectorXxzMap(open, null, [.. Enumerable.Repeat(1.0, 6)], nn[..5]);
    }

    private static Trajectory<Ket> RunSector(SpinChain chain, ChainSector sector, string method, IReadOnlyList<double> times, double tol = 1e-10)
    {
        var h = chain.SectorChargingMap(sector);
        var options = new EvolutionOptions { Method = method, AbsoluteTolerance = tol, RelativeTolerance = tol };
        var start = Ket.Basis(sector.Dimension, sector.IndexOf((1L << chain.Sites) - 1));
        return new SchrodingerMapSolver(h, new Dims(sector.Dimension), options, h.NormBound)
            .Run(start, times, [new MapObservable("H0", chain.SectorBatteryMap(sector)), new MapObservable("P", chain.SectorPowerMap(sector))]);
    }

    [Theory]
    [InlineData("w3_tight_n10_nn.json", false, "krylov")]
    [InlineData("w3_tight_n10_nn.json", false, "chebyshev")]
    [InlineData("w3_tight_n10_nn_periodic.json", true, "krylov")]
    [InlineData("w3_tight_n10_nn_periodic.json", true, "chebyshev")]
    public void Sector_dynamics_match_tight_qutip(string file, bool periodic, string method)
    {
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "qutip", file)))!;
        var times = doc["times"]!.AsArray().Select(x => (double)x!).ToArray();
        var w = doc["series"]!["W"]!.AsArray().Select(x => (double)x!).ToArray();
        var p = doc["series"]!["P"]!.AsArray().Select(x => (double)x!).ToArray();
        var chain = new SpinChain(10, periodic: periodic);
        using var sector = chain.SymmetricSector();
        var traj = RunSector(chain, sector, method, times);
        Assert.Contains(method, traj.Statistics.Methods, StringComparison.Ordinal);
        var e = traj.Expectation("H0");
        var pw = traj.Expectation("P");
        Assert.True(Math.Abs(e[0] - chain.PolarisedGroundEnergy) < 1e-12);
        for (var k = 0; k < times.Length; k++)
        {
            // QuTiP in the full 2^10 space at atol 1e-13, rtol 1e-12: agreement asked to 1e-8 absolute on values of order 10
            Assert.True(Math.Abs(e[k] - e[0] - w[k]) < 1e-8, $"W at {times[k]}: {e[k] - e[0]} vs QuTiP {w[k]}");
            Assert.True(Math.Abs(pw[k] - p[k]) < 1e-8, $"P at {times[k]}: {pw[k]} vs QuTiP {p[k]}");
        }
    }

    [Theory]
    [InlineData(11, false, CouplingRange.NearestNeighbour)]
    [InlineData(12, true, CouplingRange.NearestNeighbour)]
    [InlineData(11, true, CouplingRange.PowerLaw)]
    public void Sector_route_charges_as_the_full_route(int n, bool periodic, CouplingRange range)
    {
        var chain = new SpinChain(n, 1, 0.2, 0.5, 1, range, 1, periodic);
        var o = new SpinChainChargingOptions { Steps = 60, Route = SpinChainRoute.Sector, InstantaneousPower = true };
        var sector = SpinChainBattery.Charge(chain, o);
        var full = SpinChainBattery.Charge(chain, o with { Route = SpinChainRoute.Full });
        Assert.Equal(ChainSector.DimensionOf(n, periodic), sector.Dimension);
        Assert.Equal(1L << n, full.Dimension);
        Assert.Contains("sector", sector.InitialDescription, StringComparison.Ordinal);
        var a = sector.Curve!;
        var b = full.Curve!;
        for (var k = 0; k < a.Work.Count; k++) Assert.True(Math.Abs(a.Work[k] - b.Work[k]) < 1e-9, $"W at {a.Times[k]}: {a.Work[k]} vs {b.Work[k]}");
        for (var k = 0; k < a.Work.Count; k++) Assert.True(Math.Abs(a.InstantaneousPower![k] - b.InstantaneousPower![k]) < 1e-9);
        Assert.True(Math.Abs(a.MaxPower - b.MaxPower) < 1e-9, $"max power {a.MaxPower} vs {b.MaxPower}");
        Assert.True(Math.Abs(a.ChargingTime - b.ChargingTime) < 1e-7, $"charging time {a.ChargingTime} vs {b.ChargingTime}");
        Assert.True(Math.Abs(sector.Gamma - full.Gamma) < 1e-10);
        Assert.True(Math.Abs(sector.Energy[0] - full.Energy[0]) < 1e-10);
    }

    [Fact]
    public void Auto_takes_the_sector_for_large_rings_where_it_holds()
    {
        SpinChainRoute Auto(SpinChain c) => SpinChainBattery.ResolveRoute(c, SpinChainRoute.Auto);
        Assert.Equal(SpinChainRoute.Sector, Auto(new SpinChain(SpinChainBattery.AutoSectorMinSites, periodic: true)));
        Assert.Equal(SpinChainRoute.Sector, Auto(new SpinChain(30, range: CouplingRange.PowerLaw, periodic: true)));
        // below the threshold, on open chains, with antiferromagnetic couplings, |alpha| > 1, beyond the table
        Assert.Equal(SpinChainRoute.Full, Auto(new SpinChain(SpinChainBattery.AutoSectorMinSites - 1, periodic: true)));
        Assert.Equal(SpinChainRoute.Full, Auto(new SpinChain(26)));
        Assert.Equal(SpinChainRoute.Full, Auto(new SpinChain(26, coupling: -0.1, periodic: true)));
        Assert.Equal(SpinChainRoute.Full, Auto(new SpinChain(26, anisotropy: 1.2, periodic: true)));
        Assert.Equal(SpinChainRoute.Full, Auto(new SpinChain(32, periodic: true)));
        // the battery sizes the sector before anything is built
        var battery = new SpinChainBattery(new SpinChain(26, periodic: true), new SpinChainChargingOptions { MemoryLimit = long.MaxValue });
        Assert.Equal(SpinChainRoute.Sector, battery.Route);
        Assert.Equal(ChainSector.DimensionOf(26, true), battery.Setup().Size.Dimension);
    }

    [Fact]
    public void Sector_route_is_refused_where_it_does_not_hold()
    {
        // antiferromagnetic couplings: the ground state of H0 is not known to be polarised
        var e = Assert.Throws<ValidationException>(() => new SpinChainBattery(new SpinChain(8, coupling: -0.1, periodic: true), new SpinChainChargingOptions { Route = SpinChainRoute.Sector }));
        Assert.Equal("route", e.Argument);
        Assert.Contains("-0.1", e.Message, StringComparison.Ordinal);
        var e2 = Assert.Throws<ValidationException>(() => new SpinChainBattery(new SpinChain(8, anisotropy: 1.5), new SpinChainChargingOptions { Route = SpinChainRoute.Sector }));
        Assert.Contains("alpha = 1.5", e2.Message, StringComparison.Ordinal);
        // a coupling matrix that breaks the reflection
        var g = new double[5, 5];
        g[0, 1] = g[1, 0] = 0.1;
        g[1, 2] = g[2, 1] = 0.2;
        var e3 = Assert.Throws<ValidationException>(() => new SpinChainBattery(new SpinChain(g), new SpinChainChargingOptions { Route = SpinChainRoute.Sector }));
        Assert.Equal("couplings", e3.Argument);
        // beyond the table's reach
        var e4 = Assert.Throws<ResourceException>(() => new SpinChainBattery(new SpinChain(32, periodic: true), new SpinChainChargingOptions { Route = SpinChainRoute.Sector }));
        Assert.Equal("cells", e4.Argument);
        Assert.Contains("31", e4.Message, StringComparison.Ordinal);
        Assert.Contains("16 GiB", e4.Message, StringComparison.Ordinal);
        // a ring of 31 needs 8 GiB for its table alone: refused before anything is allocated when the limit is smaller
        var battery = new SpinChainBattery(new SpinChain(31, periodic: true), new SpinChainChargingOptions { Route = SpinChainRoute.Sector, MemoryLimit = 4L << 30 });
        var e5 = Assert.Throws<ResourceException>(() => battery.CheckMemory());
        Assert.Contains("GiB", e5.Message, StringComparison.Ordinal);
        Assert.True(battery.Setup().Size.OperatorBytes >= 8.0 * (1L << 30));
    }
}
