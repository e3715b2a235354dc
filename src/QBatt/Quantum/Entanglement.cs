using QBatt.Numerics;

namespace QBatt.Quantum;

/// <summary>Partial-transpose (PPT) tests and the negativity; used as separability checks (R5, R10).</summary>
public static class Entanglement
{
    /// <summary>Smallest eigenvalue of the partial transpose of rho on the listed subsystems.</summary>
    public static double MinPartialTransposeEigenvalue(DensityMatrix rho, params int[] subsystems)
    {
        ArgumentNullException.ThrowIfNull(rho);
        var pt = rho.PartialTranspose(subsystems);
        return MatrixFunctions.EigvalsH(pt, hermitianTol: double.PositiveInfinity)[0];
    }

    /// <summary>True when the partial transpose on the listed subsystems has no eigenvalue below -tol.</summary>
    public static bool IsPpt(DensityMatrix rho, int[] subsystems, double tol = 1e-10) =>
        MinPartialTransposeEigenvalue(rho, subsystems) >= -tol;

    /// <summary>
    /// Every bipartition of the subsystems (A | complement) with subsystem 0 outside A, so each cut
    /// appears once: 2^(n-1) - 1 of them.
    /// </summary>
    public static IEnumerable<int[]> Bipartitions(int subsystems)
    {
        Guard.AtLeast(subsystems, 2, "Entanglement.Bipartitions", "subsystems");
        if (subsystems > 30)
            throw new ResourceException("Entanglement.Bipartitions", "subsystems", "at most 30 subsystems", $"{subsystems}");
        for (var mask = 1; mask < 1 << (subsystems - 1); mask++)
        {
            var part = new List<int>();
            for (var k = 0; k < subsystems - 1; k++)
                if ((mask >> k & 1) == 1) part.Add(k + 1);
            yield return part.ToArray();
        }
    }

    /// <summary>
    /// The smallest partial-transpose eigenvalue over every bipartition, with the cut where it
    /// occurs. Non-negative (to tolerance) means PPT across every cut.
    /// </summary>
    public static (double MinEigenvalue, int[] Cut) MinOverBipartitions(DensityMatrix rho)
    {
        ArgumentNullException.ThrowIfNull(rho);
        var best = double.PositiveInfinity;
        int[] cut = [];
        foreach (var part in Bipartitions(rho.Dims.Count))
        {
            var e = MinPartialTransposeEigenvalue(rho, part);
            if (e < best) { best = e; cut = part; }
        }
        return (best, cut);
    }

    /// <summary>Negativity (||rho^T_A||_1 - 1)/2 for the partial transpose on the listed subsystems.</summary>
    public static double Negativity(DensityMatrix rho, params int[] subsystems)
    {
        ArgumentNullException.ThrowIfNull(rho);
        var w = MatrixFunctions.EigvalsH(rho.PartialTranspose(subsystems), hermitianTol: double.PositiveInfinity);
        double neg = 0;
        foreach (var x in w) if (x < 0) neg -= x;
        return neg;
    }
}
