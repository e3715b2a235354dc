using System.Numerics;
using QBatt.Numerics;

namespace QBatt.Thermodynamics;

/// <summary>
/// Steepest descent on the unitary group U(n) (Abrudan, Eriksson, Koivunen, IEEE Trans. Signal Process. 56,
/// 1134 (2008)): with Gamma = dF/d(conj V) the Euclidean gradient, the Riemannian gradient is the
/// skew-Hermitian G = Gamma V^dag - V Gamma^dag, and V moves along the geodesic V -&gt; exp(-mu G) V, which
/// stays exactly unitary. The step mu is found by backtracking (Armijo with constant 1e-4 on
/// dF = -mu ||G||^2 / 2), so F never increases. Used by the R18 measures whose optimum over unitaries
/// or measurement bases has no closed form.
/// </summary>
internal static class UnitaryDescent
{
    /// <summary>The outcome: the best unitary, F there, the norm of the Riemannian gradient, the iterations used.</summary>
    internal readonly record struct Outcome(ComplexMatrix V, double Value, double GradientNorm, int Iterations);

    /// <summary>
    /// Minimises F from <paramref name="start"/> (unitary). <paramref name="evaluate"/> returns F(V) and the
    /// Euclidean gradient dF/d(conj V) (F real). Stops when ||G||_F &lt;= <paramref name="gradientTolerance"/>,
    /// when no step decreases F by more than rounding, or after <paramref name="maxIterations"/>.
    /// </summary>
    public static Outcome Minimise(Func<ComplexMatrix, (double Value, ComplexMatrix Gradient)> evaluate, ComplexMatrix start, int maxIterations, double gradientTolerance)
    {
        var v = start;
        var (f, gamma) = evaluate(v);
        var mu = 1.0 / Math.Max(1e-300, gamma.FrobeniusNorm());
        var gNorm = double.NaN;
        var it = 0;
        for (; it < maxIterations; it++)
        {
            var g = SkewGradient(v, gamma);
            gNorm = g.FrobeniusNorm();
            if (!(gNorm > gradientTolerance)) break;
            var accepted = false;
            mu *= 2;
            for (var k = 0; k < 60; k++)
            {
                var trial = Step(g, mu).Multiply(v);
                var (ft, gt) = evaluate(trial);
                if (ft <= f - 1e-4 * mu * 0.5 * gNorm * gNorm)
                {
                    v = trial;
                    f = ft;
                    gamma = gt;
                    accepted = true;
                    break;
                }
                mu *= 0.5;
            }
            if (!accepted) break;
        }
        if (double.IsNaN(gNorm)) gNorm = SkewGradient(v, gamma).FrobeniusNorm();
        return new Outcome(v, f, gNorm, it);
    }

    /// <summary>G = Gamma V^dag - V Gamma^dag.</summary>
    private static ComplexMatrix SkewGradient(ComplexMatrix v, ComplexMatrix gamma)
    {
        var a = ComplexMatrix.Product(gamma, Op.None, v, Op.Adjoint);
        return a - a.Adjoint();
    }

    /// <summary>exp(-mu G) for skew-Hermitian G: exp(-i h t) with the Hermitian h = i G and t = -mu.</summary>
    private static ComplexMatrix Step(ComplexMatrix g, double mu)
    {
        var h = g * Complex.ImaginaryOne;
        var n = h.Rows;
        for (var j = 0; j < n; j++)
        {
            h[j, j] = h[j, j].Real;
            for (var i = j + 1; i < n; i++) h[j, i] = Complex.Conjugate(h[i, j]);
        }
        return MatrixFunctions.ExpMinusIHt(h, -mu);
    }
}
