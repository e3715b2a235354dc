using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Thermodynamics;

/// <summary>
/// Distances between states (R8): Uhlmann fidelity F(rho, sigma) = (tr sqrt(sqrt(rho) sigma sqrt(rho)))^2
/// (|&lt;psi|phi&gt;|^2 for pure states), Bures angle L = arccos sqrt(F), trace distance (1/2) ||rho - sigma||_1.
/// </summary>
public static class Distances
{
    /// <summary>|&lt;psi|phi&gt;|^2.</summary>
    public static double Fidelity(Ket psi, Ket phi)
    {
        ArgumentNullException.ThrowIfNull(psi);
        ArgumentNullException.ThrowIfNull(phi);
        var z = psi.Inner(phi);
        return Math.Min(1, z.Real * z.Real + z.Imaginary * z.Imaginary);
    }

    /// <summary>&lt;psi|rho|psi&gt;.</summary>
    public static double Fidelity(Ket psi, DensityMatrix rho)
    {
        ArgumentNullException.ThrowIfNull(psi);
        ArgumentNullException.ThrowIfNull(rho);
        psi.Dims.RequireSame(rho.Dims, "Distances.Fidelity", "rho");
        var m = rho.ToMatrix();
        var y = m.Multiply(psi.Amplitudes);
        return Math.Clamp(VectorOps.Dot(psi.Amplitudes, y).Real, 0, 1);
    }

    /// <summary>
    /// Uhlmann fidelity (tr sqrt(sqrt(rho) sigma sqrt(rho)))^2, computed as (sum of the singular values of
    /// sqrt(rho) sqrt(sigma))^2: the same number, without the square root of rounding-level eigenvalues
    /// that makes the first form lose half the digits for low-rank states.
    /// </summary>
    public static double Fidelity(DensityMatrix rho, DensityMatrix sigma, ILinearAlgebraBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(rho);
        ArgumentNullException.ThrowIfNull(sigma);
        rho.Dims.RequireSame(sigma.Dims, "Distances.Fidelity", "sigma");
        var sr = rho.Eigen().Apply(x => Math.Sqrt(Math.Max(0, x)), backend);
        var ss = sigma.Eigen().Apply(x => Math.Sqrt(Math.Max(0, x)), backend);
        var a = ComplexMatrix.Product(sr, Op.None, ss, Op.None, backend);
        var n = a.Rows;
        var sv = new double[n];
        (backend ?? LinearAlgebra.Default).SingularValues(n, n, a.Span, sv);
        var s = sv.Sum();
        return Math.Clamp(s * s, 0, 1);
    }

    /// <summary>Bures angle arccos sqrt(F) between pure states.</summary>
    public static double BuresAngle(Ket psi, Ket phi) => Math.Acos(Math.Sqrt(Fidelity(psi, phi)));

    /// <summary>Bures angle arccos sqrt(F) between a pure and a mixed state.</summary>
    public static double BuresAngle(Ket psi, DensityMatrix rho) => Math.Acos(Math.Sqrt(Fidelity(psi, rho)));

    /// <summary>Bures angle arccos sqrt(F) between density matrices.</summary>
    public static double BuresAngle(DensityMatrix rho, DensityMatrix sigma, ILinearAlgebraBackend? backend = null) =>
        Math.Acos(Math.Sqrt(Fidelity(rho, sigma, backend)));

    /// <summary>Trace distance between pure states, sqrt(1 - |&lt;psi|phi&gt;|^2).</summary>
    public static double TraceDistance(Ket psi, Ket phi) => Math.Sqrt(Math.Max(0, 1 - Fidelity(psi, phi)));

    /// <summary>Trace distance (1/2) sum |eig(rho - sigma)|.</summary>
    public static double TraceDistance(DensityMatrix rho, DensityMatrix sigma, ILinearAlgebraBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(rho);
        ArgumentNullException.ThrowIfNull(sigma);
        rho.Dims.RequireSame(sigma.Dims, "Distances.TraceDistance", "sigma");
        var d = rho.ToMatrix() - sigma.ToMatrix();
        var h = (d + d.Adjoint()) * 0.5;
        return 0.5 * MatrixFunctions.EigvalsH(h, backend, double.PositiveInfinity).Sum(Math.Abs);
    }
}
