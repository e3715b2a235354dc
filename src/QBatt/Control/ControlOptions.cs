using QBatt.Charging;

namespace QBatt.Control;

/// <summary>Options of <see cref="ControlOptimizer.Optimize"/> (R17), with documented defaults.</summary>
public sealed record ControlOptions
{
    /// <summary>The defaults.</summary>
    public static ControlOptions Default { get; } = new();

    /// <summary>Seeded random starts (default 4), each uniform in [-u_max, u_max] per amplitude.</summary>
    public int Restarts { get; init; } = 4;

    /// <summary>The seed of the random starts (default 1).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Largest number of L-BFGS steps per start (default 300).</summary>
    public int MaxIterations { get; init; } = 300;

    /// <summary>Stop when the projected gradient norm falls below this (default 1e-10).</summary>
    public double GradientTolerance { get; init; } = 1e-10;

    /// <summary>How many amplitudes the finite-difference gradient check compares (default 24, spread over all; 0: none).</summary>
    public int GradientCheckComponents { get; init; } = 24;

    /// <summary>Options of the pipeline run that re-simulates the final pulse (default <see cref="ChargingOptions.Default"/>).</summary>
    public ChargingOptions Charging { get; init; } = ChargingOptions.Default;

    /// <summary>
    /// Smooth controls (default 0: every slice amplitude is free): with J &gt; 0 modes each control is
    /// u_k(t) = u_max sin(sum_{j&lt;J} c_kj T_j(2t/T - 1)) with T_j the Chebyshev polynomials, sampled at the slice midpoints and
    /// held on each slice; the J coefficients per control are optimised without bounds (the sine keeps |u| &lt;= u_max), their
    /// gradient is the slices' gradient pulled back by the chain rule, and the gradient check compares it.
    /// </summary>
    public int SmoothModes { get; init; }

    /// <summary>Bytes the optimiser may hold (default null: 90% of the memory available to the process).</summary>
    public long? MemoryLimit { get; init; }

    /// <summary>Checks the options.</summary>
    public void Validate()
    {
        const string op = "ControlOptions";
        Guard.AtLeast(Restarts, 1, op, "restarts");
        Guard.AtLeast(MaxIterations, 1, op, "iterations");
        Guard.AtLeast(GradientCheckComponents, 0, op, "gradient-check");
        Guard.AtLeast(SmoothModes, 0, op, "smooth");
        Guard.Positive(GradientTolerance, op, "gradientTolerance");
        ArgumentNullException.ThrowIfNull(Charging);
        Charging.Validate();
    }
}
