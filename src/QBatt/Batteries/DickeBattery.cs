using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Batteries;

/// <summary>
/// The Dicke battery (R12, Rev eqs 23-26) on the one charging pipeline: N cells in one cavity charged from
/// |N photons&gt; (x) |all down&gt; under H = wc a^dag a + wa J_z + 2 wc lambda J_x (a + a^dag). The constructor validates
/// every parameter (once) and resolves the time window and the photon cutoff; <see cref="Setup"/> gives the
/// <see cref="ChargingSetup"/>: battery energy E_B = wa (J_z + N/2), P(t) = i&lt;[H, E_B]&gt; from the state, the
/// population of the top Fock level monitored against a tolerance, and the parallel reference of N independent Rabi
/// cells with one photon each (Ferraro et al.; Gamma = max P_Dicke / (N max P_Rabi) grows like sqrt(N)). The
/// reference runs over its own default window so that its maximal power is inside it.
/// </summary>
public sealed class DickeBattery
{
    /// <summary>The monitored population's name.</summary>
    public const string TopFockLevel = "top Fock level";

    private const string Op = "DickeBattery.Charge";

    /// <summary>N cells at coupling lambda with <paramref name="options"/> (null: defaults); every parameter is validated here.</summary>
    public DickeBattery(int cells, double coupling, DickeChargingOptions? options = null)
    {
        var o = options ?? DickeChargingOptions.Default;
        Guard.AtLeast(cells, 1, Op, "cells");
        CheckCoupling(coupling, o);
        if (o.Space == DickeSpace.Full && cells > Dicke.MaxFullSpaceCells)
            throw new ValidationException(Op, "cells", $"at most {Dicke.MaxFullSpaceCells} cells in the full 2^N x cutoff space (use the symmetric subspace)", $"{cells}");
        if (o.Cutoff is { } m && m <= cells)
            throw new ValidationException(Op, "cutoff", $"more photon levels than the initial photon number N = {cells} (at least {cells + 1})", $"{m}");
        Cells = cells;
        Coupling = coupling;
        Options = o;
        TimeWindow = o.TimeWindow ?? Dicke.WindowOf(cells, coupling, o.CavityFrequency);
        Cutoff = o.Cutoff ?? Dicke.CutoffOf(cells, coupling, TimeWindow, o.CavityFrequency);
        DefaultCutoff = o.Cutoff is null;
        Dimension = Dicke.TotalDimension(cells, Cutoff, o.Space);
        if (Dimension > int.MaxValue)
            throw new ResourceException(Op, "cells", "a total dimension below 2^31", $"N = {cells} with {Cutoff} photon levels (dimension {Dimension})");
    }

    /// <summary>N.</summary>
    public int Cells { get; }

    /// <summary>lambda.</summary>
    public double Coupling { get; }

    /// <summary>The options.</summary>
    public DickeChargingOptions Options { get; }

    /// <summary>t_max, given or <see cref="Dicke.DefaultTimeWindow"/>.</summary>
    public double TimeWindow { get; }

    /// <summary>Photon levels, given or <see cref="Dicke.DefaultCutoff"/>.</summary>
    public int Cutoff { get; }

    /// <summary>True when the cutoff is the default.</summary>
    public bool DefaultCutoff { get; }

    /// <summary>Dimension of the space (cutoff x (N + 1) symmetric, cutoff x 2^N full).</summary>
    public long Dimension { get; }

    /// <summary>The output spacing: t_max / K with K = ceil(t_max / dt), dt = t_max / 400 by default.</summary>
    public double TimeStep => Window().Times![1];

    /// <summary>
    /// The setup of this battery's charging run, with the Rabi reference (unless <see cref="DickeChargingOptions.IncludeReference"/>
    /// is false; a <paramref name="reference"/> run from <see cref="ChargeRabi"/> at the same coupling is reused instead, e.g. in a scan over N).
    /// </summary>
    public ChargingSetup Setup(ChargingRun? reference = null)
    {
        if (reference is not null && reference.Setup.Name != RabiName(Coupling))
            throw new ValidationException(Op, "reference", $"the Rabi reference run at lambda = {QBattException.Num(Coupling)} from ChargeRabi", $"a run of '{reference.Setup.Name}'");
        var o = Options;
        var space = o.Space;
        var d = (double)Dimension;
        // H: wc a^dag a + wa J_z on the diagonal and J_x (a + a^dag) with 4 entries per row (symmetric) or 2N (full), 20 B
        // each, built with temporaries of twice that; two diagonal observables
        double perRow = space == DickeSpace.Symmetric ? 5 : 2.0 * Cells + 1;
        var operatorBytes = 3 * (20 * perRow + 4) * d + 2 * 24 * d;
        var cells = Cells;
        var cutoff = Cutoff;
        var coupling = Coupling;
        ChargingReference? rabi = reference is not null ? new ChargingReference(reference, cells)
            : o.IncludeReference ? new ChargingReference(RabiSetup(coupling, o), cells) : null;
        return new ChargingSetup
        {
            Name = $"Dicke N = {cells}",
            Size = new RunSize((long)d, operatorBytes),
            Build = () =>
            {
                var model = Dicke.Trusted(cells, cutoff, coupling, o.CellFrequency, o.CavityFrequency, space);
                return Cavity(model.Hamiltonian(), model.BatteryEnergy(), model.TopFockProjector(), model.InitialState(), model.Dims, cutoff, o);
            },
            Window = Window(),
            Reference = rabi,
            Options = ChargingOptions.Default with { Evolution = o.Evolution ?? EvolutionOptions.Default },
            MemoryLimit = o.MemoryLimit,
            Operation = Op,
            SizeArgument = "cells",
            SizeDescription = $"N = {cells} with {cutoff} photon levels ({(space == DickeSpace.Symmetric ? "symmetric" : "full")} space, dimension {Dimension})",
        };
    }

    /// <summary>Charges this battery (and its reference) through <see cref="ChargingRunner"/>.</summary>
    public ChargingRun Charge(ChargingRun? reference = null) => ChargingRunner.Run(Setup(reference));

    /// <summary>Charges N cells at coupling lambda (see <see cref="Setup"/>).</summary>
    public static ChargingRun Charge(int cells, double coupling, DickeChargingOptions? options = null, ChargingRun? reference = null) =>
        new DickeBattery(cells, coupling, options).Charge(reference);

    /// <summary>
    /// The parallel reference: one cell in its own cavity with one photon (<see cref="Models.Rabi"/>), over
    /// <see cref="Dicke.DefaultTimeWindow"/> for N = 1 with its default cutoff and spacing (the options' window, spacing
    /// and cutoff apply to the Dicke run only).
    /// </summary>
    public static ChargingSetup RabiSetup(double coupling, DickeChargingOptions? options = null)
    {
        var o = options ?? DickeChargingOptions.Default;
        CheckCoupling(coupling, o);
        var window = Dicke.WindowOf(1, coupling, o.CavityFrequency);
        var cutoff = Dicke.CutoffOf(1, coupling, window, o.CavityFrequency);
        return new ChargingSetup
        {
            Name = RabiName(coupling),
            Size = new RunSize(2L * cutoff, 3 * (20 * 5.0 + 4) * 2 * cutoff),
            Build = () =>
            {
                var model = Rabi.Trusted(cutoff, coupling, o.CellFrequency, o.CavityFrequency);
                return Cavity(model.Hamiltonian(), model.BatteryEnergy(), model.TopFockProjector(), model.InitialState(), model.Dims, cutoff, o);
            },
            Window = ChargingWindow.Spacing(window, window / 400),
            Options = ChargingOptions.Default with { Evolution = o.Evolution ?? EvolutionOptions.Default },
            MemoryLimit = o.MemoryLimit,
            Operation = Op,
            SizeArgument = "coupling",
        };
    }

    /// <summary>Charges the Rabi reference (see <see cref="RabiSetup"/>).</summary>
    public static ChargingRun ChargeRabi(double coupling, DickeChargingOptions? options = null) => ChargingRunner.Run(RabiSetup(coupling, options));

    /// <summary>The run's memory estimate in bytes (the engine's, as checked before allocating).</summary>
    public double EstimateBytes() => MemoryEstimate.Bytes(Setup().Size, Options.Evolution, Window().Times!.Count, 4);

    /// <summary>The memory estimate of charging <paramref name="model"/> (its cells, cutoff, coupling, frequencies and space) with default windows.</summary>
    public static double EstimateBytes(Dicke model, EvolutionOptions? evolution = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var o = new DickeChargingOptions { Cutoff = model.Cutoff, Space = model.Space, CellFrequency = model.CellFrequency, CavityFrequency = model.CavityFrequency, Evolution = evolution, IncludeReference = false };
        return new DickeBattery(model.Cells, model.Coupling, o).EstimateBytes();
    }

    private ChargingWindow Window() => ChargingWindow.Spacing(TimeWindow, Options.TimeStep ?? TimeWindow / 400, "dt");

    private static string RabiName(double coupling) => $"Rabi reference (lambda = {QBattException.Num(coupling)})";

    private static ChargingSystem Cavity(Operator h, Operator energy, Operator top, Ket initial, Dims dims, int cutoff, DickeChargingOptions o) => new()
    {
        Dims = dims,
        Hamiltonian = new Hamiltonian(h),
        Battery = energy,
        InitialKet = initial,
        InitialDescription = "|N photons> (x) |all cells down>",
        Limits = [new ObservableLimit(TopFockLevel, top, o.CutoffTolerance, $"with {cutoff} photon levels; raise the cutoff", o.Strict)],
    };

    private static void CheckCoupling(double coupling, DickeChargingOptions o)
    {
        Guard.Finite(coupling, Op, "coupling");
        if (coupling == 0)
            throw new ValidationException(Op, "coupling", "a non-zero coupling lambda (nothing charges at lambda = 0)", "0");
        Guard.Positive(o.CavityFrequency, Op, "wc");
        Guard.Positive(o.CellFrequency, Op, "wa");
        if (!double.IsFinite(o.CavityFrequency)) throw new ValidationException(Op, "wc", "a finite frequency", QBattException.Num(o.CavityFrequency));
        if (!double.IsFinite(o.CellFrequency)) throw new ValidationException(Op, "wa", "a finite frequency", QBattException.Num(o.CellFrequency));
        if (o.TimeWindow is { } tw) TimeGrid.PositiveTime(tw, "tmax");
        if (o.TimeStep is { } dt) TimeGrid.PositiveTime(dt, "dt");
        if (o.Cutoff is { } c) Guard.AtLeast(c, 2, Op, "cutoff");
        Guard.Positive(o.CutoffTolerance, Op, "CutoffTolerance");
        if (!Enum.IsDefined(o.Space)) throw new ValidationException(Op, "space", "symmetric or full", o.Space.ToString());
    }
}
