namespace QBatt.Thermodynamics;

/// <summary>Options of <see cref="LocalErgotropy.Compute"/> (R18).</summary>
public sealed record LocalErgotropyOptions
{
    /// <summary>The defaults below.</summary>
    public static LocalErgotropyOptions Default { get; } = new();

    /// <summary>Starting unitaries of the descent: the identity and seeded Haar-random ones. Default 8.</summary>
    public int Starts { get; init; } = 8;

    /// <summary>Seed of the random starts. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Iterations of the descent per start. Default 2000.</summary>
    public int MaxIterations { get; init; } = 2000;

    /// <summary>Stop when the Riemannian gradient norm falls below this (in units of the energy scale). Default 1e-10.</summary>
    public double GradientTolerance { get; init; } = 1e-10;
}
