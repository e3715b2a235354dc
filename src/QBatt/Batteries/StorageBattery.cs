using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.IO;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Batteries;

/// <summary>Which battery a <see cref="StorageBattery"/> stores.</summary>
public enum StorageModel
{
    /// <summary>N cells of d levels, H0 = sum of diag(0, 1, ..., d-1).</summary>
    Cells,

    /// <summary>The Dicke battery (R12) after charging: N two-level cells beside a cavity, in the full 2^N x cutoff space.</summary>
    Dicke,

    /// <summary>The spin-chain battery (R13): n spins with H0 = B sum sigma_z + Hg.</summary>
    Chain,

    /// <summary>A model file's battery, Hamiltonian and collapse operators.</summary>
    File,
}

/// <summary>
/// A charged battery left in contact with an environment (R16), on the one charging pipeline: an array of N cells of d levels
/// (H0 = sum of diag(0, 1, ..., d-1) on each cell), optionally with a continuous drive Omega sum_cells (|0&gt;&lt;d-1| + h.c.)
/// (the parallel drive of R9) that fights the losses; the Dicke battery after its charging (cells and cavity, the coupling
/// switched off or kept at a storage value, cavity loss and noise on the cells); the spin chain of R13 under its own H0 with
/// noise on each spin; or a model file's battery, Hamiltonian and collapse operators. <see cref="Setup"/> describes the run for
/// the pipeline (ChargingRunner -&gt; the engine's dispatcher, the Lindblad solver when any rate is positive); <see cref="Discharge"/>
/// runs it and refines the half-lives and the best time to extract from the states; <see cref="SteadyState"/> is the Lindblad
/// steady state from the generator's null space. Parameters are validated here once, named as the CLI's options.
/// </summary>
public sealed class StorageBattery
{
    private const string Op = "StorageBattery";

    /// <summary>Largest dimension of the stored system (the state is a D x D density matrix).</summary>
    public const int MaxDimension = 4096;

    /// <summary>Validates and builds an array of <paramref name="cells"/> cells of <paramref name="levels"/> levels.</summary>
    public StorageBattery(int cells, int levels, StorageNoise noise, double drive = 0)
    {
        ArgumentNullException.ThrowIfNull(noise);
        Guard.AtLeast(cells, 1, Op, "cells");
        Guard.AtLeast(levels, 2, Op, "levels");
        noise.Validate(Op);
        Guard.NonNegative(drive, Op, "drive");
        if (Math.Pow(levels, cells) > MaxDimension)
            throw new ValidationException(Op, "cells", $"d^N <= {MaxDimension} (open dynamics holds d^N x d^N density matrices)", $"{levels}^{cells}");
        Model = StorageModel.Cells;
        Cells = cells;
        Levels = levels;
        Noise = noise;
        Drive = drive;
        Battery = QuditArrayBattery.Battery(levels, cells);
        Hamiltonian = drive > 0 ? Battery + ChargingHamiltonians.Parallel(levels, cells, drive) : Battery;
        Collapse = noise.CollapseOperators(levels, cells);
        Description = $"{cells} cells of {levels} levels";
    }

    private StorageBattery(StorageModel model, int cells, int levels, StorageNoise noise, Operator battery, Operator hamiltonian,
        IReadOnlyList<Operator> collapse, double groundEnergy, string description, IReadOnlyList<int>? batterySubsystems = null, Operator? reducedBattery = null)
    {
        if (battery.Dims.Total > MaxDimension)
            throw new ValidationException(Op, model == StorageModel.File ? "dims" : "cells", $"a dimension <= {MaxDimension} (open dynamics holds D x D density matrices)", $"{description} (dimension {battery.Dims.Total})");
        Model = model;
        Cells = cells;
        Levels = levels;
        Noise = noise;
        Battery = battery;
        Hamiltonian = hamiltonian;
        Collapse = collapse;
        GroundEnergy = groundEnergy;
        Description = description;
        BatterySubsystems = batterySubsystems;
        ReducedBattery = reducedBattery;
    }

    /// <summary>
    /// The Dicke battery (R12) stored after charging, in the full 2^N x cutoff space (dims [cutoff, 2, ..., 2]; a cell's |0&gt; is up,
    /// energy wa): H = wc a^dag a + wa J_z + 2 wc lambda_s J_x (a + a^dag) with the storage coupling lambda_s (0: the coupling is
    /// switched off at the end of charging), cavity loss sqrt(kappa (n_c + 1)) a (and sqrt(kappa n_c) a^dag at T &gt; 0, n_c the bath's
    /// occupation at wc), and <paramref name="noise"/> on each cell with its ladder |down&gt;&lt;up| at the gap wa. The battery is the
    /// cells: E_B = wa (J_z + N/2), and the ergotropy is that of the cells' reduced state (unitaries on the cells alone).
    /// </summary>
    public static StorageBattery Dicke(int cells, StorageNoise noise, double chargeCoupling = 1, int? photonLevels = null, double cavityLoss = 0,
        double storageCoupling = 0, double cellFrequency = 1, double cavityFrequency = 1)
    {
        const string op = Op + ".Dicke";
        ArgumentNullException.ThrowIfNull(noise);
        Guard.AtLeast(cells, 1, op, "cells");
        Guard.Positive(cellFrequency, op, "wa");
        Guard.Positive(cavityFrequency, op, "wc");
        if (cells > Models.Dicke.MaxFullSpaceCells)
            throw new ValidationException(op, "cells", $"at most {Models.Dicke.MaxFullSpaceCells} cells (storage with noise on each cell holds the full 2^N x cutoff space)", $"{cells}");
        // the photon levels of the charging run (its default for the charging window), so that its charged state is stored as it is
        var cutoff = photonLevels ?? new DickeBattery(cells, chargeCoupling, DickeOptions(null, cellFrequency, cavityFrequency)).Cutoff;
        Guard.AtLeast(cutoff, 1, op, "cutoff");
        noise.Validate(op);
        Guard.NonNegative(cavityLoss, op, "kappa");
        Guard.Finite(storageCoupling, op, "storage-coupling");
        if (cells > Models.Dicke.MaxFullSpaceCells || cutoff * Math.Pow(2, cells) > MaxDimension)
            throw new ValidationException(op, "cells", $"cutoff x 2^N <= {MaxDimension} (storage with noise on each cell holds the full space's density matrix)", $"N = {cells} with {cutoff} photon levels (dimension {cutoff * Math.Pow(2, cells)})");
        var model = Models.Dicke.Trusted(cells, cutoff, storageCoupling, cellFrequency, cavityFrequency, DickeSpace.Full);
        var dims = model.Dims;
        var up = Qudit.Projector(2, 0, 0);
        var collapse = noise.CollapseOperators(dims, [.. Enumerable.Range(1, cells)], [Qudit.Projector(2, 1, 0)], up, cellFrequency).ToList();
        if (cavityLoss > 0)
        {
            var nc = noise.ThermalOccupationAt(cavityFrequency);
            var a = Operators.Embed(Boson.Destroy(cutoff), 0, dims);
            collapse.Add(Math.Sqrt(cavityLoss * (nc + 1)) * a);
            if (nc > 0) collapse.Add(Math.Sqrt(cavityLoss * nc) * a.Adjoint());
        }
        var cellDims = Dims.Uniform(2, cells);
        var reduced = cellFrequency * Enumerable.Range(0, cells).Select(i => Operators.Embed(up, i, cellDims)).Aggregate((x, y) => x + y);
        return new StorageBattery(StorageModel.Dicke, cells, 2, noise, model.BatteryEnergy(), model.Hamiltonian(), collapse, 0,
            $"Dicke battery of {cells} cells with {cutoff} photon levels", [.. Enumerable.Range(1, cells)], reduced)
        {
            CavityLoss = cavityLoss,
            StorageCoupling = storageCoupling,
            Cutoff = cutoff,
            ChargeCoupling = chargeCoupling,
            CellFrequency = cellFrequency,
            CavityFrequency = cavityFrequency,
        };
    }

    /// <summary>
    /// The spin-chain battery (R13) stored under its own H0 = B sum sigma_z + Hg (the charging field off), with <paramref name="noise"/>
    /// on each spin: the ladder from the spin's upper to its lower level of B sigma_z (|1&gt;&lt;0| for B &gt; 0) at the gap 2|B|. The
    /// local dissipators do not follow the interactions (a local master equation, valid for |g| small against the bath's scales).
    /// </summary>
    public static StorageBattery Chain(SpinChain chain, StorageNoise noise)
    {
        const string op = Op + ".Chain";
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(noise);
        noise.Validate(op);
        if (chain.Field == 0)
            throw new ValidationException(op, "b", "a non-zero field B (the spins' levels are those of B sigma_z)", "0");
        if (Math.Pow(2, chain.Sites) > MaxDimension)
            throw new ValidationException(op, "cells", $"2^n <= {MaxDimension} (open dynamics holds 2^n x 2^n density matrices)", $"n = {chain.Sites}");
        var h0 = chain.BatteryHamiltonian(1);
        var upper = chain.Field > 0 ? 0 : 1;
        var lowering = Qudit.Projector(2, 1 - upper, upper);
        var excited = Qudit.Projector(2, upper, upper);
        var collapse = noise.CollapseOperators(h0.Dims, [.. Enumerable.Range(0, chain.Sites)], [lowering], excited, 2 * Math.Abs(chain.Field));
        var ground = MatrixFunctions.Eigh(h0.ToDense()).Values[0];
        return new StorageBattery(StorageModel.Chain, chain.Sites, 2, noise, h0, h0, collapse, ground, $"spin chain of {chain.Sites} sites")
        {
            ChainModel = chain,
        };
    }

    /// <summary>
    /// A model file's battery (docs/model-files.md): its H0, its Hamiltonian (time-independent: storage has no protocol) and its
    /// collapse operators, the environment; the ground energy is H0's smallest eigenvalue.
    /// </summary>
    public static StorageBattery FromModel(ChargingModel model)
    {
        const string op = Op + ".FromModel";
        ArgumentNullException.ThrowIfNull(model);
        if (!model.Hamiltonian.IsTimeIndependent)
            throw new ValidationException(op, "hamiltonian", "a time-independent Hamiltonian for storage (drives with constant coefficients only)", "time-dependent drives");
        if (model.Dims.Total > MaxDimension)
            throw new ValidationException(op, "dims", $"a dimension <= {MaxDimension} (open dynamics holds D x D density matrices)", $"dims {model.Dims} (dimension {model.Dims.Total})");
        var h = model.Hamiltonian.At(0);
        var ground = MatrixFunctions.Eigh(model.Battery.ToDense()).Values[0];
        var sites = model.Dims.Count;
        var uniform = model.Dims.AsSpan().ToArray().Distinct().Count() == 1;
        return new StorageBattery(StorageModel.File, sites, uniform ? model.Dims[0] : 0, new StorageNoise(), model.Battery, h, model.Collapse, ground,
            $"model file '{model.Name}' (dims {model.Dims})");
    }

    /// <summary>Which battery this is.</summary>
    public StorageModel Model { get; }

    /// <summary>A one-line description, e.g. "2 cells of 2 levels".</summary>
    public string Description { get; }

    /// <summary>Number of cells N (spins of a chain, subsystems of a model file).</summary>
    public int Cells { get; }

    /// <summary>Levels d of each cell (0 for a model file whose subsystems differ).</summary>
    public int Levels { get; }

    /// <summary>The environment on the cells (a model file brings its own collapse operators).</summary>
    public StorageNoise Noise { get; }

    /// <summary>The drive amplitude Omega of an array (0: storage without a drive).</summary>
    public double Drive { get; }

    /// <summary>The cavity loss kappa of a Dicke battery.</summary>
    public double CavityLoss { get; private init; }

    /// <summary>The coupling lambda_s kept during the storage of a Dicke battery (0: switched off).</summary>
    public double StorageCoupling { get; private init; }

    /// <summary>The photon levels of a Dicke battery (0 otherwise).</summary>
    public int Cutoff { get; private init; }

    /// <summary>The chain of a spin-chain battery (null otherwise).</summary>
    public SpinChain? ChainModel { get; private init; }

    /// <summary>H0 on the whole system.</summary>
    public Operator Battery { get; }

    /// <summary>The Hamiltonian during storage (arrays: H0 + Omega sum_cells (|0&gt;&lt;d-1| + h.c.)).</summary>
    public Operator Hamiltonian { get; }

    /// <summary>The collapse operators.</summary>
    public IReadOnlyList<Operator> Collapse { get; }

    /// <summary>The smallest eigenvalue e_min of H0 (the stored energy is tr[rho H0] - e_min).</summary>
    public double GroundEnergy { get; }

    /// <summary>The subsystems that form the battery when it is part of the system (the cells of the Dicke battery), or null.</summary>
    public IReadOnlyList<int>? BatterySubsystems { get; }

    /// <summary>H0 on the space of <see cref="BatterySubsystems"/>, or null.</summary>
    public Operator? ReducedBattery { get; }

    /// <summary>Subsystem dimensions.</summary>
    public Dims Dims => Battery.Dims;

    /// <summary>The names <see cref="NamedState"/> takes for this battery.</summary>
    public IReadOnlyList<string> StateNames => Model switch
    {
        StorageModel.Cells => [.. StorageState.Names, "charging", "charging-global"],
        StorageModel.File => ["initial", "charged", "ground"],
        _ => ["charging", "charged", "ground"],
    };

    /// <summary>
    /// A named stored state (argument "from" when refused): for arrays those of <see cref="StorageState.Named"/>; for the other
    /// batteries "charged" (the highest-energy eigenstate of H0; for the Dicke battery every cell up and the cavity empty) and
    /// "ground"; for a model file also "initial", its initial state. "charging" is <see cref="AfterCharging"/>'s state.
    /// </summary>
    public StorageState NamedState(string name, ChargingModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = name.ToLowerInvariant();
        if (!StateNames.Contains(key))
            throw new ValidationException(Op, "from", $"one of {string.Join(", ", StateNames)} or a state file (.npy or .json)", $"'{name}'");
        if (key == "charging") return AfterCharging().State;
        if (key == "charging-global") return AfterCharging(global: true).State;
        if (Model == StorageModel.Cells) return StorageState.Named(key, Levels, Cells);
        if (Model == StorageModel.File && key == "initial")
        {
            ArgumentNullException.ThrowIfNull(model);
            return model.InitialKet is { } k ? StorageState.Pure(k, "the model file's initial state") : StorageState.Of(model.InitialDensity!, "the model file's initial state");
        }
        if (Model == StorageModel.Dicke)
        {
            // a cell's |0> is up; photon level 0 is the vacuum
            var index = key == "charged" ? new int[Cells + 1] : [0, .. Enumerable.Repeat(1, Cells)];
            return StorageState.Pure(Ket.Basis(Dims, index), key == "charged" ? "every cell up, cavity empty" : "every cell down, cavity empty");
        }
        var eig = MatrixFunctions.Eigh(Battery.ToDense());
        var column = key == "charged" ? eig.Values.Length - 1 : 0;
        var a = new System.Numerics.Complex[eig.Values.Length];
        for (var i = 0; i < a.Length; i++) a[i] = eig.Vectors[i, column];
        return StorageState.Pure(new Ket(a, Dims, 1e-8), key == "charged" ? "highest-energy eigenstate of H0" : "ground state of H0");
    }

    /// <summary>
    /// The state at the charging time t* (the maximal average power W(t)/t, refined from the dynamics) of this battery's own charging
    /// protocol, with that run: arrays the parallel drive sum_cells (|0&gt;&lt;d-1| + h.c.) of R9 from the ground state (with
    /// <paramref name="global"/> the collective drive |E&gt;&lt;G| + h.c. of Rev eq 19, whose charged state cos t* |G&gt; - i sin t* |E&gt;
    /// stores the same energy N sin^2 t* in a GHZ-like superposition); the Dicke
    /// battery its charging at <see cref="ChargeCoupling"/> from N photons and every cell down (R12); the chain its charging field
    /// omega sum sigma_x from the ground state of H0 (R13). The state is propagated to t* by the engine from the start.
    /// </summary>
    public (StorageState State, ChargingRun Charging) AfterCharging(ChargingOptions? options = null, bool global = false)
    {
        if (global && Model != StorageModel.Cells)
            throw new ValidationException(Op, "from", "an array of cells for the global drive ('charging-global')", Description);
        ChargingSetup setup;
        string what;
        switch (Model)
        {
            case StorageModel.Cells:
            {
                var protocol = global ? QuditArrayBattery.Global(Levels, Cells) : QuditArrayBattery.Parallel(Levels, Cells);
                // a grid over the protocol's horizon pi/2: the maximum of W/t (t* = 1.1656 for sin^2 t / t) is refined from the dynamics with its error
                setup = ChargingSetup.For(protocol, options, global ? "global charging" : "parallel charging") with { Window = ChargingWindow.Uniform(protocol.Time, 200) };
                what = global ? "the global drive |E><G| + h.c. from the ground state" : "the parallel drive sum (|0><d-1| + h.c.) from the ground state";
                break;
            }
            case StorageModel.Dicke:
                setup = new DickeBattery(Cells, ChargeCoupling, DickeOptions(Cutoff, CellFrequency, CavityFrequency)).Setup();
                what = $"Dicke charging at lambda = {QBattException.Num(ChargeCoupling)} from {Cells} photons";
                break;
            case StorageModel.Chain:
                setup = new SpinChainBattery(ChainModel!, new SpinChainChargingOptions { Route = SpinChainRoute.Full }).Setup() with { Reference = null };
                what = $"the chain's charging field omega = {QBattException.Num(ChainModel!.Drive)} from the ground state";
                break;
            default:
                throw new ValidationException(Op, "from", "a built-in battery for 'charging' (a model file's stored state is its initial state or a file)", "a model file");
        }
        var run = ChargingRunner.Run(setup);
        var t = run.ChargingTime;
        var state = ChargingRunner.StateAt(setup, t);
        var description = $"state at the charging time t* = {QBattException.Num(t)} of {what}";
        return (state is Ket k ? StorageState.Pure(k, description) : StorageState.Of((DensityMatrix)state, description), run);
    }

    /// <summary>The coupling lambda of the Dicke battery's charging (for <see cref="AfterCharging"/>).</summary>
    public double ChargeCoupling { get; private init; }

    /// <summary>wa of the Dicke battery.</summary>
    public double CellFrequency { get; private init; } = 1;

    /// <summary>wc of the Dicke battery.</summary>
    public double CavityFrequency { get; private init; } = 1;

    private static DickeChargingOptions DickeOptions(int? cutoff, double wa, double wc) => new()
    {
        Space = DickeSpace.Full,
        IncludeReference = false,
        Cutoff = cutoff,
        CellFrequency = wa,
        CavityFrequency = wc,
    };

    /// <summary>The run of <paramref name="state"/> over <paramref name="window"/> (a grid) on the pipeline: energy, P(t) from the state, ergotropy and its parts.</summary>
    public ChargingSetup Setup(StorageState state, ChargingWindow window, ChargingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(window);
        RequireState(state);
        if (window.Kind != ChargingWindowKind.Grid)
            throw new ValidationException(Op, "window", "a grid of output times", window.Kind.ToString());
        var h = new Hamiltonian(Hamiltonian);
        return new ChargingSetup
        {
            Name = $"storage of the {Description}",
            Size = RunSizes.Of(h, Battery, Collapse, state.Mixed),
            Build = () => new ChargingSystem
            {
                Dims = Dims,
                Hamiltonian = h,
                Battery = Battery,
                BatterySubsystems = BatterySubsystems,
                ReducedBattery = ReducedBattery,
                InitialKet = state.Ket,
                InitialMixed = state.Mixed,
                InitialDescription = state.Description,
                Collapse = Collapse,
            },
            Window = window,
            Compute = ChargingQuantities.Power | ChargingQuantities.ErgotropyParts,
            Options = options ?? ChargingOptions.Default,
            Operation = Op + ".Discharge",
            SizeArgument = Model == StorageModel.File ? "dims" : "cells",
            SizeDescription = $"the {Description} (dimension {Dims.Total})",
        };
    }

    /// <summary>
    /// Stores <paramref name="state"/> over the output times of <paramref name="window"/>: the pipeline's run with the energy and
    /// ergotropy series, the half-lives of the stored energy and the ergotropy, and the best time to extract, refined from the states.
    /// </summary>
    public DischargeRun Discharge(StorageState state, ChargingWindow window, ChargingOptions? options = null)
    {
        var setup = Setup(state, window, options);
        var run = ChargingRunner.Run(setup);
        var evolution = setup.Options.Evolution;
        var problem = new EvolutionProblem { Dims = Dims, Hamiltonian = new Hamiltonian(Hamiltonian), Collapse = Collapse, InitialKet = state.Ket, InitialMixed = state.Mixed };
        var times = run.Times;
        var e = run.Energy;
        var ergotropy = run.Ergotropy!.Ergotropy;
        var groundEnergy = GroundEnergy;
        var stored = e.Select(x => x - groundEnergy).ToArray();
        var probe = new StateProbe(problem, ReducedBattery ?? Battery, times[0], evolution, BatterySubsystems);
        var energyHalf = TimeRefinement.FirstCrossing(times, stored, stored[0] / 2, probe.Anchor, t => probe.At(t).Energy - groundEnergy, () => probe.Evaluations);
        var ergotropyHalf = ergotropy[0] > 1e-12 * Math.Max(1, stored[0])
            ? TimeRefinement.FirstCrossing(times, ergotropy, ergotropy[0] / 2, probe.Anchor, t => probe.At(t).Ergotropy, () => probe.Evaluations)
            : null;
        var best = TimeRefinement.Maximum(times, ergotropy, probe.Anchor, t => probe.At(t).Ergotropy, () => probe.Evaluations);
        return new DischargeRun(this, state, run, groundEnergy, energyHalf, ergotropyHalf, best);
    }

    /// <summary>The Lindblad steady state of H and the dissipators (null space of the generator), with the residual max |L[rho]|.</summary>
    public (DensityMatrix State, double Residual) SteadyState(ILinearAlgebraBackend? backend = null)
    {
        if (Dims.Total > Dynamics.SteadyState.MaxDimension)
            throw new ValidationException(Op + ".SteadyState", Model == StorageModel.File ? "dims" : "cells", $"a dimension <= {Dynamics.SteadyState.MaxDimension} for the steady state (the dense generator has D^4 entries)", $"{Description} (dimension {Dims.Total})");
        if (Collapse.Count == 0)
            throw new ValidationException(Op + ".SteadyState", "noise", "a positive rate (closed dynamics has no unique steady state)", "all rates zero");
        return Dynamics.SteadyState.Solve(Hamiltonian, Collapse, backend);
    }

    /// <summary>
    /// The battery's ergotropy and its parts in a state of the whole system (the cells' reduced state for the Dicke battery): energy,
    /// ergotropy, incoherent and coherent parts, passive energy and entropy.
    /// </summary>
    public (double Energy, double Ergotropy, double Incoherent, double Coherent, double Passive, double Entropy) BatteryParts(DensityMatrix rho)
    {
        ArgumentNullException.ThrowIfNull(rho);
        var tracker = BatterySubsystems is { } keep ? new ErgotropyTracker(ReducedBattery!, null, keep) : new ErgotropyTracker(Battery);
        var r = tracker.Of(rho);
        return (r.Value + r.Passive, r.Value, r.Incoherent, r.Value - r.Incoherent, r.Passive, r.Entropy);
    }

    /// <summary>
    /// The steady state of each drive amplitude in <paramref name="drives"/> (arrays only: H0 + Omega sum_cells (|0&gt;&lt;d-1| + h.c.)
    /// with this battery's noise), with its battery energy, ergotropy and parts and the solver's residual.
    /// </summary>
    public IReadOnlyList<(double Drive, DensityMatrix State, double Residual)> SteadyStates(IReadOnlyList<double> drives)
    {
        ArgumentNullException.ThrowIfNull(drives);
        if (Model != StorageModel.Cells)
            throw new ValidationException(Op + ".SteadyStates", "steady-drives", "an array of cells (the protecting drive acts on arrays)", Description);
        var list = new List<(double, DensityMatrix, double)>();
        foreach (var omega in drives)
        {
            Guard.NonNegative(omega, Op + ".SteadyStates", "steady-drives");
            var (rho, residual) = new StorageBattery(Cells, Levels, Noise, omega).SteadyState();
            list.Add((omega, rho, residual));
        }
        return list;
    }

    private void RequireState(StorageState state)
    {
        if (state.Dims.Total != Dims.Total)
            throw new DimensionMismatchException(Op, "from", $"a state of dimension {Dims.Total} ({Description})", $"dimension {state.Dims.Total}");
    }
}
