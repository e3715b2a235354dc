using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Batteries;

/// <summary>
/// A charged array of N cells of d levels (H0 = sum of diag(0, 1, ..., d-1) on each cell) left in contact with an environment
/// (R16): the dissipators of <see cref="StorageNoise"/>, and optionally a continuous drive Omega sum_cells (|0&gt;&lt;d-1| + h.c.)
/// (the parallel drive of R9) that fights the losses. <see cref="Setup"/> describes the run for the one charging pipeline
/// (ChargingRunner -&gt; the engine's dispatcher, the Lindblad solver when any rate is positive); <see cref="Discharge"/> runs it
/// and refines the half-lives and the best time to extract from the states; <see cref="SteadyState"/> is the Lindblad steady
/// state from the generator's null space. Parameters are validated here once, named as the CLI's options.
/// </summary>
public sealed class StorageBattery
{
    private const string Op = "StorageBattery";

    /// <summary>Largest dimension d^N of the cells (the state is a d^N x d^N density matrix).</summary>
    public const int MaxDimension = 4096;

    /// <summary>Validates and builds the battery.</summary>
    public StorageBattery(int cells, int levels, StorageNoise noise, double drive = 0)
    {
        ArgumentNullException.ThrowIfNull(noise);
        Guard.AtLeast(cells, 1, Op, "cells");
        Guard.AtLeast(levels, 2, Op, "levels");
        noise.Validate(Op);
        Guard.NonNegative(drive, Op, "drive");
        if (Math.Pow(levels, cells) > MaxDimension)
            throw new ValidationException(Op, "cells", $"d^N <= {MaxDimension} (open dynamics holds d^N x d^N density matrices)", $"{levels}^{cells}");
        Cells = cells;
        Levels = levels;
        Noise = noise;
        Drive = drive;
        Battery = QuditArrayBattery.Battery(levels, cells);
        Hamiltonian = drive > 0 ? Battery + ChargingHamiltonians.Parallel(levels, cells, drive) : Battery;
        Collapse = noise.CollapseOperators(levels, cells);
    }

    /// <summary>Number of cells N.</summary>
    public int Cells { get; }

    /// <summary>Levels d of each cell.</summary>
    public int Levels { get; }

    /// <summary>The environment.</summary>
    public StorageNoise Noise { get; }

    /// <summary>The drive amplitude Omega (0: storage without a drive).</summary>
    public double Drive { get; }

    /// <summary>H0.</summary>
    public Operator Battery { get; }

    /// <summary>H = H0 + Omega sum_cells (|0&gt;&lt;d-1| + h.c.).</summary>
    public Operator Hamiltonian { get; }

    /// <summary>The collapse operators.</summary>
    public IReadOnlyList<Operator> Collapse { get; }

    /// <summary>Subsystem dimensions.</summary>
    public Dims Dims => Battery.Dims;

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
            Name = $"storage of {Cells} cells",
            Size = RunSizes.Of(h, Battery, Collapse, state.Mixed),
            Build = () => new ChargingSystem
            {
                Dims = Dims,
                Hamiltonian = h,
                Battery = Battery,
                InitialKet = state.Ket,
                InitialMixed = state.Mixed,
                InitialDescription = state.Description,
                Collapse = Collapse,
            },
            Window = window,
            Compute = ChargingQuantities.Power | ChargingQuantities.ErgotropyParts,
            Options = options ?? ChargingOptions.Default,
            Operation = Op + ".Discharge",
            SizeArgument = "cells",
            SizeDescription = $"{Cells} cells of {Levels} levels (dimension {Dims.Total})",
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
        const double groundEnergy = 0; // cells diag(0, 1, ..., d-1)
        var stored = e.Select(x => x - groundEnergy).ToArray();
        var probe = new StateProbe(problem, Battery, times[0], evolution);
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
            throw new ValidationException(Op + ".SteadyState", "cells", $"d^N <= {Dynamics.SteadyState.MaxDimension} for the steady state (the dense generator has d^4N entries)", $"{Levels}^{Cells}");
        if (Collapse.Count == 0)
            throw new ValidationException(Op + ".SteadyState", "noise", "a positive rate (closed dynamics has no unique steady state)", "all rates zero");
        return Dynamics.SteadyState.Solve(Hamiltonian, Collapse, backend);
    }

    private void RequireState(StorageState state)
    {
        if (state.Dims.Total != Dims.Total)
            throw new DimensionMismatchException(Op, "from", $"a state of dimension {Dims.Total} ({Cells} cells of {Levels} levels)", $"dimension {state.Dims.Total}");
    }
}
