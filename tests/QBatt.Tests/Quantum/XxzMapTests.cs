using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Tests.Quantum;

/// <summary>
/// The matrix-free XXZ map against the Kronecker-product construction of the same sum of Pauli strings
/// (small n, every block path) and against PauliSum's CSR matrix (n = 14 and 15: several 2^13 blocks, flips
/// across blocks).
/// </summary>
public class XxzMapTests
{
    /// <summary>Random fields and couplings on n qubits, nearest neighbours or all pairs (also the split map's tests).</summary>
    internal static (double[] Hz, double[] Hx, XxzCoupling[] Pairs) RandomTerms(int n, int seed, bool allPairs)
    {
        var rng = new RandomMatrices(seed);
        var hz = Enumerable.Range(0, n).Select(_ => rng.Normal()).ToArray();
        var hx = Enumerable.Range(0, n).Select(_ => rng.Normal()).ToArray();
        var pairs = new List<XxzCoupling>();
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                if (allPairs || j == i + 1) pairs.Add(new XxzCoupling(i, j, rng.Normal(), rng.Normal()));
        return (hz, hx, [.. pairs]);
    }

    private static Operator Kronecker(int n, double[] hz, double[] hx, XxzCoupling[] pairs)
    {
        Operator Site(Operator p, int i) => Operators.Embed(p, i, n);
        var h = Operator.Zero(Dims.Uniform(2, n));
        for (var i = 0; i < n; i++) h += hz[i] * Site(Pauli.Z, i) + hx[i] * Site(Pauli.X, i);
        foreach (var c in pairs)
            h += c.Zz * (Site(Pauli.Z, c.I) * Site(Pauli.Z, c.J)) + c.Xy * (Site(Pauli.X, c.I) * Site(Pauli.X, c.J) + Site(Pauli.Y, c.I) * Site(Pauli.Y, c.J));
        return h;
    }

    private static double MaxDiff(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        double m = 0;
        for (var i = 0; i < a.Length; i++) m = Math.Max(m, (a[i] - b[i]).Magnitude);
        return m;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void Apply_matches_the_kronecker_construction(int n)
    {
        var (hz, hx, pairs) = RandomTerms(n, 10 + n, allPairs: true);
        var map = new XxzMap(n, hz, hx, pairs);
        var dense = Kronecker(n, hz, hx, pairs).ToDense();
        var x = new RandomMatrices(n).UnitVector(1 << n);
        var y = new Complex[1 << n];
        map.Apply(x, y);
        Assert.True(MaxDiff(y, dense.Multiply(x)) < 1e-12, $"n = {n}");
        // y += alpha H x
        var alpha = new Complex(0.3, -1.7);
        var z = new RandomMatrices(99).UnitVector(1 << n);
        var expected = dense.Multiply(x).Select((v, i) => z[i] + alpha * v).ToArray();
        map.ApplyAdd(alpha, x, z);
        Assert.True(MaxDiff(z, expected) < 1e-12);
        for (var i = 0; i < 1 << n; i++) Assert.Equal(dense[i, i].Real, map.Diagonal(i), 12);
        // the norm bound holds
        var w = MatrixFunctions.EigvalsH(dense);
        Assert.True(Math.Max(Math.Abs(w[0]), Math.Abs(w[^1])) <= map.NormBound * (1 + 1e-12));
    }

    [Theory]
    [InlineData(14, false, 1)]
    [InlineData(14, true, 2)]
    [InlineData(15, false, 0)]
    public void Apply_matches_pauli_sum_across_blocks(int n, bool allPairs, int threads)
    {
        var (hz, hx, pairs) = RandomTerms(n, 3, allPairs);
        var map = new XxzMap(n, hz, hx, pairs, threads);
        var csr = map.ToOperator();
        var x = new RandomMatrices(5).UnitVector(1 << n);
        var y = new Complex[1 << n];
        map.Apply(x, y);
        Assert.True(MaxDiff(y, csr.Apply(x)) < 1e-11);
        var z = new Complex[1 << n];
        map.ApplyAdd(Complex.ImaginaryOne, x, z);
        Assert.True(MaxDiff(z, csr.Apply(x).Select(v => Complex.ImaginaryOne * v).ToArray()) < 1e-11);
    }

    [Fact]
    public void Repeated_pairs_add_up_and_the_map_is_real_symmetric()
    {
        var once = new XxzMap(3, null, null, [new XxzCoupling(0, 2, 0.5, 0.25), new XxzCoupling(2, 0, 0.5, 0.25)]);
        var twice = new XxzMap(3, null, null, [new XxzCoupling(0, 2, 1, 0.5)]);
        var d1 = once.ToOperator().ToDense();
        var e = new Complex[8];
        var col = new Complex[8];
        for (var j = 0; j < 8; j++)
        {
            e[j] = 1;
            twice.Apply(e, col);
            e[j] = 0;
            for (var i = 0; i < 8; i++)
            {
                Assert.Equal(d1[i, j].Real, col[i].Real, 14);
                Assert.Equal(0, col[i].Imaginary);
            }
        }
    }

    /// <summary>
    /// The cluster interval (Weyl's inequality over clusters of up to 8 qubits, XxzSpectrum) against the extreme eigenvalues
    /// of the Kronecker construction: equal to 1e-10 while one cluster holds every qubit (n &lt;= 8), containing the spectrum
    /// beyond, and never wider than [-r, r] with the norm bound r. Random fields and couplings, nearest neighbour and all pairs.
    /// </summary>
    [Theory]
    [InlineData(3, false)]
    [InlineData(8, true)]
    [InlineData(10, false)]
    [InlineData(11, true)]
    public void The_spectral_interval_contains_the_spectrum(int n, bool allPairs)
    {
        var (hz, hx, pairs) = RandomTerms(n, 40 + n, allPairs);
        var map = new XxzMap(n, hz, hx, pairs);
        var w = MatrixFunctions.EigvalsH(Kronecker(n, hz, hx, pairs).ToDense());
        var (lower, upper) = map.SpectralInterval;
        Assert.True(lower <= w[0] + 1e-12 && w[^1] <= upper + 1e-12, $"n = {n}: [{lower}, {upper}] against [{w[0]}, {w[^1]}]");
        Assert.True(-map.NormBound <= lower && upper <= map.NormBound);
        if (n <= 8)
        {
            Assert.Equal(w[0], lower, 10);
            Assert.Equal(w[^1], upper, 10);
        }
    }

    /// <summary>
    /// The W3 chain (B = 1, omega = 1, g = 0.1, alpha = -1, open, nearest neighbour: X fields 1, couplings Zz = -0.1,
    /// Xy = 0.1) at n = 12: exact spectrum [-11.0200, 13.2003] (scipy eigsh on the Kronecker construction, 2026-12-04, and
    /// the dense PauliSum matrix here), the interval [-11.2079, 13.3921] of the same Weyl sum computed in numpy (clusters of
    /// 8 and 4 qubits diagonalised, one coupling between them), against the norm bound 15.3.
    /// </summary>
    [Fact]
    public void The_spectral_interval_of_the_w3_chain_is_tighter_than_the_norm_bound()
    {
        const int n = 12;
        var hx = Enumerable.Repeat(1.0, n).ToArray();
        XxzCoupling[] pairs = [.. Enumerable.Range(0, n - 1).Select(i => new XxzCoupling(i, i + 1, -0.1, 0.1))];
        var map = new XxzMap(n, null, hx, pairs);
        var w = MatrixFunctions.EigvalsH(map.ToOperator().ToDense());
        Assert.Equal(-11.019999848696202, w[0], 9);
        Assert.Equal(13.200296070663871, w[^1], 9);
        var (lower, upper) = map.SpectralInterval;
        Assert.Equal(-11.2079, lower, 4);
        Assert.Equal(13.3921, upper, 4);
        Assert.Equal(15.3, map.NormBound, 12);
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ValidationException>(() => new XxzMap(0, null, null, []));
        Assert.Throws<ValidationException>(() => new XxzMap(XxzMap.MaxQubits + 1, null, null, []));
        Assert.Throws<ValidationException>(() => new XxzMap(3, null, null, [new XxzCoupling(1, 1, 1, 0)]));
        Assert.Throws<ValidationException>(() => new XxzMap(3, null, null, [new XxzCoupling(0, 3, 1, 0)]));
        Assert.Throws<DimensionMismatchException>(() => new XxzMap(3, [1, 2], null, []));
        Assert.Throws<ValidationException>(() => new XxzMap(3, [1, double.NaN, 2], null, []));
        Assert.Throws<ValidationException>(() => new XxzMap(3, null, null, [new XxzCoupling(0, 1, double.PositiveInfinity, 0)]));
        var map = new XxzMap(3, null, [1, 1, 1], []);
        Assert.Throws<DimensionMismatchException>(() => map.Apply(new Complex[4], new Complex[8]));
        Assert.Throws<DimensionMismatchException>(() => map.Apply(new Complex[8], new Complex[7]));
    }
}
