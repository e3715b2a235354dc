namespace QBatt.Thermodynamics;

/// <summary>Options of <see cref="DaemonicErgotropy.Compute"/> (R18).</summary>
public sealed record DaemonicOptions
{
    /// <summary>The defaults below.</summary>
    public static DaemonicOptions Default { get; } = new();

    /// <summary>
    /// Optimise over generalised measurements (POVMs with up to d_B^2 rank-one elements, the extremal ones,
    /// by Naimark dilation into a projective measurement on B and a d_B-level probe prepared in |0&gt;)
    /// instead of rank-one projective measurements on B. Default false.
    /// </summary>
    public bool Generalised { get; init; }

    /// <summary>Starting points of the descent (the best points of a Bloch-sphere grid for a qubit ancilla, the computational basis and seeded Haar-random bases otherwise). Default 8.</summary>
    public int Starts { get; init; } = 8;

    /// <summary>Seed of the random starting bases. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Iterations of the descent per start. Default 2000.</summary>
    public int MaxIterations { get; init; } = 2000;

    /// <summary>Stop when the Riemannian gradient norm falls below this (in units of ||H_A||). Default 1e-10.</summary>
    public double GradientTolerance { get; init; } = 1e-10;
}
