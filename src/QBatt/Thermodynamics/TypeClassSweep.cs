using QBatt.Numerics;

namespace QBatt.Thermodynamics;

/// <summary>
/// The type classes of n copies of an m-level system (occupation numbers k_1..k_m, sum n;
/// multiplicity n!/prod k_j!) enumerated in ascending order of a linear key
/// sum_j k_j w_j (R4), in O(number of classes) time and O(number of rows) memory, without sorting
/// the classes.
/// </summary>
/// <remarks>
/// <para>
/// Let b be a level with the smallest weight and f one with the largest; w'_j = w_j - w_b. Fix the
/// occupations of the other m - 2 levels (a "row" r, with L_r = n - sum of those occupations); the
/// row's classes are t = k_f = 0..L_r (k_b = L_r - t) with key n w_b + c_r + beta t, beta = w'_f,
/// c_r = sum_other w'_o k_o. Write c_r / beta = q_r + phi_r (integer part, fraction). Then
/// key = n w_b + beta (j + phi_r) with j = q_r + t, so the classes ordered by key are: level
/// j = 0, 1, ..., and inside a level the rows active at j (q_r &lt;= j &lt;= q_r + L_r) in ascending phi_r.
/// Since c_r &lt;= beta (n - L_r), every level index lies in 0..n. The active rows are kept sorted by
/// phi and merged with the rows that start at each level, so the total cost is the number of
/// classes plus the initial sort of the rows.
/// </para>
/// <para>
/// Keys that are equal in exact arithmetic may come out in either order (rounding of phi); every
/// consumer here is insensitive to the order of classes with equal keys.
/// </para>
/// </remarks>
internal sealed class TypeClassSweep
{
    private readonly int _n;
    private readonly double _baseKey;   // n * w_b
    private readonly double _beta;
    private readonly bool _withAux;
    private readonly Scaled[] _invFact;
    private readonly Scaled[]? _auxFree;
    private readonly Scaled[]? _auxBase;

    // rows, sorted by (q, phi)
    private readonly double[] _c;
    private readonly int[] _q;
    private readonly double[] _phi;
    private readonly int[] _length;
    private readonly Scaled[] _rowMult;
    private readonly Scaled[] _rowAux;

    private int[] _active;
    private int _activeCount;
    private int[] _scratch;
    private int _nextRow;    // first row (in sorted order) not yet activated
    private int _level;      // current level j
    private int _position;   // next active index to emit at this level
    private bool _started;
    private readonly bool _single;    // m == 1: one class

    /// <param name="n">Number of copies.</param>
    /// <param name="weightSpan">Key weight of each level (energies, or -ln p).</param>
    /// <param name="auxSpan">Optional per-level probabilities; each class then carries prod_j aux_j^k_j.</param>
    /// <param name="invFact">1/k! for k = 0..n.</param>
    /// <param name="factN">n!.</param>
    public TypeClassSweep(int n, ReadOnlySpan<double> weightSpan, ReadOnlySpan<double> auxSpan, Scaled[] invFact, Scaled factN)
    {
        var weights = weightSpan.ToArray();
        var aux = auxSpan.ToArray();
        var m = weights.Length;
        _n = n;
        _invFact = invFact;
        _withAux = aux.Length > 0;
        var b = 0;
        for (var j = 1; j < m; j++) if (weights[j] < weights[b]) b = j;
        var f = -1;
        for (var j = 0; j < m; j++)
            if (j != b && (f < 0 || weights[j] > weights[f])) f = j;
        _baseKey = n * weights[b];
        Count = ClassCount(m, n);
        if (m == 1)
        {
            _single = true;
            _beta = 0;
            _c = [0];
            _q = [0];
            _phi = [0];
            _length = [0];
            _rowMult = [Scaled.One];
            _rowAux = [_withAux ? ScaledTables.Powers(aux[0], n)[n] : Scaled.One];
            _active = _scratch = [];
            return;
        }
        _beta = weights[f] - weights[b];
        var others = Enumerable.Range(0, m).Where(j => j != b && j != f).ToArray();
        var auxTables = _withAux ? others.Select(o => ScaledTables.Powers(aux[o], n)).ToArray() : null;
        if (_withAux)
        {
            _auxFree = ScaledTables.Powers(aux[f], n);
            _auxBase = ScaledTables.Powers(aux[b], n);
        }
        var rowCount = ClassCount(others.Length + 1, n);
        if (rowCount > 50_000_000)
            throw new ResourceException("ManyCopies", "n", $"at most 5e7 rows of type classes ({m} levels)", $"n = {n} ({rowCount:G3} rows)");
        var rows = (int)rowCount;
        _c = new double[rows];
        _q = new int[rows];
        _phi = new double[rows];
        _length = new int[rows];
        _rowMult = new Scaled[rows];
        _rowAux = new Scaled[rows];
        var occ = new int[others.Length];
        var idx = 0;
        Rows(0, 0);
        void Rows(int depth, int used)
        {
            if (depth == others.Length)
            {
                double c = 0;
                var mult = factN;
                var ax = Scaled.One;
                for (var i = 0; i < others.Length; i++)
                {
                    c += (weights[others[i]] - weights[b]) * occ[i];
                    mult = Scaled.Multiply(mult, invFact[occ[i]]);
                    if (auxTables is not null) ax = Scaled.Multiply(ax, auxTables[i][occ[i]]);
                }
                _c[idx] = c;
                _length[idx] = n - used;
                _rowMult[idx] = mult;
                _rowAux[idx] = ax;
                if (_beta > 0)
                {
                    // c <= beta * used exactly; clamp the rounding so that q + L <= n
                    var u = c / _beta;
                    var q = Math.Min(Math.Floor(u), used);
                    _q[idx] = (int)q;
                    _phi[idx] = u - q;
                }
                idx++;
                return;
            }
            for (var k = 0; k + used <= n; k++)
            {
                occ[depth] = k;
                Rows(depth + 1, used + k);
            }
        }
        var order = Enumerable.Range(0, rows).ToArray();
        Array.Sort(order, (x, y) => _q[x] != _q[y] ? _q[x].CompareTo(_q[y]) : _phi[x].CompareTo(_phi[y]));
        Permute(_c, order);
        Permute(_q, order);
        Permute(_phi, order);
        Permute(_length, order);
        Permute(_rowMult, order);
        Permute(_rowAux, order);
        _active = new int[rows];
        _scratch = new int[rows];
    }

    /// <summary>Number of classes C(n + m - 1, m - 1) (as a double: it can exceed long).</summary>
    public double Count { get; }

    /// <summary>The number of type classes of n copies of an m-level system, C(n + m - 1, m - 1).</summary>
    public static double ClassCount(int m, int n)
    {
        double c = 1;
        for (var i = 1; i < m; i++) c = c * (n + i) / i;
        return Math.Round(c);
    }

    private static void Permute<T>(T[] a, int[] order)
    {
        var copy = (T[])a.Clone();
        for (var i = 0; i < order.Length; i++) a[i] = copy[order[i]];
    }

    /// <summary>
    /// Writes the next classes in ascending key order: key, multiplicity, and (when probabilities were
    /// given) the probability of one product state of the class. Returns how many were written; 0 at the end.
    /// </summary>
    public int Fill(Span<double> keys, Span<Scaled> mult, Span<Scaled> aux)
    {
        var written = 0;
        if (_single)
        {
            if (_started || keys.Length == 0) return 0;
            _started = true;
            keys[0] = _baseKey;
            mult[0] = Scaled.One;
            if (_withAux) aux[0] = _rowAux[0];
            return 1;
        }
        if (!_started)
        {
            _started = true;
            _level = -1;
            _position = 0;
            _activeCount = 0;
            if (!NextLevel()) return 0;
        }
        while (written < keys.Length)
        {
            if (_position == _activeCount && !NextLevel()) break;
            var take = Math.Min(keys.Length - written, _activeCount - _position);
            for (var i = 0; i < take; i++)
            {
                var r = _active[_position + i];
                var t = _beta > 0 ? _level - _q[r] : _level;
                var rest = _length[r] - t;
                keys[written + i] = _baseKey + _c[r] + _beta * t;
                mult[written + i] = Scaled.Multiply(_rowMult[r], _invFact[t], _invFact[rest]);
                if (_withAux) aux[written + i] = Scaled.Multiply(_rowAux[r], _auxFree![t], _auxBase![rest]);
            }
            _position += take;
            written += take;
        }
        return written;
    }

    /// <summary>Advances to the next level with at least one active row; false when none is left.</summary>
    private bool NextLevel()
    {
        while (true)
        {
            _level++;
            if (_level > _n) return false;
            if (_beta == 0)
            {
                // every key is equal: level j is t = j in every row with L_r >= j
                var cnt = 0;
                for (var r = 0; r < _length.Length; r++)
                    if (_length[r] >= _level) _scratch[cnt++] = r;
                (_active, _scratch) = (_scratch, _active);
                _activeCount = cnt;
                _position = 0;
                if (cnt > 0) return true;
                continue;
            }
            // merge the surviving active rows with the rows that start at this level, both sorted by phi
            var start = _nextRow;
            while (_nextRow < _q.Length && _q[_nextRow] <= _level) _nextRow++;
            int a = 0, s = start, k = 0;
            while (a < _activeCount || s < _nextRow)
            {
                int pick;
                if (a < _activeCount && _q[_active[a]] + _length[_active[a]] < _level) { a++; continue; }
                if (s < _nextRow && _q[s] + _length[s] < _level) { s++; continue; }
                if (a >= _activeCount) pick = s++;
                else if (s >= _nextRow) pick = _active[a++];
                else if (_phi[s] < _phi[_active[a]]) pick = s++;
                else pick = _active[a++];
                _scratch[k++] = pick;
            }
            (_active, _scratch) = (_scratch, _active);
            _activeCount = k;
            _position = 0;
            if (k > 0) return true;
        }
    }
}
