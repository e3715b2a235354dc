using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Models;

namespace QBatt.Batteries;

/// <summary>
/// The Tavis-Cummings battery of R19 on the one charging pipeline: N cells in one cavity under the rotating-wave
/// coupling (<see cref="TavisCummings"/>), charged from |n photons&gt; (x) |all cells down&gt; (n = N by default) with
/// E_B = wa (J_z + N/2) and P(t) = i&lt;[H, E_B]&gt; from the state; the excitation number is conserved, so the n + 1 Fock
/// levels are exact. The parallel reference is N Jaynes-Cummings cells (the N = 1 model) with one photon each, so
/// Gamma = max P_TC / (N max P_JC). The constructor validates every parameter once.
/// </summary>
public sealed class TavisCummingsBattery
{
    private const string Op = "TavisCummingsBattery.Charge";

    /// <summary>N cells at coupling lambda with <paramref name="options"/> (null: defaults).</summary>
    public TavisCummingsBattery(int cells, double coupling, TavisCummingsChargingOptions? options = null)
    {
        var o = options ?? TavisCummingsChargingOptions.Default;
        var photons = o.Photons ?? cells;
        TavisCummings.Validate(cells, photons, coupling, o.CellFrequency, o.CavityFrequency, Op);
        if (o.TimeWindow is { } tw) TimeGrid.PositiveTime(tw, "tmax");
        Cells = cells;
        Photons = photons;
        Coupling = coupling;
        Options = o;
        TimeWindow = o.TimeWindow ?? TavisCummings.DefaultTimeWindow(cells, photons, coupling, o.CavityFrequency);
        Window = ChargingWindow.Uniform(TimeWindow, o.Steps);
    }

    /// <summary>N.</summary>
    public int Cells { get; }

    /// <summary>n, the initial photons.</summary>
    public int Photons { get; }

    /// <summary>lambda.</summary>
    public double Coupling { get; }

    /// <summary>The options.</summary>
    public TavisCummingsChargingOptions Options { get; }

    /// <summary>t_max.</summary>
    public double TimeWindow { get; }

    /// <summary>The output times.</summary>
    public ChargingWindow Window { get; }

    /// <summary>(n + 1)(N + 1).</summary>
    public long Dimension => (Photons + 1L) * (Cells + 1L);

    /// <summary>The setup of the charging run with the Jaynes-Cummings reference (unless excluded).</summary>
    public ChargingSetup Setup()
    {
        var o = Options;
        return Build(Cells, Photons, Coupling, o, Window, o.IncludeReference ? new ChargingReference(ReferenceSetup(), Cells) : null,
            $"Tavis-Cummings N = {Cells}, {Photons} photons");
    }

    /// <summary>The reference: one cell in its own cavity with one photon (the N = 1 model), over its own default window.</summary>
    public ChargingSetup ReferenceSetup()
    {
        var o = Options with { Photons = 1 };
        var window = ChargingWindow.Uniform(TavisCummings.DefaultTimeWindow(1, 1, Coupling, o.CavityFrequency), 400);
        return Build(1, 1, Coupling, o, window, null, $"Jaynes-Cummings reference (lambda = {QBattException.Num(Coupling)})");
    }

    /// <summary>Charges this battery (and its reference) through <see cref="ChargingRunner"/>.</summary>
    public ChargingRun Charge() => ChargingRunner.Run(Setup());

    /// <summary>The engine's memory estimate of the run, refused with a <see cref="ResourceException"/> stating the need when it does not fit.</summary>
    public double CheckMemory() => ChargingRunner.RequireFits(Setup());

    private static ChargingSetup Build(int cells, int photons, double coupling, TavisCummingsChargingOptions o, ChargingWindow window, ChargingReference? reference, string name)
    {
        var d = (photons + 1.0) * (cells + 1.0);
        // H: a diagonal and two exchange entries per row (20 B each, with temporaries of twice that); E_B diagonal; P = i[H, E_B]
        var operatorBytes = 3 * (20 * 3 + 4) * d + 3 * 24 * d + 20 * 4 * d;
        return new ChargingSetup
        {
            Name = name,
            Size = new RunSize((long)d, operatorBytes),
            Build = () =>
            {
                var model = new TavisCummings(cells, photons, coupling, o.CellFrequency, o.CavityFrequency);
                return new ChargingSystem
                {
                    Dims = model.Dims,
                    Hamiltonian = new Hamiltonian(model.Hamiltonian()),
                    Battery = model.BatteryEnergy(),
                    InitialKet = model.InitialState(),
                    InitialDescription = $"|{photons} photons> (x) |all cells down>",
                };
            },
            Window = window,
            Reference = reference,
            Options = ChargingOptions.Default with { Evolution = o.Evolution ?? EvolutionOptions.Default },
            MemoryLimit = o.MemoryLimit,
            Operation = Op,
            SizeArgument = "cells",
            SizeDescription = $"N = {cells} with {photons} photons (dimension {(long)d})",
        };
    }
}
