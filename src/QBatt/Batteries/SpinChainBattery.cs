using System.Globalization;
using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Batteries;

/// <summary>Where a spin chain is charged.</summary>
public enum SpinChainRoute
{
    /// <summary>Collective when every pair has the same coupling, else full.</summary>
    Auto,

    /// <summary>The collective spin block of the ground state (uniform couplings; dimension at most n + 1).</summary>
    Collective,

    /// <summary>The full 2^n space with matrix-free Hamiltonians (n &lt;= 28, memory permitting).</summary>
    Full,
}

/// <summary>Options of <see cref="SpinChainBattery.Charge"/>, with documented defaults.</summary>
public sealed record SpinChainChargingOptions
{
    /// <summary>The defaults.</summary>
    public static SpinChainChargingOptions Default { get; } = new();

    /// <summary>t_max (default 3, as BENCHMARKS.md W3).</summary>
    public double TimeWindow { get; init; } = 3;

    /// <summary>Output steps: Steps + 1 equally spaced times on [0, t_max] (default 200).</summary>
    public int Steps { get; init; } = 200;

    /// <summary>Where to charge (default <see cref="SpinChainRoute.Auto"/>).</summary>
    public SpinChainRoute Route { get; init; } = SpinChainRoute.Auto;

    /// <summary>
    /// Record P(t) = i&lt;[H, H0]&gt; from the state, which also refines the charging time and the first maximum
    /// by cubic Hermite interpolation (default null: recorded on the collective route and on full spaces of up
    /// to 2^16 amplitudes; above that it roughly doubles the cost, and the refinement uses a local cubic
    /// through W instead).
    /// </summary>
    public bool? InstantaneousPower { get; init; }

    /// <summary>Solver options (default null: <see cref="EvolutionOptions.Default"/>); its thread count also drives the matrix-free maps.</summary>
    public EvolutionOptions? Evolution { get; init; }

    /// <summary>Bytes the run may use (default null: 90% of the memory available to the process).</summary>
    public long? MemoryLimit { get; init; }
}

/// <summary>The result of <see cref="SpinChainBattery.Charge"/>.</summary>
/// <param name="Chain">The chain.</param>
/// <param name="Route">The route used (never Auto).</param>
/// <param name="Dimension">Dimension of the space evolved.</param>
/// <param name="InitialState">How the initial state (the ground state of H0) was found.</param>
/// <param name="GroundEnergy">&lt;H0&gt; at t = 0.</param>
/// <param name="Curve">W(t) = &lt;H0&gt;(t) - &lt;H0&gt;(0) and P(t).</param>
/// <param name="Independent">The same protocol with every g_ij = 0: n independent spins.</param>
/// <param name="Gamma">&lt;P&gt;/&lt;P_ind&gt;: the ratio of the maximal average powers.</param>
/// <param name="EstimatedBytes">The memory estimate checked before allocating.</param>
/// <param name="Statistics">The solver's statistics.</param>
/// <param name="Warnings">Window warnings.</param>
public sealed record SpinChainCharging(SpinChain Chain, SpinChainRoute Route, int Dimension, string InitialState, double GroundEnergy,
    ChargingCurve Curve, ChargingCurve Independent, double Gamma, long EstimatedBytes, EvolutionStatistics Statistics, IReadOnlyList<string> Warnings);

/// <summary>
/// Charging of the spin-chain battery of R13 (Rev eqs 27-28) through the dynamics engine: from the
/// ground state of H0 under H = Hg + omega sum sigma_x, work W(t) = &lt;H0&gt;(t) - &lt;H0&gt;(0), the maximal
/// average power and charging time (R7), and Gamma = &lt;P&gt;/&lt;P_ind&gt; against the same protocol with all
/// g_ij = 0 (n independent spins, computed as n times one spin through the engine). Uniform couplings
/// run in the collective-spin block (n in the thousands); other couplings in the full 2^n space with
/// matrix-free, multi-threaded Hamiltonians (<see cref="XxzMap"/>, <see cref="SchrodingerMapSolver"/>).
/// The memory a run needs is estimated first, and a size that would not fit is refused before anything
/// large is allocated (<see cref="ResourceException"/>).
/// </summary>
public static class SpinChainBattery
{
    /// <summary>Charges the chain.</summary>
    public static SpinChainCharging Charge(SpinChain chain, SpinChainChargingOptions? options = null)
    {
        const string op = "SpinChainBattery.Charge";
        ArgumentNullException.ThrowIfNull(chain);
        var o = options ?? SpinChainChargingOptions.Default;
        Guard.Positive(o.TimeWindow, op, "TimeWindow");
        Guard.AtLeast(o.Steps, 2, op, "Steps");
        if (o.Steps > 1_000_000)
            throw new ValidationException(op, "Steps", "at most 10^6 output steps", $"{o.Steps}");
        if (chain.Field == 0)
            throw new ValidationException(op, "field", "a non-zero field B (the independent reference charges H0 = B sum sigma_z)", "0");
        if (chain.Drive == 0)
            throw new ValidationException(op, "drive", "a non-zero charging field omega (nothing charges at omega = 0)", "0");
        var route = ResolveRoute(chain, o.Route, op);
        var bytes = CheckMemory(chain, o);
        var times = Enumerable.Range(0, o.Steps + 1).Select(k => o.TimeWindow * k / o.Steps).ToArray();
        var threads = o.Evolution?.Threads ?? 0;
        var (curve, dimension, initial, e0, stats) = route == SpinChainRoute.Full
            ? Full(chain, times, o, threads)
            : Collective(chain, times, o);
        var independent = IndependentCurve(chain, times, o);
        var warnings = new List<string>();
        if (curve.Maximum.AtBoundary)
            warnings.Add($"the maximal average power is at the end of the window t_max = {QBattException.Num(o.TimeWindow)}; extend t_max");
        if (independent.Maximum.AtBoundary)
            warnings.Add($"the independent reference's maximal average power is at the end of the window t_max = {QBattException.Num(o.TimeWindow)}; extend t_max (it is at t = 1.166/omega)");
        return new SpinChainCharging(chain, route, dimension, initial, e0, curve, independent, curve.MaxPower / independent.MaxPower, bytes, stats, warnings);
    }

    /// <summary>
    /// The memory estimate of a run (<see cref="EstimateBytes"/>), refused with a <see cref="ResourceException"/>
    /// that states the memory needed when it exceeds <see cref="SpinChainChargingOptions.MemoryLimit"/> (default
    /// 90% of the memory available to the process) or the full space's size limit.
    /// </summary>
    public static long CheckMemory(SpinChain chain, SpinChainChargingOptions? options = null)
    {
        const string op = "SpinChainBattery.Charge";
        ArgumentNullException.ThrowIfNull(chain);
        var o = options ?? SpinChainChargingOptions.Default;
        var route = ResolveRoute(chain, o.Route, op);
        var bytes = EstimateBytes(chain, route, o.Evolution);
        var limit = o.MemoryLimit ?? (long)(0.9 * GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        if (bytes > limit)
            throw new ResourceException(op, "sites", $"a size whose run fits in memory (limit {Gib(limit)})",
                $"n = {chain.Sites} on the {(route == SpinChainRoute.Full ? "full 2^n" : "collective")} route, which needs about {Gib(bytes)}");
        if (route == SpinChainRoute.Full && chain.Sites > XxzMap.MaxQubits)
            throw new ResourceException(op, "sites", $"at most {XxzMap.MaxQubits} spins in the full 2^n space",
                $"n = {chain.Sites}, which would need about {Gib(FullSpaceBytes(chain.Sites, o.Evolution))}");
        return bytes;
    }

    private static double FullSpaceBytes(int sites, EvolutionOptions? evolution)
    {
        var m = (evolution ?? EvolutionOptions.Default).KrylovDimension;
        var d = Math.Pow(2, sites);
        return 16 * d * (2 * (Math.Min(m, d) + 1) + 12) + 24 * d + Math.Min(64 << 20, 16 * d * 64) + 64 * sites * (sites - 1.0) / 2;
    }

    private static string Gib(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.##} GiB");

    /// <summary>The route <see cref="SpinChainRoute.Auto"/> resolves to (collective for uniform couplings, else full), checked against the chain.</summary>
    public static SpinChainRoute ResolveRoute(SpinChain chain, SpinChainRoute route, string operation = "SpinChainBattery")
    {
        ArgumentNullException.ThrowIfNull(chain);
        var uniform = chain.UniformCoupling is not null;
        return route switch
        {
            SpinChainRoute.Auto => uniform ? SpinChainRoute.Collective : SpinChainRoute.Full,
            SpinChainRoute.Collective when !uniform => throw new ValidationException(operation, "route", "the full route for couplings that differ between pairs (collective needs uniform couplings)", "collective"),
            SpinChainRoute.Collective or SpinChainRoute.Full => route,
            _ => throw new ValidationException(operation, "route", "Auto, Collective or Full", route.ToString()),
        };
    }

    /// <summary>
    /// The memory a run needs, in bytes: the Krylov basis and its projection workspace
    /// (2 (m + 1) vectors of the dimension, m = KrylovDimension), a dozen further vectors, the diagonals
    /// of the matrix-free maps, the output batch of the propagator (at most 64 MiB) and, on the full
    /// route, the pair list. Refused sizes never reach an allocation.
    /// </summary>
    public static long EstimateBytes(SpinChain chain, SpinChainRoute route, EvolutionOptions? evolution = null)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var r = ResolveRoute(chain, route);
        double total;
        if (r == SpinChainRoute.Full)
        {
            total = FullSpaceBytes(chain.Sites, evolution);
        }
        else
        {
            var m = (evolution ?? EvolutionOptions.Default).KrylovDimension;
            double d = chain.Sites + 1;
            total = 16 * d * (2 * (Math.Min(m, d) + 1) + 12) + Math.Min(64 << 20, 16 * d * 64) + 16 * d * 8;
        }
        return total >= long.MaxValue ? long.MaxValue : (long)total;
    }

    private static (ChargingCurve Curve, int Dimension, string Initial, double E0, EvolutionStatistics Stats) Full(SpinChain chain, double[] times, SpinChainChargingOptions o, int threads)
    {
        var ground = chain.GroundState(threads);
        var h = chain.ChargingMap(threads);
        var h0 = chain.BatteryMap(threads);
        var dims = Dims.Uniform(2, chain.Sites);
        var withPower = o.InstantaneousPower ?? dims.Total <= 1 << 16;
        List<MapObservable> observables = [new("H0", h0)];
        if (withPower) observables.Add(new MapObservable("P", chain.PowerMap(threads)));
        var trajectory = new SchrodingerMapSolver(h, dims, o.Evolution, h.NormBound).Run(ground.State, times, observables);
        var e = trajectory.Expectation("H0");
        var curve = new ChargingCurve(times, Power.Work(e), withPower ? trajectory.Expectation("P") : null);
        return (curve, dims.Total, ground.Description, e[0], trajectory.Statistics);
    }

    private static (ChargingCurve Curve, int Dimension, string Initial, double E0, EvolutionStatistics Stats) Collective(SpinChain chain, double[] times, SpinChainChargingOptions o)
    {
        var (j, m, energy, gap) = chain.CollectiveGroundState();
        var h = new Hamiltonian(chain.CollectiveChargingHamiltonian(j));
        var h0 = chain.CollectiveBatteryHamiltonian(j);
        var initial = chain.CollectiveState(j, m);
        var (curve, stats) = Run(h, h0, initial, times, o);
        var what = j == chain.Sites / 2.0 && m == -j
            ? "all spins down"
            : string.Create(CultureInfo.InvariantCulture, $"|S = {j}, S_z = {m}> (every copy of the block gives the same curve)");
        var description = string.Create(CultureInfo.InvariantCulture, $"{what}, ground level of H0 over the collective blocks (gap {QBattException.Num(gap)})");
        return (curve, h.Dimension, description, energy, stats);
    }

    private static (ChargingCurve, EvolutionStatistics) Run(Hamiltonian h, Operator h0, Ket initial, double[] times, SpinChainChargingOptions o)
    {
        var withPower = o.InstantaneousPower ?? true;
        var observables = new ChargingObservables(h, h0, withPower);
        var trajectory = new SchrodingerSolver(h, o.Evolution).Run(initial, times, observables.Observables);
        var curve = new ChargingCurve(times, observables.Work(trajectory), withPower ? observables.InstantaneousPower(trajectory) : null);
        return (curve, trajectory.Statistics);
    }

    /// <summary>
    /// The independent reference of R13: every g_ij = 0, so H0 = B sum sigma_z and H = omega sum sigma_x act
    /// on each spin alone; one spin (from its ground state, sigma_z = -sign B) runs through the engine and the
    /// curve is multiplied by n.
    /// </summary>
    public static ChargingCurve IndependentCurve(SpinChain chain, IReadOnlyList<double> times, SpinChainChargingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(times);
        if (chain.Field == 0)
            throw new ValidationException("SpinChainBattery.IndependentCurve", "field", "a non-zero field B", "0");
        var o = options ?? SpinChainChargingOptions.Default;
        var h = new Hamiltonian(chain.Drive * Pauli.X);
        var ground = Ket.Basis(2, chain.Field > 0 ? 1 : 0);
        var (curve, _) = Run(h, chain.Field * Pauli.Z, ground, [.. times], o);
        return curve.Scaled(chain.Sites);
    }
}
