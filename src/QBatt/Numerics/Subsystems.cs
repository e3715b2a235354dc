using System.Numerics;

namespace QBatt.Numerics;

/// <summary>
/// Index arithmetic on composite spaces with subsystem dimensions <c>[d0, d1, ...]</c>; subsystem 0
/// is the most significant factor (the first factor of a Kronecker product), as in QuTiP.
/// Partial trace and partial transpose over any subset of subsystems.
/// </summary>
public static class Subsystems
{
    /// <summary>Product of the dimensions, checked for overflow and validity.</summary>
    public static int Total(ReadOnlySpan<int> dims, string operation = "Subsystems")
    {
        long t = 1;
        for (var k = 0; k < dims.Length; k++)
        {
            if (dims[k] < 1)
                throw new ValidationException(operation, "dims", "positive subsystem dimensions", $"{dims[k]} at position {k}");
            t *= dims[k];
            if (t > int.MaxValue)
                throw new ResourceException(operation, "dims", "a total dimension below 2^31", $"more than {int.MaxValue}");
        }
        return (int)t;
    }

    /// <summary>Strides of each subsystem in the flat index.</summary>
    public static int[] Strides(ReadOnlySpan<int> dims)
    {
        var s = new int[dims.Length];
        var acc = 1;
        for (var k = dims.Length - 1; k >= 0; k--)
        {
            s[k] = acc;
            acc *= dims[k];
        }
        return s;
    }

    private static bool[] Mask(ReadOnlySpan<int> dims, ReadOnlySpan<int> subsystems, string operation)
    {
        var mask = new bool[dims.Length];
        foreach (var s in subsystems)
        {
            if ((uint)s >= (uint)dims.Length)
                throw new ValidationException(operation, "subsystems", $"indices in 0..{dims.Length - 1}", $"{s}");
            if (mask[s])
                throw new ValidationException(operation, "subsystems", "distinct indices", $"{s} twice");
            mask[s] = true;
        }
        return mask;
    }

    /// <summary>Flat-index offsets of every multi-index over the selected subsystems (in order).</summary>
    private static int[] Offsets(ReadOnlySpan<int> dims, bool[] selected, bool which)
    {
        var strides = Strides(dims);
        var offsets = new List<int> { 0 };
        for (var k = 0; k < dims.Length; k++)
        {
            if (selected[k] != which) continue;
            var next = new List<int>(offsets.Count * dims[k]);
            foreach (var o in offsets)
                for (var i = 0; i < dims[k]; i++)
                    next.Add(o + i * strides[k]);
            offsets = next;
        }
        return [.. offsets];
    }

    private static void CheckOperator(ComplexMatrix m, ReadOnlySpan<int> dims, string operation)
    {
        ArgumentNullException.ThrowIfNull(m);
        var total = Total(dims, operation);
        if (m.Rows != total || m.Cols != total)
            throw new DimensionMismatchException(operation, "matrix", $"{total}x{total} for dims [{string.Join(", ", dims.ToArray())}]", $"{m.Rows}x{m.Cols}");
    }

    /// <summary>
    /// Partial trace that keeps the listed subsystems (in their original order) and traces out
    /// the rest: result[r, c] = sum_t M[(r, t), (c, t)].
    /// </summary>
    public static ComplexMatrix PartialTraceKeep(ComplexMatrix m, ReadOnlySpan<int> dims, ReadOnlySpan<int> keep)
    {
        CheckOperator(m, dims, "PartialTrace");
        var kept = Mask(dims, keep, "PartialTrace");
        var offK = Offsets(dims, kept, true);
        var offT = Offsets(dims, kept, false);
        var n = m.Rows;
        var r = new ComplexMatrix(offK.Length, offK.Length);
        var src = m.ReadOnlySpan;
        var dst = r.Span;
        for (var c = 0; c < offK.Length; c++)
        {
            for (var rr = 0; rr < offK.Length; rr++)
            {
                var s = Complex.Zero;
                foreach (var t in offT)
                    s += src[offK[rr] + t + (offK[c] + t) * n];
                dst[rr + c * offK.Length] = s;
            }
        }
        return r;
    }

    /// <summary>Partial trace over the listed subsystems.</summary>
    public static ComplexMatrix PartialTraceOver(ComplexMatrix m, ReadOnlySpan<int> dims, ReadOnlySpan<int> traced)
    {
        var mask = Mask(dims, traced, "PartialTrace");
        var keep = new List<int>();
        for (var k = 0; k < dims.Length; k++) if (!mask[k]) keep.Add(k);
        return PartialTraceKeep(m, dims, keep.ToArray());
    }

    /// <summary>Dimensions that remain after keeping the listed subsystems.</summary>
    public static int[] KeptDims(ReadOnlySpan<int> dims, ReadOnlySpan<int> keep)
    {
        var mask = Mask(dims, keep, "PartialTrace");
        var r = new List<int>();
        for (var k = 0; k < dims.Length; k++) if (mask[k]) r.Add(dims[k]);
        return [.. r];
    }

    /// <summary>Partial transpose on the listed subsystems: the selected row and column digits are swapped.</summary>
    public static ComplexMatrix PartialTranspose(ComplexMatrix m, ReadOnlySpan<int> dims, ReadOnlySpan<int> subsystems)
    {
        CheckOperator(m, dims, "PartialTranspose");
        var sel = Mask(dims, subsystems, "PartialTranspose");
        var offS = Offsets(dims, sel, true);
        var offR = Offsets(dims, sel, false);
        var n = m.Rows;
        var r = new ComplexMatrix(n, n);
        var src = m.ReadOnlySpan;
        var dst = r.Span;
        foreach (var sa in offS)
            foreach (var sc in offS)
                foreach (var ra in offR)
                    foreach (var rc in offR)
                        dst[(sc + ra) + (sa + rc) * n] = src[(sa + ra) + (sc + rc) * n];
        return r;
    }

    /// <summary>
    /// Reorders the subsystems: subsystem <c>order[k]</c> of the input becomes subsystem k of the output.
    /// </summary>
    public static ComplexMatrix Permute(ComplexMatrix m, ReadOnlySpan<int> dims, ReadOnlySpan<int> order)
    {
        CheckOperator(m, dims, "Permute");
        if (order.Length != dims.Length)
            throw new DimensionMismatchException("Permute", "order", $"{dims.Length} indices", $"{order.Length}");
        Mask(dims, order, "Permute");
        var map = PermutationMap(dims, order);
        var n = m.Rows;
        var r = new ComplexMatrix(n, n);
        var src = m.ReadOnlySpan;
        var dst = r.Span;
        for (var j = 0; j < n; j++)
            for (var i = 0; i < n; i++)
                dst[map[i] + map[j] * n] = src[i + j * n];
        return r;
    }

    /// <summary>For each flat index of the input, its flat index after the subsystems are reordered by <paramref name="order"/>.</summary>
    public static int[] PermutationMap(ReadOnlySpan<int> dims, ReadOnlySpan<int> order)
    {
        var n = Total(dims, "Permute");
        var newDims = new int[dims.Length];
        for (var k = 0; k < order.Length; k++) newDims[k] = dims[order[k]];
        var newStrides = Strides(newDims);
        // position of old subsystem s in the new order
        var pos = new int[dims.Length];
        for (var k = 0; k < order.Length; k++) pos[order[k]] = k;
        var map = new int[n];
        var digits = new int[dims.Length];
        for (var i = 0; i < n; i++)
        {
            var rem = i;
            for (var k = dims.Length - 1; k >= 0; k--)
            {
                digits[k] = rem % dims[k];
                rem /= dims[k];
            }
            var idx = 0;
            for (var k = 0; k < dims.Length; k++) idx += digits[k] * newStrides[pos[k]];
            map[i] = idx;
        }
        return map;
    }
}
