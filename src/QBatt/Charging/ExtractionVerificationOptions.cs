using System.Globalization;
using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Charging;

/// <summary>Options of <see cref="EntanglementFreeExtraction.Verify"/>.</summary>
public sealed record ExtractionVerificationOptions
{
    /// <summary>The defaults below.</summary>
    public static ExtractionVerificationOptions Default { get; } = new();

    /// <summary>Rotation angles sampled inside each step, theta_k = (pi/2) k / (K + 1), k = 1..K. Default 3 (pi/8, pi/4, 3 pi/8).</summary>
    public int SamplesPerStep { get; init; } = 3;

    /// <summary>A partial-transpose eigenvalue below -tolerance counts as entangled. Default 1e-12.</summary>
    public double PptTolerance { get; init; } = 1e-12;

    /// <summary>Largest population by which a higher-energy state may exceed a lower one in the final state. Default 1e-14.</summary>
    public double PassivityTolerance { get; init; } = 1e-14;

    /// <summary>
    /// Receives the fraction of the separability checks done, in [0, 1], as they proceed (about a
    /// thousand reports over a run, the last one 1), from the calling thread. Default null: no reports.
    /// </summary>
    public IProgress<double>? Progress { get; init; }
}
