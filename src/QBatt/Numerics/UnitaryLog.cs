using System.Numerics;

namespace QBatt.Numerics;

/// <summary>
/// The Hermitian generator of a unitary: G = i log U with the principal logarithm, so that
/// U = exp(-i G) and the eigenvalues of G lie in [-pi, pi). Used to draw k-body terms as
/// i log of Haar-random unitaries (R11, Conjecture 1 study).
/// </summary>
/// <remarks>
/// Through the Cayley transform K = i (1 - U)(1 + U)^-1, a Hermitian matrix with eigenvalues
/// tan(theta_j / 2) for the eigenphases theta_j of U: K and U share eigenvectors, the map
/// theta -&gt; tan(theta/2) is one-to-one on (-pi, pi), and G = -2 atan(K). When an eigenphase lies
/// close to pi (K ill-conditioned) the unitary is first rotated by a phase that puts the largest
/// gap between eigenphases at pi, and the rotation is undone on the eigenvalues.
/// </remarks>
public static class UnitaryLog
{
    /// <summary>Largest |tan(theta/2)| accepted before rotating (an eigenphase within about 2e-4 of pi).</summary>
    private const double CayleyLimit = 1e4;

    /// <summary>G = i log U (principal branch), Hermitian, with U = exp(-i G).</summary>
    /// <param name="unitary">A unitary matrix (checked to <paramref name="unitarityTol"/> in the max norm of U^dag U - 1).</param>
    /// <param name="unitarityTol">Tolerance of the unitarity check.</param>
    /// <param name="backend">Linear-algebra backend (null: default).</param>
    public static ComplexMatrix Generator(ComplexMatrix unitary, double unitarityTol = 1e-10, ILinearAlgebraBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(unitary);
        const string op = "UnitaryLog.Generator";
        unitary.RequireSquare(op, "unitary");
        unitary.RequireFinite(op, "unitary");
        var err = unitary.UnitarityError(backend);
        if (!(err <= unitarityTol))
            throw new ValidationException(op, "unitary", $"a unitary matrix (max |U^dag U - 1| <= {QBattException.Num(unitarityTol)})", $"deviation {QBattException.Num(err)}");

        // an eigenvalue exactly at -1 makes 1 + U singular: rotate by one radian and try again
        var shift = 0.0;
        HermitianEigen eig;
        try
        {
            eig = Cayley(unitary, shift, backend);
        }
        catch (ConvergenceException)
        {
            shift = 1;
            eig = Cayley(unitary, shift, backend);
        }
        var largest = eig.Values.Length == 0 ? 0 : Math.Max(Math.Abs(eig.Values[0]), Math.Abs(eig.Values[^1]));
        if (!(largest <= CayleyLimit))
        {
            // eigenphases of e^(i shift) U (accurate enough to place a cut), then rotate the widest gap onto pi
            var phases = eig.Values.Select(x => 2 * Math.Atan(x)).Order().ToArray();
            double gap = 2 * Math.PI - (phases[^1] - phases[0]), mid = phases[^1] + 0.5 * gap;
            for (var j = 1; j < phases.Length; j++)
            {
                if (phases[j] - phases[j - 1] > gap)
                {
                    gap = phases[j] - phases[j - 1];
                    mid = 0.5 * (phases[j] + phases[j - 1]);
                }
            }
            shift += Math.PI - mid;
            eig = Cayley(unitary, shift, backend);
        }
        // eigenphase of U = 2 atan(lambda) - shift, wrapped into (-pi, pi]; G = -phase
        return eig.Apply(x =>
        {
            var theta = 2 * Math.Atan(x) - shift;
            theta -= 2 * Math.PI * Math.Round(theta / (2 * Math.PI));
            if (theta <= -Math.PI) theta += 2 * Math.PI;
            return -theta;
        }, backend);
    }

    /// <summary>Eigendecomposition of K = i (1 - V)(1 + V)^-1 for V = e^(i shift) U.</summary>
    private static HermitianEigen Cayley(ComplexMatrix u, double shift, ILinearAlgebraBackend? backend)
    {
        var n = u.Rows;
        var phase = Complex.FromPolarCoordinates(1, shift);
        var plus = new ComplexMatrix(n, n);
        var minus = new ComplexMatrix(n, n);
        for (var j = 0; j < n; j++)
        {
            for (var i = 0; i < n; i++)
            {
                var v = phase * u[i, j];
                plus[i, j] = i == j ? 1 + v : v;
                minus[i, j] = i == j ? 1 - v : -v;
            }
        }
        // X = (1 + V)^-1 (1 - V) (the factors commute); K = i X, symmetrised against rounding
        (backend ?? LinearAlgebra.Default).Solve(n, n, plus.Span, minus.Span);
        var k = new ComplexMatrix(n, n);
        for (var j = 0; j < n; j++)
        {
            for (var i = 0; i < n; i++)
                k[i, j] = 0.5 * (Complex.ImaginaryOne * minus[i, j] + Complex.Conjugate(Complex.ImaginaryOne * minus[j, i]));
        }
        return MatrixFunctions.Eigh(k, backend, hermitianTol: double.PositiveInfinity);
    }
}
