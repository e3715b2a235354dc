using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Studies;

/// <summary>How the k-body terms of a random k-local Hamiltonian are drawn (R11).</summary>
public enum KLocalEnsemble
{
    /// <summary>h_S = i log U_S with U_S Haar-random on the d^k-dimensional space of the k cells (principal branch; eigenvalues in [-pi, pi)).</summary>
    HaarLog,

    /// <summary>h_S a GUE matrix (M + M^dag)/2, M with i.i.d. standard complex Gaussian entries.</summary>
    Gue,
}

/// <summary>
/// Seeded random k-local Hamiltonians for the Conjecture 1 study (R11): H = sum_S h_S over every
/// set S of k cells (all C(N, k) of them, so every cell takes part in terms with all N - 1 others),
/// each term drawn independently from the chosen ensemble. Sample i of a study with seed X is
/// drawn from its own generator seeded by <see cref="SampleSeed"/>(X, i), so a study gives the same
/// samples in any order and on any number of threads.
/// </summary>
public static class RandomKLocal
{
    /// <summary>Largest total dimension d^N of a sample (dense matrices).</summary>
    public const int MaxDimension = 4096;

    /// <summary>Every set of k cells out of N, in lexicographic order (cells ascending inside a set).</summary>
    public static IReadOnlyList<int[]> Subsets(int cells, int k)
    {
        Guard.AtLeast(cells, 1, "RandomKLocal.Subsets", "cells");
        if (k < 1 || k > cells)
            throw new ValidationException("RandomKLocal.Subsets", "k", $"an interaction order in 1..{cells}", $"{k}");
        var result = new List<int[]>();
        var s = Enumerable.Range(0, k).ToArray();
        while (true)
        {
            result.Add((int[])s.Clone());
            var i = k - 1;
            while (i >= 0 && s[i] == cells - k + i) i--;
            if (i < 0) return result;
            s[i]++;
            for (var j = i + 1; j < k; j++) s[j] = s[j - 1] + 1;
        }
    }

    /// <summary>The seed of sample <paramref name="index"/> in a study with seed <paramref name="seed"/> (SplitMix64 of both).</summary>
    public static int SampleSeed(int seed, long index)
    {
        var z = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)index + 0x632BE59BD9B4E019UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }

    /// <summary>One k-body term of dimension <paramref name="dimension"/> = d^k from the ensemble.</summary>
    public static ComplexMatrix Term(int dimension, KLocalEnsemble ensemble, RandomMatrices rng, ILinearAlgebraBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Guard.AtLeast(dimension, 1, "RandomKLocal.Term", "dimension");
        return ensemble switch
        {
            KLocalEnsemble.HaarLog => UnitaryLog.Generator(rng.HaarUnitary(dimension), backend: backend),
            KLocalEnsemble.Gue => rng.Hermitian(dimension),
            _ => throw new ValidationException("RandomKLocal.Term", "ensemble", "HaarLog or Gue", $"{ensemble}"),
        };
    }

    /// <summary>
    /// A random k-local Hamiltonian on N cells of d levels: sum over all k-subsets S of an
    /// independent term h_S (dense, D = d^N), drawn from a generator with the given seed.
    /// </summary>
    public static Operator Sample(int levels, int cells, int k, KLocalEnsemble ensemble, int seed, ILinearAlgebraBackend? backend = null)
    {
        const string op = "RandomKLocal.Sample";
        Guard.AtLeast(levels, 2, op, "levels");
        Guard.AtLeast(cells, 1, op, "cells");
        if (k < 1 || k > cells)
            throw new ValidationException(op, "k", $"an interaction order in 1..{cells}", $"{k}");
        if (Math.Pow(levels, cells) > MaxDimension)
            throw new ResourceException(op, "cells", $"at most {MaxDimension} basis states (dense samples)", $"{levels}^{cells}");
        var dims = Dims.Uniform(levels, cells);
        var rng = new RandomMatrices(seed);
        var h = new ComplexMatrix(dims.Total, dims.Total);
        var termDim = (int)Math.Pow(levels, k);
        foreach (var set in Subsets(cells, k))
            AddEmbedded(h, Term(termDim, ensemble, rng, backend), set, dims);
        // exactly Hermitian (the terms are, to rounding)
        for (var j = 0; j < h.Cols; j++)
        {
            h[j, j] = h[j, j].Real;
            for (var i = j + 1; i < h.Rows; i++)
            {
                var z = 0.5 * (h[i, j] + System.Numerics.Complex.Conjugate(h[j, i]));
                h[i, j] = z;
                h[j, i] = System.Numerics.Complex.Conjugate(z);
            }
        }
        return Operator.FromDense(h, dims);
    }

    /// <summary>target += term acting on the listed cells (term's first cell most significant), identity elsewhere.</summary>
    internal static void AddEmbedded(ComplexMatrix target, ComplexMatrix term, int[] cells, Dims dims)
    {
        var strides = Subsystems.Strides(dims.AsSpan());
        var k = cells.Length;
        var m = term.Rows;
        // offset of each term basis state b in the full index (digits of b on the listed cells)
        var offsets = new int[m];
        for (var b = 0; b < m; b++)
        {
            var rest = b;
            for (var i = k - 1; i >= 0; i--)
            {
                var d = dims[cells[i]];
                offsets[b] += rest % d * strides[cells[i]];
                rest /= d;
            }
        }
        var n = dims.Total;
        for (var c = 0; c < n; c++)
        {
            // the column's own term index and the index with the listed digits cleared
            var bc = 0;
            var cleared = c;
            for (var i = 0; i < k; i++)
            {
                var d = dims[cells[i]];
                var digit = c / strides[cells[i]] % d;
                bc = bc * d + digit;
                cleared -= digit * strides[cells[i]];
            }
            var col = target.Column(c);
            for (var b = 0; b < m; b++) col[cleared + offsets[b]] += term[b, bc];
        }
    }
}
