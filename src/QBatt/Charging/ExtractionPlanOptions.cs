using System.Globalization;
using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Charging;

/// <summary>Options of <see cref="EntanglementFreeExtraction.Plan"/>.</summary>
public sealed record ExtractionPlanOptions
{
    /// <summary>The defaults below.</summary>
    public static ExtractionPlanOptions Default { get; } = new();

    /// <summary>
    /// Cell levels within this tolerance (relative to their spread, as <see cref="ErgotropyOptions.DegeneracyTolerance"/>)
    /// are degenerate; n-cell energies within n times the resulting absolute tolerance form one energy shell. Default 1e-10.
    /// </summary>
    public double DegeneracyTolerance { get; init; } = 1e-10;

    /// <summary>Largest total dimension d^n accepted. Default 2^16.</summary>
    public int MaxDimension { get; init; } = 1 << 16;

    /// <summary>
    /// When pairing a displaced population with a free slot, the nearest (in Hamming distance) among at
    /// most this many candidates is taken. Default 256.
    /// </summary>
    public int NearestCandidates { get; init; } = 256;
}
