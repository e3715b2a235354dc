using System.Globalization;

namespace QBatt.Thermodynamics;

/// <summary>Input checks shared by the thermodynamics routines (R1: explicit tolerances, one-line errors).</summary>
internal static class Validation
{
    public const double DefaultTolerance = 1e-10;

    /// <summary>Finite, non-negative within <paramref name="tol"/>, summing to 1 within <paramref name="tol"/>.</summary>
    public static void Probabilities(ReadOnlySpan<double> p, string operation, string argument, double tol)
    {
        if (p.Length == 0)
            throw new ValidationException(operation, argument, "at least one population", "none");
        Guard.Finite(p, operation, argument);
        var sum = new CompensatedSum();
        for (var i = 0; i < p.Length; i++)
        {
            if (p[i] < -tol)
                throw new ValidationException(operation, argument, "non-negative populations", $"{p[i].ToString("R", CultureInfo.InvariantCulture)} at index {i}");
            sum.Add(p[i]);
        }
        if (Math.Abs(sum.Value - 1) > tol)
            throw new ValidationException(operation, argument, $"populations summing to 1 (within {QBattException.Num(tol)})", $"sum {sum.Value.ToString("R", CultureInfo.InvariantCulture)}");
    }

    /// <summary>Populations and energies of one diagonal state: equal lengths, both finite.</summary>
    public static void DiagonalState(ReadOnlySpan<double> populations, ReadOnlySpan<double> energies, string operation, double tol = DefaultTolerance)
    {
        Guard.Finite(energies, operation, "energies");
        EnergyBasis.RequireRange(energies, operation, "energies");
        if (energies.Length == 0)
            throw new ValidationException(operation, "energies", "at least one energy level", "none");
        if (populations.Length != energies.Length)
            throw new DimensionMismatchException(operation, "populations", $"{energies.Length} populations (one per energy level)", $"{populations.Length}");
        Probabilities(populations, operation, "populations", tol);
    }

    public static void SameDimension(int stateDim, int hamiltonianDim, string operation)
    {
        if (stateDim != hamiltonianDim)
            throw new DimensionMismatchException(operation, "h0", $"a {stateDim}x{stateDim} Hamiltonian (the state's dimension)", $"{hamiltonianDim}x{hamiltonianDim}");
    }
}

/// <summary>Neumaier's compensated summation: error independent of the number of terms to first order.</summary>
internal struct CompensatedSum
{
    private double _sum;
    private double _c;

    public readonly double Value => _sum + _c;

    public void Add(double x)
    {
        var t = _sum + x;
        if (Math.Abs(_sum) >= Math.Abs(x)) _c += (_sum - t) + x;
        else _c += (x - t) + _sum;
        _sum = t;
    }
}
