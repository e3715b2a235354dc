using QBatt.Batteries;

namespace QBatt.Control;

/// <summary>
/// What the optimised protocol is compared with (R9, R17): <see cref="Copies"/> copies of one cell's protocol, either itself optimised
/// under the same objective and constraint (<see cref="Optimised"/>: Gamma against the optimised parallel protocol) or a fixed
/// protocol run as given (<see cref="Fixed"/>, e.g. the reference block of a model file). Under a fair constraint the collective budget
/// is the reference's constraint value times N (C0, C2) or sqrt(N) (C1).
/// </summary>
public sealed record ControlReference
{
    /// <summary>A reference optimised with the same options.</summary>
    public ControlReference(ControlProblem optimised, int copies)
    {
        ArgumentNullException.ThrowIfNull(optimised);
        Guard.AtLeast(copies, 1, "ControlReference", "copies");
        Optimised = optimised;
        Copies = copies;
    }

    /// <summary>A fixed reference protocol, run by the pipeline as given.</summary>
    public ControlReference(ChargingSetup fixedSetup, int copies)
    {
        ArgumentNullException.ThrowIfNull(fixedSetup);
        Guard.AtLeast(copies, 1, "ControlReference", "copies");
        Fixed = fixedSetup;
        Copies = copies;
    }

    /// <summary>The one-cell problem optimised as the reference, or null.</summary>
    public ControlProblem? Optimised { get; }

    /// <summary>The fixed reference setup, or null.</summary>
    public ChargingSetup? Fixed { get; }

    /// <summary>N, the number of copies.</summary>
    public int Copies { get; }
}
