using System.Numerics;
using QBatt.Numerics;

namespace QBatt.Dynamics;

/// <summary>
/// The linear combinations sum_k c_k A_k of a fixed list of square matrices, built fast for many
/// coefficient vectors: sparse terms share one union sparsity pattern with every term's values
/// aligned to it, so a combination costs one pass over the values (piecewise-constant drives
/// rebuild H on every piece). Dense when any term is dense. Real values are kept real.
/// </summary>
internal sealed class OperatorFamily
{
    private readonly int _n;
    private readonly int[]? _rowPtr;
    private readonly int[]? _colIdx;
    private readonly Complex[][]? _aligned;
    private readonly ComplexMatrix[]? _dense;
    private readonly CsrMatrix? _single;

    public OperatorFamily(IReadOnlyList<CsrMatrix?> sparse, IReadOnlyList<ComplexMatrix?> dense, int n)
    {
        _n = n;
        var k = sparse.Count;
        if (dense.Any(d => d is not null))
        {
            _dense = new ComplexMatrix[k];
            for (var i = 0; i < k; i++) _dense[i] = dense[i] ?? sparse[i]!.ToDense();
            IsReal = _dense.All(d => d.ReadOnlySpan.ToArray().All(z => z.Imaginary == 0));
            return;
        }
        var terms = sparse.Select(s => s!).ToArray();
        IsReal = terms.All(t => t.IsReal);
        if (k == 1)
        {
            _single = terms[0];
            return;
        }
        // union pattern row by row
        var rowPtr = new int[n + 1];
        var cols = new List<int>();
        var scratch = new List<int>();
        for (var r = 0; r < n; r++)
        {
            scratch.Clear();
            foreach (var t in terms)
            {
                var rp = t.RowPointers;
                var ci = t.ColumnIndices;
                for (var p = rp[r]; p < rp[r + 1]; p++) scratch.Add(ci[p]);
            }
            scratch.Sort();
            var last = -1;
            foreach (var c in scratch)
            {
                if (c == last) continue;
                cols.Add(c);
                last = c;
            }
            rowPtr[r + 1] = cols.Count;
        }
        _rowPtr = rowPtr;
        _colIdx = [.. cols];
        _aligned = new Complex[k][];
        for (var i = 0; i < k; i++)
        {
            var t = terms[i];
            var a = new Complex[_colIdx.Length];
            var rp = t.RowPointers;
            var ci = t.ColumnIndices;
            var v = t.Values;
            for (var r = 0; r < n; r++)
            {
                var q = rowPtr[r];
                for (var p = rp[r]; p < rp[r + 1]; p++)
                {
                    while (_colIdx[q] != ci[p]) q++;
                    a[q] = v[p];
                }
            }
            _aligned[i] = a;
        }
    }

    /// <summary>True when every term has real values (then real coefficients give a real matrix).</summary>
    public bool IsReal { get; }

    /// <summary>True when the combinations are dense.</summary>
    public bool IsDense => _dense is not null;

    /// <summary>Stored entries of one combination.</summary>
    public long NonZeros => _dense is not null ? (long)_n * _n : _single?.NonZeros ?? _colIdx!.Length;

    /// <summary>sum_k c_k A_k as a dense matrix.</summary>
    public ComplexMatrix CombineDense(ReadOnlySpan<Complex> c)
    {
        if (_dense is not null)
        {
            var m = new ComplexMatrix(_n, _n);
            for (var i = 0; i < c.Length; i++)
                if (c[i] != Complex.Zero) VectorOps.Axpy(c[i], _dense[i].ReadOnlySpan, m.Span);
            return m;
        }
        return CombineSparse(c).ToDense();
    }

    /// <summary>sum_k c_k A_k in CSR form (zeros of the union pattern kept; requires sparse terms).</summary>
    public CsrMatrix CombineSparse(ReadOnlySpan<Complex> c)
    {
        if (_single is not null) return c[0] == Complex.One ? _single : _single.Scale(c[0]);
        if (_aligned is null) return CsrMatrix.FromDense(CombineDense(c));
        var v = new Complex[_colIdx!.Length];
        for (var i = 0; i < c.Length; i++)
            if (c[i] != Complex.Zero) VectorOps.Axpy(c[i], _aligned[i], v);
        return CsrMatrix.FromCsr(_n, _n, _rowPtr!, _colIdx, v);
    }

    /// <summary>sum_k c_k A_k as a linear map (real CSR when possible, dense when the terms are dense).</summary>
    public ILinearMap Map(ReadOnlySpan<Complex> c, int threads)
    {
        if (_dense is not null) return LinearMap.From(CombineDense(c));
        if (_single is not null) return LinearMap.From(CombineSparse(c), threads);
        if (IsReal && c.ToArray().All(z => z.Imaginary == 0))
        {
            var v = new double[_colIdx!.Length];
            for (var i = 0; i < c.Length; i++)
            {
                if (c[i] == Complex.Zero) continue;
                var a = _aligned![i];
                var s = c[i].Real;
                for (var p = 0; p < v.Length; p++) v[p] += s * a[p].Real;
            }
            return LinearMap.From(RealCsrMatrix.Wrap(_n, _n, _rowPtr!, _colIdx, v), threads);
        }
        return LinearMap.From(CombineSparse(c), threads, useRealValues: false);
    }
}
