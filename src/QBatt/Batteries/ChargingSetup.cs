using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Batteries;

/// <summary>
/// One charging run of a battery, as every battery model produces it (R6-R9): what it will hold (for the memory
/// estimate, checked before anything large is allocated), how to build its operators and states, its time window,
/// what to compute, solver options, and the reference it is compared with. <see cref="ChargingRunner.Run"/> charges
/// any setup the same way: the qudit arrays of the PRL, the Dicke cavity, the spin chain, Cooper-pair boxes,
/// oscillators in a Fock space, and batteries read from model files.
/// </summary>
public sealed record ChargingSetup
{
    /// <summary>A label for warnings and outputs, e.g. "Dicke N = 4".</summary>
    public required string Name { get; init; }

    /// <summary>The size of the run, for the engine's memory estimate.</summary>
    public required RunSize Size { get; init; }

    /// <summary>Builds the operators and states (called once, after the memory estimate was accepted).</summary>
    public required Func<ChargingSystem> Build { get; init; }

    /// <summary>The time window or end condition.</summary>
    public required ChargingWindow Window { get; init; }

    /// <summary>The parallel reference, or null.</summary>
    public ChargingReference? Reference { get; init; }

    /// <summary>What to compute (default: the instantaneous power).</summary>
    public ChargingQuantities Compute { get; init; } = ChargingQuantities.Power;

    /// <summary>Solver and protocol options (default <see cref="ChargingOptions.Default"/>).</summary>
    public ChargingOptions Options { get; init; } = ChargingOptions.Default;

    /// <summary>Bytes the run may use (default null: 90% of the memory available to the process).</summary>
    public long? MemoryLimit { get; init; }

    /// <summary>The operation named by a refusal for size, e.g. "DickeBattery.Charge".</summary>
    public string Operation { get; init; } = "ChargingRunner.Run";

    /// <summary>The argument named by a refusal for size, e.g. "cells".</summary>
    public string SizeArgument { get; init; } = "dims";

    /// <summary>The size in words for a refusal, e.g. "N = 5000 with 6919 photon levels (symmetric space, dimension 34601919)".</summary>
    public string SizeDescription { get; init; } = "";

    /// <summary>Appended to the warning when the maximal average power is at the end of a grid window, e.g. "(it is at t = 1.166/omega)".</summary>
    public string WindowAdvice { get; init; } = "";

    /// <summary>The setup of a protocol built elsewhere (its operators exist already).</summary>
    public static ChargingSetup For(ChargingProtocol protocol, ChargingOptions? options = null, string name = "protocol")
    {
        ArgumentNullException.ThrowIfNull(protocol);
        var window = protocol.End switch
        {
            ChargingEnd.Target => ChargingWindow.ToTarget(protocol.Time),
            ChargingEnd.Duration => ChargingWindow.ForDuration(protocol.Time),
            _ => ChargingWindow.ToMaximumPower(protocol.Time),
        };
        var size = RunSizes.Of(protocol.Drive, protocol.Battery, [], protocol.InitialMixed);
        return new ChargingSetup
        {
            Name = name,
            Size = size,
            Build = () => new ChargingSystem
            {
                Dims = protocol.Dims,
                Hamiltonian = protocol.Drive,
                Battery = protocol.Battery,
                InitialKet = protocol.InitialKet,
                InitialMixed = protocol.InitialMixed,
                TargetKet = protocol.TargetKet,
                TargetMixed = protocol.TargetMixed,
            },
            Window = window,
            Compute = ChargingQuantities.Power | ChargingQuantities.Constraints,
            Options = options ?? ChargingOptions.Default,
        };
    }
}
