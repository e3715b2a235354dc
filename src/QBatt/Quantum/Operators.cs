using QBatt.Numerics;

namespace QBatt.Quantum;

/// <summary>Embedding of local operators into composite spaces and sums over cells (R1, Rev eq 9).</summary>
public static class Operators
{
    /// <summary>
    /// The operator 1 (x) ... (x) A (x) ... (x) 1 with A acting on subsystem <paramref name="site"/>
    /// of a space with the given dims (A's dimension must equal dims[site]).
    /// </summary>
    public static Operator Embed(Operator local, int site, Dims dims)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(dims);
        if ((uint)site >= (uint)dims.Count)
            throw new ValidationException("Operators.Embed", "site", $"a subsystem index in 0..{dims.Count - 1}", $"{site}");
        if (local.Dimension != dims[site])
            throw new DimensionMismatchException("Operators.Embed", "local", $"a {dims[site]}x{dims[site]} operator for subsystem {site} of dims {dims}", $"{local.Dimension}x{local.Dimension}");
        var left = 1;
        for (var k = 0; k < site; k++) left *= dims[k];
        var right = dims.Total / (left * dims[site]);
        var m = local.ToSparse();
        if (left > 1) m = CsrMatrix.Kron(CsrMatrix.Identity(left), m);
        if (right > 1) m = CsrMatrix.Kron(m, CsrMatrix.Identity(right));
        return Operator.FromSparse(m, dims);
    }

    /// <summary>
    /// A local operator on several subsystems: <paramref name="local"/> acts on the subsystems <paramref name="sites"/> (distinct,
    /// in the order of the local operator's tensor factors, the first most significant) and the identity on the others.
    /// </summary>
    public static Operator EmbedOnSites(Operator local, IReadOnlyList<int> sites, Dims dims)
    {
        const string op = "Operators.EmbedOnSites";
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(dims);
        if (sites.Count == 0) throw new ValidationException(op, "sites", "at least one site", "none");
        if (sites.Distinct().Count() != sites.Count) throw new ValidationException(op, "sites", "distinct sites", string.Join(", ", sites));
        long localDim = 1;
        foreach (var site in sites)
        {
            if ((uint)site >= (uint)dims.Count) throw new ValidationException(op, "sites", $"subsystem indices in 0..{dims.Count - 1}", $"{site}");
            localDim *= dims[site];
        }
        if (local.Dimension != localDim)
            throw new DimensionMismatchException(op, "local", $"a {localDim}x{localDim} operator (the product of the sites' dimensions)", $"{local.Dimension}x{local.Dimension}");
        if (sites.Count == 1) return Embed(local, sites[0], dims);
        var n = dims.Count;
        var stride = new long[n];
        stride[n - 1] = 1;
        for (var k = n - 2; k >= 0; k--) stride[k] = stride[k + 1] * dims[k + 1];
        // offsets of the local basis states in the full index, and the rest configurations
        var localOffset = new long[localDim];
        for (long a = 0; a < localDim; a++)
        {
            long rem = a, off = 0;
            for (var q = sites.Count - 1; q >= 0; q--)
            {
                var d = dims[sites[q]];
                off += rem % d * stride[sites[q]];
                rem /= d;
            }
            localOffset[a] = off;
        }
        var others = Enumerable.Range(0, n).Where(k => !sites.Contains(k)).ToArray();
        long restCount = 1;
        foreach (var k in others) restCount *= dims[k];
        var m = local.ToSparse();
        var entries = checked(restCount * m.NonZeros);
        if (entries > int.MaxValue) throw new ResourceException(op, "local", "an embedded operator with fewer than 2^31 entries", $"{entries}");
        var rows = new int[entries];
        var cols = new int[entries];
        var values = new System.Numerics.Complex[entries];
        var e = 0;
        var (ti, tj, tv) = m.ToTriplets();
        for (long r = 0; r < restCount; r++)
        {
            long rem = r, baseIndex = 0;
            for (var q = others.Length - 1; q >= 0; q--)
            {
                var d = dims[others[q]];
                baseIndex += rem % d * stride[others[q]];
                rem /= d;
            }
            for (var t = 0; t < ti.Length; t++)
            {
                rows[e] = (int)(baseIndex + localOffset[ti[t]]);
                cols[e] = (int)(baseIndex + localOffset[tj[t]]);
                values[e++] = tv[t];
            }
        }
        return Operator.FromSparse(CsrMatrix.FromTriplets(dims.Total, dims.Total, rows, cols, values), dims);
    }

    /// <summary>The local operator at site l of n identical cells.</summary>
    public static Operator Embed(Operator local, int site, int cells)
    {
        ArgumentNullException.ThrowIfNull(local);
        return Embed(local, site, Dims.Uniform(local.Dimension, cells));
    }

    /// <summary>sum_l A_l: the same local operator on every one of n identical cells (Rev eq 9).</summary>
    public static Operator SumOverCells(Operator local, int cells)
    {
        ArgumentNullException.ThrowIfNull(local);
        Guard.AtLeast(cells, 1, "Operators.SumOverCells", "cells");
        var dims = Dims.Uniform(local.Dimension, cells);
        var sum = Embed(local, 0, dims);
        for (var l = 1; l < cells; l++) sum += Embed(local, l, dims);
        return sum;
    }
}
