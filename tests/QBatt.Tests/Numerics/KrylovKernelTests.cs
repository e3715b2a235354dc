using System.Numerics;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Tests.Oracles;

namespace QBatt.Tests.Numerics;

/// <summary>The Krylov, Runge-Kutta and small dense kernels against dense oracles.</summary>
public class KrylovKernelTests
{
    private static Complex[] Exact(ComplexMatrix h, double t, ReadOnlySpan<Complex> v) => MatrixFunctions.ExpMinusIHt(h, t).Multiply(v);

    [Fact]
    public void Lanczos_reaches_the_horizon_within_the_tolerance_and_reports_its_error()
    {
        var rng = new RandomMatrices(1);
        var h = rng.Hermitian(150);
        var v = rng.UnitVector(150);
        var k = new LanczosExponential(LinearMap.From(h), 40);
        var reach = k.Build(v, 0.8, 1e-11);
        Assert.True(reach > 0 && reach <= 0.8);
        foreach (var s in new[] { 0.0, reach / 3, reach })
        {
            var y = new Complex[150];
            k.State(s, y);
            var e = Exact(h, s, v);
            double err = 0;
            for (var i = 0; i < 150; i++) err = Math.Max(err, (y[i] - e[i]).Magnitude);
            Assert.True(err < 1e-9, $"s={s} error {err}");
            Assert.True(k.ErrorEstimate(s) <= Math.Max(1e-11 * s, 1e-14) * 1.0001, $"estimate {k.ErrorEstimate(s)} at s={s}, reach {reach}, m {k.BasisSize}");
        }
        // the projected observable gives the expectation value of the state
        var a = rng.Hermitian(150);
        var g = k.Project(LinearMap.From(a));
        var c = new Complex[k.BasisSize];
        k.Coefficients(reach / 2, c);
        Complex q = 0;
        for (var i = 0; i < c.Length; i++)
            for (var j = 0; j < c.Length; j++) q += Complex.Conjugate(c[i]) * g[i, j] * c[j];
        var yy = new Complex[150];
        k.State(reach / 2, yy);
        Assert.True((q - VectorOps.Dot(yy, a.Multiply(yy))).Magnitude < 1e-10);
    }

    [Fact]
    public void Lanczos_detects_an_invariant_krylov_space()
    {
        var h = ComplexMatrix.Diagonal([1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        var v = new Complex[6];
        v[0] = 0.6;
        v[3] = 0.8;
        var k = new LanczosExponential(LinearMap.From(h), 10);
        Assert.Equal(100, k.Build(v, 100, 1e-12));
        Assert.True(k.Invariant);
        Assert.Equal(2, k.BasisSize);
        var y = new Complex[6];
        k.State(100, y);
        Assert.True((y[0] - 0.6 * Complex.FromPolarCoordinates(1, -100)).Magnitude < 1e-12);
        Assert.True((y[3] - 0.8 * Complex.FromPolarCoordinates(1, -400)).Magnitude < 1e-12);
    }

    [Fact]
    public void Small_real_exponential_matches_the_complex_pade_exponential()
    {
        var rng = new RandomMatrices(3);
        foreach (var (m, scale) in new[] { (1, 0.001), (5, 0.01), (12, 0.5), (30, 3.0), (60, 20.0) })
        {
            var a = new double[m * m];
            for (var i = 0; i < a.Length; i++) a[i] = rng.Normal() * scale / Math.Sqrt(m);
            var r = SmallRealExpm.Exp(a, m, 1.3);
            var c = ComplexMatrix.FromColumnMajor(m, m, [.. a.Select(x => new Complex(1.3 * x, 0))]);
            var e = MatrixFunctions.Expm(c);
            var norm = e.MaxAbs();
            for (var i = 0; i < m * m; i++) Assert.True(Math.Abs(r[i] - e.ReadOnlySpan[i].Real) < 1e-11 * Math.Max(1, norm), $"m={m} entry {i}");
        }
    }

    [Fact]
    public void Tridiagonal_eigen_agrees_with_the_dense_symmetric_solver()
    {
        var rng = new RandomMatrices(4);
        var n = 25;
        var d = Enumerable.Range(0, n).Select(_ => rng.Normal()).ToArray();
        var e = Enumerable.Range(0, n).Select(_ => rng.Normal()).ToArray();
        var rows = new double[n * n];
        var all = Enumerable.Range(0, n).ToArray();
        var values = TridiagonalEigen.Solve(d, e, n, all, rows);
        var t = new ComplexMatrix(n, n);
        for (var i = 0; i < n; i++)
        {
            t[i, i] = d[i];
            if (i + 1 < n) t[i, i + 1] = t[i + 1, i] = e[i];
        }
        var reference = MatrixFunctions.EigvalsH(t);
        var sorted = values.Order().ToArray();
        for (var i = 0; i < n; i++) Assert.True(Math.Abs(sorted[i] - reference[i]) < 1e-12);
        // T q_k = lambda_k q_k for the returned eigenvectors (column k = rows[r * n + k] over r)
        for (var k = 0; k < n; k++)
        {
            for (var r = 0; r < n; r++)
            {
                var tq = d[r] * rows[r * n + k] + (r > 0 ? e[r - 1] * rows[(r - 1) * n + k] : 0) + (r + 1 < n ? e[r] * rows[(r + 1) * n + k] : 0);
                Assert.True(Math.Abs(tq - values[k] * rows[r * n + k]) < 1e-12);
            }
        }
    }

    [Fact]
    public void Lanczos_ground_energy_of_a_large_chain_matches_dense_for_a_small_one()
    {
        var chain = new QBatt.Models.SpinChain(8, range: QBatt.Models.CouplingRange.PowerLaw);
        var h = chain.ChargingHamiltonian();
        var dense = MatrixFunctions.EigvalsH(h.ToDense())[0];
        var (value, residual) = LanczosEigen.Lowest(LinearMap.From(h.SparseStorage!));
        Assert.True(Math.Abs(value - dense) < 1e-9, $"{value} vs {dense}");
        Assert.True(residual < 1e-9);
    }

    [Theory]
    [InlineData(RungeKuttaMethod.Dop853)]
    [InlineData(RungeKuttaMethod.DormandPrince54)]
    public void Runge_kutta_integrates_a_linear_system_and_interpolates_densely(RungeKuttaMethod method)
    {
        // y' = A y with A = -i H: y(t) = exp(-iHt) y0
        var rng = new RandomMatrices(5);
        var h = rng.Hermitian(6);
        var y0 = rng.UnitVector(6);
        var rk = new AdaptiveRungeKutta(method, 6, (t, y, dy) =>
        {
            h.Multiply(y, dy);
            VectorOps.Scale(-Complex.ImaginaryOne, dy);
        }, 1e-12, 1e-12);
        rk.Initialize(0, y0);
        var checks = 0;
        while (rk.Time < 3)
        {
            rk.Step(3);
            var mid = 0.5 * (rk.PreviousTime + rk.Time);
            var y = new Complex[6];
            rk.Interpolate(mid, y);
            var e = Exact(h, mid, y0);
            for (var i = 0; i < 6; i++) Assert.True((y[i] - e[i]).Magnitude < 1e-8, $"dense output at {mid}");
            checks++;
        }
        var end = Exact(h, 3, y0);
        for (var i = 0; i < 6; i++) Assert.True((rk.State[i] - end[i]).Magnitude < 1e-9);
        Assert.True(checks > 3);
        Assert.True(rk.ErrorSum > 0 && rk.ErrorSum < 1e-8);
    }

    [Fact]
    public void Liouvillian_matches_the_kronecker_formula_and_hermitian_coordinates_are_real()
    {
        var rng = new RandomMatrices(6);
        var d = 3;
        var h = Operator.FromDense(rng.Hermitian(d));
        var c = Operator.FromDense(rng.Ginibre(d, d));
        var l = Liouvillian.Build(h, [c]).ToDense();
        // L = -i (1 (x) H - H^T (x) 1) + conj(C) (x) C - (1/2) 1 (x) C^dag C - (1/2) (C^dag C)^T (x) 1
        var i3 = Naive.ToArray(ComplexMatrix.Identity(d));
        var hm = Naive.ToArray(h.ToDense());
        var cm = Naive.ToArray(c.ToDense());
        var cdc = Naive.Multiply(Naive.Op(cm, Op.Adjoint), cm);
        var expected = new Complex[d * d, d * d];
        var k1 = Naive.Kron(i3, hm);
        var k2 = Naive.Kron(Transpose(hm), i3);
        var k3 = Naive.Kron(Conj(cm), cm);
        var k4 = Naive.Kron(i3, cdc);
        var k5 = Naive.Kron(Transpose(cdc), i3);
        for (var r = 0; r < d * d; r++)
            for (var s = 0; s < d * d; s++)
                expected[r, s] = -Complex.ImaginaryOne * (k1[r, s] - k2[r, s]) + k3[r, s] - 0.5 * k4[r, s] - 0.5 * k5[r, s];
        Assert.True(Naive.MaxAbsDiff(expected, l) < 1e-12);
        // in Hermitian coordinates the generator is real and acts like L on Hermitian matrices
        var g = HermitianCoordinates.Generator(Liouvillian.Build(h, [c]), d);
        var rho = rng.DensityMatrix(d);
        var x = new double[d * d];
        HermitianCoordinates.ToReal(rho.ReadOnlySpan, x);
        var gx = new double[d * d];
        g.Multiply(x, gx);
        var back = new Complex[d * d];
        HermitianCoordinates.ToComplex(gx, d, back);
        var lrho = Liouvillian.Build(h, [c]).Multiply(rho.ReadOnlySpan);
        for (var i = 0; i < d * d; i++) Assert.True((back[i] - lrho[i]).Magnitude < 1e-12);
        // tr(A rho) from the real functionals
        var a = rng.Ginibre(d, d);
        var w = Liouvillian.ExpectationFunctional(Operator.FromDense(a));
        var (wh, wa) = HermitianCoordinates.Functional(w, d);
        var value = new Complex(wh.Zip(x, (p, q) => p * q).Sum(), wa.Zip(x, (p, q) => p * q).Sum());
        var trace = Complex.Zero;
        for (var i = 0; i < d; i++)
            for (var j = 0; j < d; j++) trace += a[i, j] * rho[j, i];
        Assert.True((value - trace).Magnitude < 1e-12);
    }

    [Fact]
    public void Sparse_expectation_functionals_give_the_trace_and_the_dense_hermitian_functionals()
    {
        // a sparse non-Hermitian A with a pattern that is not symmetric (a_01 stored, a_10 not), a duplicate triplet
        // (summed by the CSR) and an explicit zero entry; the oracle is tr(A rho) summed entry by entry and the dense
        // functionals at every position
        var rng = new RandomMatrices(7);
        var d = 4;
        int[] rows = [0, 0, 1, 2, 3, 3, 2];
        int[] cols = [1, 1, 1, 0, 3, 2, 2];
        Complex[] vals = [new(0.3, -1.1), new(0.2, 0.4), new(-0.7, 0), new(0, 2.5), new(1.5, 0.5), new(-0.25, 0.75), Complex.Zero];
        var csr = CsrMatrix.FromTriplets(d, d, rows, cols, vals);
        var a = Operator.FromSparse(csr);
        var am = Naive.ToArray(a.ToDense());
        var rho = rng.DensityMatrix(d);
        var expected = Complex.Zero;
        for (var i = 0; i < d; i++)
            for (var j = 0; j < d; j++) expected += am[i, j] * rho[j, i];
        var sparse = Liouvillian.SparseExpectationFunctional(a);
        Assert.Equal(d * d, sparse.Length);
        Assert.True((sparse.Dot(rho.ReadOnlySpan) - expected).Magnitude < 1e-14);
        // the stored positions are the non-zeros of A^dag, distinct and sorted
        Assert.Equal(5, sparse.Index.Length);
        var dense = Liouvillian.ExpectationFunctional(a);
        Assert.Equal(dense, sparse.ToDense());
        // the Hermitian-coordinate functionals: equal to the dense ones where stored, and the dense ones vanish elsewhere
        var (index, wh, wa) = HermitianCoordinates.Functional(sparse, d);
        var (dh, da) = HermitianCoordinates.Functional(dense, d);
        var stored = new HashSet<int>(index);
        for (var k = 0; k < index.Length; k++)
        {
            Assert.Equal(dh[index[k]], wh[k], 15);
            Assert.Equal(da[index[k]], wa[k], 15);
        }
        for (var q = 0; q < d * d; q++)
            if (!stored.Contains(q)) Assert.True(dh[q] == 0 && da[q] == 0, $"position {q} left out but non-zero");
        var x = new double[d * d];
        HermitianCoordinates.ToReal(rho.ReadOnlySpan, x);
        double re = 0, im = 0;
        for (var k = 0; k < index.Length; k++)
        {
            re += wh[k] * x[index[k]];
            im += wa[k] * x[index[k]];
        }
        Assert.True((new Complex(re, im) - expected).Magnitude < 1e-14);
        // entries at one position are added; positions out of order or repeated are refused
        var merged = SparseFunctional.FromEntries(5, [3, 1, 3], [new(1, 0), new(2, 0), new(0, 1)]);
        Assert.Equal([1, 3], merged.Index);
        Assert.Equal([new Complex(2, 0), new Complex(1, 1)], merged.Value);
        Assert.Throws<ArgumentException>(() => new SparseFunctional(5, [3, 1], [Complex.One, Complex.One]));
    }

    private static Complex[,] Transpose(Complex[,] a) => Naive.Op(Conj(a), Op.Adjoint);

    private static Complex[,] Conj(Complex[,] a)
    {
        var r = (Complex[,])a.Clone();
        for (var i = 0; i < a.GetLength(0); i++)
            for (var j = 0; j < a.GetLength(1); j++) r[i, j] = Complex.Conjugate(a[i, j]);
        return r;
    }
}
