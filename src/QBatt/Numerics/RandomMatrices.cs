using System.Numerics;
using QBatt.Quantum;

namespace QBatt.Numerics;

/// <summary>
/// Seeded random matrices and states: standard complex Gaussian (Ginibre) matrices, GUE
/// Hermitian matrices, Haar-random unitaries and random density matrices. Every draw comes from
/// an explicit seed (DESIGN.md, Randomness); the same seed gives the same numbers on every run.
/// </summary>
public sealed class RandomMatrices
{
    private readonly Random _rng;
    private double? _spare;

    /// <summary>A generator for the given seed.</summary>
    public RandomMatrices(int seed)
    {
        Seed = seed;
        _rng = new Random(seed);
    }

    /// <summary>The seed.</summary>
    public int Seed { get; }

    /// <summary>A standard normal variate (Marsaglia polar method).</summary>
    public double Normal()
    {
        if (_spare is { } s)
        {
            _spare = null;
            return s;
        }
        double u, v, q;
        do
        {
            u = 2 * _rng.NextDouble() - 1;
            v = 2 * _rng.NextDouble() - 1;
            q = u * u + v * v;
        } while (q >= 1 || q == 0);
        var f = Math.Sqrt(-2 * Math.Log(q) / q);
        _spare = v * f;
        return u * f;
    }

    /// <summary>A uniform variate in [0, 1).</summary>
    public double Uniform() => _rng.NextDouble();

    /// <summary>A standard complex Gaussian: real and imaginary parts i.i.d. N(0, 1) (BENCHMARKS.md W1).</summary>
    public Complex ComplexNormal() => new(Normal(), Normal());

    /// <summary>An m x n matrix of i.i.d. standard complex Gaussian entries.</summary>
    public ComplexMatrix Ginibre(int rows, int cols)
    {
        var m = new ComplexMatrix(rows, cols);
        var s = m.Span;
        for (var i = 0; i < s.Length; i++) s[i] = ComplexNormal();
        return m;
    }

    /// <summary>A Hermitian matrix (M + M^dag)/2 with M Ginibre (BENCHMARKS.md W1).</summary>
    public ComplexMatrix Hermitian(int n)
    {
        var m = Ginibre(n, n);
        var h = m.AddScaled(1, m.Adjoint());
        VectorOps.Scale(0.5, h.Span);
        return h;
    }

    /// <summary>A random unit vector (uniform on the sphere).</summary>
    public Complex[] UnitVector(int n)
    {
        var v = new Complex[n];
        for (var i = 0; i < n; i++) v[i] = ComplexNormal();
        VectorOps.Scale(1 / VectorOps.Norm(v), v);
        return v;
    }

    /// <summary>
    /// A Haar-random unitary: Gram-Schmidt (applied twice for orthogonality to rounding) on a
    /// Ginibre matrix, which equals QR with the R diagonal made positive (Mezzadri 2007).
    /// </summary>
    public ComplexMatrix HaarUnitary(int n)
    {
        var q = Ginibre(n, n);
        for (var j = 0; j < n; j++)
        {
            var cj = q.Column(j);
            for (var pass = 0; pass < 2; pass++)
            {
                for (var k = 0; k < j; k++)
                {
                    var ck = q.Column(k);
                    VectorOps.Axpy(-VectorOps.Dot(ck, cj), ck, cj);
                }
            }
            VectorOps.Scale(1 / VectorOps.Norm(cj), cj);
        }
        return q;
    }

    /// <summary>A full-rank random density matrix G G^dag / tr(G G^dag) with G Ginibre (BENCHMARKS.md W1).</summary>
    public ComplexMatrix DensityMatrix(int n, int? rank = null, ILinearAlgebraBackend? backend = null)
    {
        var g = Ginibre(n, rank ?? n);
        var rho = ComplexMatrix.Product(g, Op.None, g, Op.Adjoint, backend);
        VectorOps.Scale(1 / rho.Trace().Real, rho.Span);
        // exact Hermitian symmetry (the product is Hermitian only to rounding)
        for (var j = 0; j < n; j++)
        {
            rho[j, j] = new Complex(rho[j, j].Real, 0);
            for (var i = j + 1; i < n; i++) rho[j, i] = Complex.Conjugate(rho[i, j]);
        }
        return rho;
    }

    /// <summary>Random probabilities (a point uniform on the simplex).</summary>
    public double[] Probabilities(int n)
    {
        var p = new double[n];
        double s = 0;
        for (var i = 0; i < n; i++) { p[i] = -Math.Log(1 - _rng.NextDouble()); s += p[i]; }
        for (var i = 0; i < n; i++) p[i] /= s;
        return p;
    }
}
