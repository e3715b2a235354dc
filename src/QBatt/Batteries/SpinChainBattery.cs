using System.Globalization;
using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Batteries;

/// <summary>
/// The spin-chain battery of R13 (Rev eqs 27-28) on the one charging pipeline: from the ground state of H0 under
/// H = Hg + omega sum sigma_x, work W(t) = &lt;H0&gt;(t) - &lt;H0&gt;(0), and the reference of the same protocol with all
/// g_ij = 0 (n independent spins: one spin, n copies), so Gamma = &lt;P&gt;/&lt;P_ind&gt;. The constructor validates the
/// charging parameters and resolves the route once: uniform couplings run in the collective-spin block (n in the
/// thousands), other couplings in the full 2^n space with matrix-free, multi-threaded Hamiltonians
/// (<see cref="XxzMap"/>). The memory a run needs is the engine's estimate, checked before anything large is allocated.
/// </summary>
public sealed class SpinChainBattery
{
    private const string Op = "SpinChainBattery.Charge";

    /// <summary>The battery of <paramref name="chain"/> with <paramref name="options"/> (null: defaults).</summary>
    public SpinChainBattery(SpinChain chain, SpinChainChargingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var o = options ?? SpinChainChargingOptions.Default;
        if (chain.Field == 0)
            throw new ValidationException(Op, "b", "a non-zero field B (the independent reference charges H0 = B sum sigma_z)", "0");
        if (chain.Drive == 0)
            throw new ValidationException(Op, "omega", "a non-zero charging field omega (nothing charges at omega = 0)", "0");
        Chain = chain;
        Options = o;
        Route = ResolveRoute(chain, o.Route, Op);
        Window = ChargingWindow.Uniform(o.TimeWindow, o.Steps);
        if (Route == SpinChainRoute.Full && chain.Sites > XxzMap.MaxQubits)
        {
            // refused here, before a setup of 2^n amplitudes is even described
            var bytes = FullSpaceBytes(chain.Sites);
            MemoryEstimate.Require(bytes, o.MemoryLimit, Op, "cells", $"n = {chain.Sites} on the full 2^n route");
            throw new ResourceException(Op, "cells", $"at most {XxzMap.MaxQubits} spins in the full 2^n space", $"n = {chain.Sites}, which would need about {MemoryEstimate.Gib(bytes)}");
        }
        if (Route == SpinChainRoute.Sector)
        {
            if (chain.Sites > ChainSector.MaxQubits)
                throw new ResourceException(Op, "cells", $"at most {ChainSector.MaxQubits} spins in the symmetric sector (its table has 2^n entries)",
                    $"n = {chain.Sites}, whose table alone would need {MemoryEstimate.Gib(4 * Math.Pow(2, chain.Sites))}");
            if (!chain.HasPolarisedGroundState)
                throw new ValidationException(Op, "route", "the sector route for a ground state of H0 known to be fully polarised (ferromagnetic couplings g_ij >= 0 and |alpha| <= 1; the symmetric sector holds it)",
                    $"alpha = {QBattException.Num(chain.Anisotropy)}, smallest g_ij = {QBattException.Num(chain.PairCouplings().Select(p => p.G).DefaultIfEmpty(0).Min())}");
            chain.RequireSymmetric(Op);
        }
    }

    /// <summary>The chain.</summary>
    public SpinChain Chain { get; }

    /// <summary>The options.</summary>
    public SpinChainChargingOptions Options { get; }

    /// <summary>The route (never Auto).</summary>
    public SpinChainRoute Route { get; }

    /// <summary>The output times.</summary>
    public ChargingWindow Window { get; }

    private int Threads => Options.Evolution?.Threads ?? 0;

    private EvolutionOptions Evolution => Options.Evolution ?? EvolutionOptions.Default;

    /// <summary>The setup of this battery's charging run, with the independent reference (one spin, n copies).</summary>
    public ChargingSetup Setup()
    {
        var chain = Chain;
        var n = chain.Sites;
        var o = Options;
        var threads = Threads;
        var sector = Route == SpinChainRoute.Sector;
        var full = Route == SpinChainRoute.Full;
        var matrixFree = full || sector;
        var d = full ? Math.Pow(2, n) : sector ? ChainSector.DimensionOf(n, chain.Periodic) : n + 1;
        var withPower = o.InstantaneousPower ?? (!matrixFree || d <= 1 << 16);
        // the sector as large as the full space of RefinementMaxSites spins at most
        var refine = full ? CarriesPowerMap(n, withPower) : sector && (withPower || d <= Math.Pow(2, RefinementMaxSites));
        // full route: the initial state (held through the run) and the maps' term lists and block tables; the sector route adds
        // its table of 2^n entries and the representatives; 8 vectors of the block on the collective one
        var operatorBytes = full ? 16 * d + 64 * n * (n - 1.0) / 2 + (3 << 20)
            : sector ? 16 * d + ChainSector.BytesOf(n, chain.Periodic) + 64 * n * (n - 1.0) / 2 + (3 << 20)
            : 16 * d * 8;
        return new ChargingSetup
        {
            Name = $"spin chain n = {n}",
            // the refinement of the maximal power runs again while the final state of the grid run is held
            Size = new RunSize((long)d, operatorBytes, BlockwiseKernels: matrixFree, HeldStates: refine ? 1 : 0),
            Build = full ? () => FullSystem(chain, threads, refine) : sector ? () => SectorSystem(chain, threads, refine) : () => CollectiveSystem(chain),
            Window = Window,
            Compute = withPower ? ChargingQuantities.Power : ChargingQuantities.None,
            Reference = new ChargingReference(IndependentSetup(chain, Window, o), n),
            Options = ChargingOptions.Default with { Evolution = Evolution },
            MemoryLimit = o.MemoryLimit,
            Operation = Op,
            SizeArgument = "cells",
            SizeDescription = $"n = {n} on the {(full ? "full 2^n" : sector ? "symmetric-sector" : "collective")} route",
        };
    }

    /// <summary>Charges the chain and its independent reference through <see cref="ChargingRunner"/>.</summary>
    public ChargingRun Charge() => ChargingRunner.Run(Setup());

    /// <summary>Charges <paramref name="chain"/> (see <see cref="Setup"/>).</summary>
    public static ChargingRun Charge(SpinChain chain, SpinChainChargingOptions? options = null) => new SpinChainBattery(chain, options).Charge();

    /// <summary>The engine's memory estimate of the run, refused with a <see cref="ResourceException"/> stating the need when it does not fit.</summary>
    public double CheckMemory() => ChargingRunner.RequireFits(Setup());

    /// <summary>
    /// Smallest ring that <see cref="SpinChainRoute.Auto"/> charges in its symmetric sector: from n = 23 a Krylov basis of the
    /// full 2^n space no longer fits in 24 GiB and the Chebyshev run takes minutes (385 s at n = 26, 31 outputs), while the
    /// ring's sector is 2n times smaller (54 s at n = 26, the same values to 3E-10).
    /// </summary>
    public const int AutoSectorMinSites = 23;

    /// <summary>
    /// The route <see cref="SpinChainRoute.Auto"/> resolves to (collective for uniform couplings; the symmetric sector for rings of
    /// <see cref="AutoSectorMinSites"/> to 31 sites with invariant couplings and a polarised ground state of H0; else full),
    /// checked against the chain.
    /// </summary>
    public static SpinChainRoute ResolveRoute(SpinChain chain, SpinChainRoute route, string operation = "SpinChainBattery")
    {
        ArgumentNullException.ThrowIfNull(chain);
        var uniform = chain.UniformCoupling is not null;
        return route switch
        {
            SpinChainRoute.Auto => uniform ? SpinChainRoute.Collective : SectorPays(chain) ? SpinChainRoute.Sector : SpinChainRoute.Full,
            SpinChainRoute.Collective when !uniform => throw new ValidationException(operation, "route", "the full route for couplings that differ between pairs (collective needs uniform couplings)", "collective"),
            SpinChainRoute.Collective or SpinChainRoute.Full or SpinChainRoute.Sector => route,
            _ => throw new ValidationException(operation, "route", "Auto, Collective, Full or Sector", route.ToString()),
        };
    }

    private static bool SectorPays(SpinChain chain) =>
        chain.Periodic && chain.Sites >= AutoSectorMinSites && chain.Sites <= ChainSector.MaxQubits && chain.HasPolarisedGroundState && chain.IsSymmetric;

    /// <summary>The engine's memory estimate of a run of <paramref name="chain"/> on <paramref name="route"/>, in bytes.</summary>
    public static double EstimateBytes(SpinChain chain, SpinChainRoute route, EvolutionOptions? evolution = null)
    {
        var battery = new SpinChainBattery(chain, new SpinChainChargingOptions { Route = route, Evolution = evolution, MemoryLimit = long.MaxValue });
        return MemoryEstimate.Bytes(battery.Setup().Size, evolution, battery.Window.Times!.Count, 4);
    }

    private double FullSpaceBytes(int sites) =>
        MemoryEstimate.Bytes(new RunSize(1L << Math.Min(sites, 62), 16 * Math.Pow(2, sites) + 64 * sites * (sites - 1.0) / 2, BlockwiseKernels: true), Evolution, Options.Steps + 1, 4);

    /// <summary>Largest n whose full-route run carries the power map when the power is not recorded (for the refinement of the maximal power).</summary>
    public const int RefinementMaxSites = 26;

    /// <summary>
    /// True when the full route carries the power map i[H, H0]: when the power is recorded, and otherwise up to
    /// <see cref="RefinementMaxSites"/> spins for the refinement of the maximal average power, which reruns the
    /// dynamics while the grid run's final state is held (beyond, that fourth and fifth vector of 2 GiB or more
    /// would not fit beside the run, and the maximum keeps its grid refinement).
    /// </summary>
    private static bool CarriesPowerMap(int sites, bool withPower) => withPower || sites <= RefinementMaxSites;

    private static ChargingSystem FullSystem(SpinChain chain, int threads, bool powerMap)
    {
        var ground = chain.GroundState(threads);
        var h = chain.ChargingMap(threads);
        return new ChargingSystem
        {
            Dims = Dims.Uniform(2, chain.Sites),
            HamiltonianMap = h,
            BatteryMap = chain.BatteryMap(threads),
            PowerMap = powerMap ? chain.PowerMap(threads) : null,
            NormBound = h.NormBound,
            BatteryGroundEnergy = ground.Energy,
            InitialKet = ground.State,
            InitialDescription = ground.Description,
        };
    }

    private static ChargingSystem SectorSystem(SpinChain chain, int threads, bool powerMap)
    {
        var n = chain.Sites;
        var sector = chain.SymmetricSector(threads);
        var h = chain.SectorChargingMap(sector, threads);
        // |1...1> is every spin down (sigma_z = -1), |0...0> every spin up; both are their own orbit
        var down = chain.Field > 0;
        var start = sector.IndexOf(down ? (1L << n) - 1 : 0);
        var symmetry = chain.Periodic ? "momentum 0, reflection-even" : "reflection-even";
        return new ChargingSystem
        {
            Dims = new Dims(sector.Dimension),
            HamiltonianMap = h,
            BatteryMap = chain.SectorBatteryMap(sector, threads),
            PowerMap = powerMap ? chain.SectorPowerMap(sector, threads) : null,
            NormBound = h.NormBound,
            BatteryGroundEnergy = chain.PolarisedGroundEnergy,
            InitialKet = Ket.Basis(sector.Dimension, start),
            InitialDescription = string.Create(CultureInfo.InvariantCulture,
                $"all spins {(down ? "down" : "up")}, the unique ground state of H0 (ferromagnetic couplings, |alpha| <= 1), in the {symmetry} sector of {sector.Dimension} states"),
        };
    }

    private static ChargingSystem CollectiveSystem(SpinChain chain)
    {
        var (j, m, _, gap) = chain.CollectiveGroundState();
        var h = chain.CollectiveChargingHamiltonian(j);
        var what = j == chain.Sites / 2.0 && m == -j
            ? "all spins down"
            : string.Create(CultureInfo.InvariantCulture, $"|S = {j}, S_z = {m}> (every copy of the block gives the same curve)");
        return new ChargingSystem
        {
            Dims = h.Dims,
            Hamiltonian = new Hamiltonian(h),
            Battery = chain.CollectiveBatteryHamiltonian(j),
            InitialKet = chain.CollectiveState(j, m),
            InitialDescription = string.Create(CultureInfo.InvariantCulture, $"{what}, ground level of H0 over the collective blocks (gap {QBattException.Num(gap)})"),
        };
    }

    /// <summary>The curve of the independent reference on <paramref name="times"/> (one spin through the pipeline, times n).</summary>
    public static ChargingCurve IndependentCurve(SpinChain chain, IReadOnlyList<double> times, SpinChainChargingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(chain);
        if (chain.Field == 0)
            throw new ValidationException("SpinChainBattery.IndependentCurve", "b", "a non-zero field B", "0");
        return ChargingRunner.Run(IndependentSetup(chain, ChargingWindow.At(times), options)).Curve!.Scaled(chain.Sites);
    }

    /// <summary>
    /// The independent reference of R13: every g_ij = 0, so H0 = B sum sigma_z and H = omega sum sigma_x act on each spin
    /// alone; one spin from its ground state (sigma_z = -sign B) on the same output times, standing for n copies.
    /// </summary>
    public static ChargingSetup IndependentSetup(SpinChain chain, ChargingWindow window, SpinChainChargingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(window);
        var o = options ?? SpinChainChargingOptions.Default;
        var field = chain.Field;
        var drive = chain.Drive;
        return new ChargingSetup
        {
            Name = "independent spins",
            Size = new RunSize(2, 20 * 4 * 3),
            Build = () => new ChargingSystem
            {
                Dims = new Dims(2),
                Hamiltonian = new Hamiltonian(drive * Pauli.X),
                Battery = field * Pauli.Z,
                InitialKet = Ket.Basis(2, field > 0 ? 1 : 0),
                InitialDescription = "one spin in its ground state",
            },
            Window = window,
            Compute = o.InstantaneousPower == false ? ChargingQuantities.None : ChargingQuantities.Power,
            Options = ChargingOptions.Default with { Evolution = o.Evolution ?? EvolutionOptions.Default },
            WindowAdvice = " (it is at t = 1.166/omega)",
        };
    }
}
