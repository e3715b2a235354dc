using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Tests.Thermodynamics;

/// <summary>
/// A random cell for property tests, built with a known spectrum so that oracles need no
/// eigensolver: rho = U diag(r) U^dag (rank <c>Rank</c>), H0 = V diag(e) V^dag (or diagonal, in a
/// shuffled order), with optionally repeated levels.
/// </summary>
public sealed record RandomCell(int D, int Seed, int Rank, bool Degenerate, bool DiagonalH0)
{
    public double[] Spectrum { get; private init; } = [];

    public double[] Levels { get; private init; } = [];

    public DensityMatrix Rho { get; private init; } = null!;

    public Operator H0 { get; private init; } = null!;

    public ComplexMatrix V { get; private init; } = null!;

    public static RandomCell Create(int d, int seed, int rank, bool degenerate, bool diagonalH0)
    {
        var rng = new RandomMatrices(seed);
        var r = new double[d];
        var head = rng.Probabilities(rank);
        for (var i = 0; i < rank; i++) r[i] = head[i];
        var e = new double[d];
        for (var i = 0; i < d; i++) e[i] = 2 * rng.Normal();
        if (degenerate && d >= 2)
        {
            e[1] = e[0];
            if (d >= 4) e[3] = e[2];
        }
        var u = rng.HaarUnitary(d);
        var rho = Sandwich(u, r);
        ComplexMatrix h, v;
        if (diagonalH0)
        {
            var perm = Enumerable.Range(0, d).OrderBy(_ => rng.Uniform()).ToArray();
            var diag = new double[d];
            v = new ComplexMatrix(d, d);
            for (var i = 0; i < d; i++) { diag[perm[i]] = e[i]; v[perm[i], i] = Complex.One; }
            h = ComplexMatrix.Diagonal(diag);
        }
        else
        {
            v = rng.HaarUnitary(d);
            h = Sandwich(v, e);
        }
        return new RandomCell(d, seed, rank, degenerate, diagonalH0)
        {
            Spectrum = r,
            Levels = e,
            Rho = new DensityMatrix(rho),
            H0 = diagonalH0 ? Operator.Diagonal(h.Diagonal().Select(z => z.Real).ToArray()) : Operator.FromDense(h),
            V = v,
        };
    }

    /// <summary>W diag(x) W^dag, made exactly Hermitian.</summary>
    public static ComplexMatrix Sandwich(ComplexMatrix w, double[] x)
    {
        var n = x.Length;
        var m = new ComplexMatrix(n, n);
        for (var j = 0; j < n; j++)
            for (var i = 0; i < n; i++)
            {
                var s = Complex.Zero;
                for (var k = 0; k < n; k++) s += w[i, k] * x[k] * Complex.Conjugate(w[j, k]);
                m[i, j] = s;
            }
        for (var j = 0; j < n; j++)
        {
            m[j, j] = m[j, j].Real;
            for (var i = j + 1; i < n; i++) m[j, i] = Complex.Conjugate(m[i, j]);
        }
        return m;
    }

    /// <summary>FsCheck generator: d in 1..6, any seed, rank 1..d, degenerate and diagonal flags.</summary>
    public static Arbitrary<RandomCell> Arbitrary(int maxD = 6) =>
        Arb.From(
            from d in Gen.Choose(1, maxD)
            from seed in Gen.Choose(0, int.MaxValue)
            from rank in Gen.Choose(1, d)
            from degenerate in Gen.Elements(false, true)
            from diagonal in Gen.Elements(false, true)
            select Create(d, seed, rank, degenerate, diagonal));

    public override string ToString() => $"RandomCell(d={D}, seed={Seed}, rank={Rank}, degenerate={Degenerate}, diagonalH0={DiagonalH0})";
}
