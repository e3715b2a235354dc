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
