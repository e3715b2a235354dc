using System.Numerics;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace QBatt.Numerics;

/// <summary>
/// Managed fallback on MathNet.Numerics 5.0.0's managed provider (called directly, never
/// through MathNet's global <c>Control</c> state). Same results as <see cref="NativeBackend"/>,
/// only slower.
/// </summary>
public sealed class ManagedBackend : ILinearAlgebraBackend
{
    private readonly ManagedLinearAlgebraProvider _provider = new();

    /// <summary>The shared instance (the backend holds no mutable state).</summary>
    public static ManagedBackend Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "managed";

    /// <inheritdoc/>
    public string Description => $"MathNet.Numerics {typeof(ManagedLinearAlgebraProvider).Assembly.GetName().Version} managed provider, {Environment.ProcessorCount} processor(s)";

    private static Transpose ToMathNet(Op op) => op switch
    {
        Op.None => Transpose.DontTranspose,
        Op.Transpose => Transpose.Transpose,
        _ => Transpose.ConjugateTranspose,
    };

    /// <inheritdoc/>
    public void Gemm(Op opA, Op opB, int m, int n, int k, Complex alpha, ReadOnlySpan<Complex> a,
        ReadOnlySpan<Complex> b, Complex beta, Span<Complex> c)
    {
        BackendChecks.Gemm(opA, opB, m, n, k, a.Length, b.Length, c.Length);
        if (m == 0 || n == 0)
            return;
        if (k == 0)
        {
            for (var i = 0; i < m * n; i++) c[i] = beta == Complex.Zero ? Complex.Zero : beta * c[i];
            return;
        }
        var aa = a[..(m * k)].ToArray();
        var bb = b[..(k * n)].ToArray();
        var cc = beta == Complex.Zero ? new Complex[m * n] : c[..(m * n)].ToArray();
        var (ra, ca) = opA == Op.None ? (m, k) : (k, m);
        var (rb, cb) = opB == Op.None ? (k, n) : (n, k);
        _provider.MatrixMultiplyWithUpdate(ToMathNet(opA), ToMathNet(opB), alpha, aa, ra, ca, bb, rb, cb, beta, cc);
        cc.AsSpan().CopyTo(c);
    }

    /// <inheritdoc/>
    public void HermitianEigen(int n, Span<Complex> a, Span<double> w, bool vectors)
    {
        BackendChecks.Square("HermitianEigen", n, a.Length, w.Length);
        if (n == 0)
            return;
        // MathNet reads the lower triangle in its Householder tridiagonalisation; make the input
        // exactly Hermitian from the lower triangle so both backends see the same matrix.
        var m = new Complex[n * n];
        for (var j = 0; j < n; j++)
        {
            for (var i = j; i < n; i++)
            {
                var v = a[i + j * n];
                if (i == j) v = new Complex(v.Real, 0);
                m[i + j * n] = v;
                m[j + i * n] = Complex.Conjugate(v);
            }
        }
        // MathNet accumulates the Householder and QL rotations into matrixEv, which must start as the identity.
        var ev = new Complex[n * n];
        for (var i = 0; i < n; i++) ev[i + i * n] = Complex.One;
        var lambda = new Complex[n];
        var d = new Complex[n * n];
        _provider.EigenDecomp(true, n, m, ev, lambda, d);
        var order = new int[n];
        var vals = new double[n];
        for (var i = 0; i < n; i++) { order[i] = i; vals[i] = lambda[i].Real; }
        Array.Sort(vals, order);
        vals.AsSpan().CopyTo(w);
        if (!vectors)
            return;
        for (var j = 0; j < n; j++)
            ev.AsSpan(order[j] * n, n).CopyTo(a.Slice(j * n, n));
    }

    /// <inheritdoc/>
    public void SymmetricEigen(int n, Span<double> a, Span<double> w, bool vectors)
    {
        BackendChecks.Square("SymmetricEigen", n, a.Length, w.Length);
        if (n == 0)
            return;
        var m = new double[n * n];
        for (var j = 0; j < n; j++)
        {
            for (var i = j; i < n; i++)
            {
                m[i + j * n] = a[i + j * n];
                m[j + i * n] = a[i + j * n];
            }
        }
        var ev = new double[n * n];
        for (var i = 0; i < n; i++) ev[i + i * n] = 1;
        var lambda = new Complex[n];
        var d = new double[n * n];
        _provider.EigenDecomp(true, n, m, ev, lambda, d);
        var order = new int[n];
        var vals = new double[n];
        for (var i = 0; i < n; i++) { order[i] = i; vals[i] = lambda[i].Real; }
        Array.Sort(vals, order);
        vals.AsSpan().CopyTo(w);
        if (!vectors)
            return;
        for (var j = 0; j < n; j++)
            ev.AsSpan(order[j] * n, n).CopyTo(a.Slice(j * n, n));
    }

    /// <inheritdoc/>
    public void Solve(int n, int nrhs, Span<Complex> a, Span<Complex> b)
    {
        BackendChecks.Solve(n, nrhs, a.Length, b.Length);
        if (n == 0 || nrhs == 0)
            return;
        var aa = a[..(n * n)].ToArray();
        var bb = b[..(n * nrhs)].ToArray();
        var ipiv = new int[n];
        _provider.LUFactor(aa, n, ipiv);
        for (var i = 0; i < n; i++)
        {
            if (aa[i + i * n] == Complex.Zero)
                throw new ConvergenceException($"Solve: the {n}x{n} matrix is singular (zero pivot at {i + 1}).");
        }
        _provider.LUSolveFactored(nrhs, aa, n, ipiv, bb);
        aa.AsSpan().CopyTo(a);
        bb.AsSpan().CopyTo(b);
    }

    /// <inheritdoc/>
    public void SingularValues(int m, int n, Span<Complex> a, Span<double> s)
    {
        BackendChecks.Svd(m, n, a.Length, s.Length);
        if (m == 0 || n == 0)
            return;
        var aa = a[..(m * n)].ToArray();
        var ss = new Complex[Math.Min(m, n)];
        var u = new Complex[m * m];
        var vt = new Complex[n * n];
        _provider.SingularValueDecomposition(false, aa, m, n, ss, u, vt);
        var vals = new double[ss.Length];
        for (var i = 0; i < vals.Length; i++) vals[i] = ss[i].Magnitude;
        Array.Sort(vals);
        Array.Reverse(vals);
        vals.AsSpan().CopyTo(s);
    }
}
