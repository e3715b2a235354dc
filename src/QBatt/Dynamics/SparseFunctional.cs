using System.Numerics;

namespace QBatt.Dynamics;

/// <summary>
/// A linear functional y -> &lt;w|y&gt; = sum_k conj(w_k) y_k on vectors of <see cref="Length"/> entries, stored
/// by the positions where w is non-zero (sorted, distinct). For tr(A rho) = &lt;vec(A^dag)|vec(rho)&gt; the
/// non-zeros are those of A: a local observable of D x D has O(D) of them, where the dense w is D^2 complex
/// numbers (256 MiB at D = 4096, per observable and per run).
/// </summary>
internal sealed class SparseFunctional
{
    public SparseFunctional(int length, int[] index, Complex[] value)
    {
        if (index.Length != value.Length)
            throw new ArgumentException($"index and value differ in length ({index.Length}, {value.Length})");
        for (var k = 0; k < index.Length; k++)
            if (index[k] < 0 || index[k] >= length || (k > 0 && index[k] <= index[k - 1]))
                throw new ArgumentException($"positions must be sorted, distinct and in [0, {length}); position {k} is {index[k]}");
        Length = length;
        Index = index;
        Value = value;
    }

    /// <summary>Length of the vectors the functional acts on.</summary>
    public int Length { get; }

    /// <summary>Sorted distinct positions of the non-zeros of w.</summary>
    public int[] Index { get; }

    /// <summary>w at <see cref="Index"/>.</summary>
    public Complex[] Value { get; }

    /// <summary>The non-zero entries of a dense w.</summary>
    public static SparseFunctional FromDense(ReadOnlySpan<Complex> w)
    {
        var count = 0;
        foreach (var x in w) if (x != Complex.Zero) count++;
        var index = new int[count];
        var value = new Complex[count];
        var k = 0;
        for (var i = 0; i < w.Length; i++)
        {
            if (w[i] == Complex.Zero) continue;
            index[k] = i;
            value[k++] = w[i];
        }
        return new SparseFunctional(w.Length, index, value);
    }

    /// <summary>w from entries in any order, those at one position added (the arrays are reordered in place).</summary>
    public static SparseFunctional FromEntries(int length, int[] index, Complex[] value)
    {
        Array.Sort(index, value);
        var used = 0;
        for (var k = 0; k < index.Length; k++)
        {
            if (used > 0 && index[used - 1] == index[k])
            {
                value[used - 1] += value[k];
                continue;
            }
            index[used] = index[k];
            value[used++] = value[k];
        }
        return new SparseFunctional(length, index[..used], value[..used]);
    }

    /// <summary>&lt;w|y&gt;.</summary>
    public Complex Dot(ReadOnlySpan<Complex> y)
    {
        if (y.Length != Length)
            throw new DimensionMismatchException("SparseFunctional.Dot", "y", $"length {Length}", $"length {y.Length}");
        double re = 0, im = 0;
        for (var k = 0; k < Index.Length; k++)
        {
            var w = Value[k];
            var x = y[Index[k]];
            re += w.Real * x.Real + w.Imaginary * x.Imaginary;
            im += w.Real * x.Imaginary - w.Imaginary * x.Real;
        }
        return new Complex(re, im);
    }

    /// <summary>w as a dense vector.</summary>
    public Complex[] ToDense()
    {
        var w = new Complex[Length];
        for (var k = 0; k < Index.Length; k++) w[Index[k]] = Value[k];
        return w;
    }

    /// <summary>w at position <paramref name="i"/> (zero off the stored positions).</summary>
    public Complex At(int i)
    {
        var k = Array.BinarySearch(Index, i);
        return k >= 0 ? Value[k] : Complex.Zero;
    }
}
