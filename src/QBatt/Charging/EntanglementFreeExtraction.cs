using System.Globalization;
using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Charging;

/// <summary>
/// Entanglement-free optimal work extraction (R5, Rev eqs 12-13): a diagonal n-cell state is taken to
/// its passive state by a permutation of product-state populations; every transposition
/// |alpha&gt; &lt;-&gt; |beta&gt; is decomposed into steps that each rotate two product states differing in
/// one cell only, so the state is separable at all times (Rev eq 13). The direct route, one
/// two-level rotation per transposition, can entangle (shown by a negative partial transpose).
/// </summary>
/// <remarks>
/// The permutation: the passive state gives each energy shell (degenerate n-cell energies) a
/// multiset of populations; populations already in a shell that needs them stay, the others are
/// paired with free slots of the shells that need them, nearest in Hamming distance first. A cycle
/// x_1 -&gt; x_2 -&gt; ... -&gt; x_k of that permutation is executed as the transpositions (x_(k-1) x_k), ...,
/// (x_1 x_2), each pairing a population with its destination. A transposition between states
/// differing in cells c_1 &lt; ... &lt; c_h walks x_0 = alpha, x_1, ..., x_h = beta changing one cell at a
/// time and back: (x_0 x_1)(x_1 x_2)...(x_(h-1) x_h)...(x_1 x_2)(x_0 x_1), 2h - 1 steps. A step whose two
/// populations are equal at that point leaves the state unchanged; it is listed as trivial and skipped.
/// </remarks>
public static class EntanglementFreeExtraction
{
    /// <summary>Plans the extraction for a diagonal n-cell state with populations of length d^n (cell 0 most significant).</summary>
    public static ExtractionPlan Plan(ReadOnlySpan<double> populations, ReadOnlySpan<double> cellEnergies, int cells, ExtractionPlanOptions? options = null)
    {
        const string op = "EntanglementFreeExtraction.Plan";
        var o = options ?? ExtractionPlanOptions.Default;
        var dim = CheckSizes(cellEnergies, cells, o, op);
        if (populations.Length != dim)
            throw new DimensionMismatchException(op, "populations", $"{dim} populations (d^n with d = {cellEnergies.Length}, n = {cells})", $"{populations.Length}");
        Thermodynamics.Validation.Probabilities(populations, op, "populations", 1e-10);
        return Build(populations.ToArray(), cellEnergies.ToArray(), cells, o);
    }

    /// <summary>
    /// Plans the extraction for n copies of one diagonal cell state (populations p_j on levels e_j).
    /// Product populations are multiplied in level order, so permuted product states get identical values.
    /// </summary>
    public static ExtractionPlan PlanForCopies(ReadOnlySpan<double> cellPopulations, ReadOnlySpan<double> cellEnergies, int cells, ExtractionPlanOptions? options = null)
    {
        const string op = "EntanglementFreeExtraction.PlanForCopies";
        var o = options ?? ExtractionPlanOptions.Default;
        Thermodynamics.Validation.DiagonalState(cellPopulations, cellEnergies, op);
        var dim = CheckSizes(cellEnergies, cells, o, op);
        var d = cellEnergies.Length;
        var p = cellPopulations.ToArray();
        var pops = new double[dim];
        var counts = new int[d];
        for (var x = 0; x < dim; x++)
        {
            Array.Clear(counts);
            var rest = x;
            for (var k = 0; k < cells; k++) { counts[rest % d]++; rest /= d; }
            double v = 1;
            for (var j = 0; j < d; j++)
                for (var c = 0; c < counts[j]; c++) v *= p[j];
            pops[x] = v;
        }
        return Build(pops, cellEnergies.ToArray(), cells, o);
    }

    private static int CheckSizes(ReadOnlySpan<double> cellEnergies, int cells, ExtractionPlanOptions o, string op)
    {
        Guard.AtLeast(cells, 1, op, "cells");
        if (cellEnergies.Length == 0)
            throw new ValidationException(op, "cellEnergies", "at least one level", "none");
        Guard.Finite(cellEnergies, op, "cellEnergies");
        double dim = Math.Pow(cellEnergies.Length, cells);
        if (dim > o.MaxDimension || cells > 30)
            throw new ResourceException(op, "cells", $"d^n <= {o.MaxDimension} and n <= 30", $"d = {cellEnergies.Length}, n = {cells} (d^n = {dim:G4})");
        return (int)dim;
    }

    private static ExtractionPlan Build(double[] pops, double[] cellEnergies, int cells, ExtractionPlanOptions o) =>
        new PlanBuilder(pops, cellEnergies, cells, o).Build();

    /// <summary>
    /// The stages of <see cref="Build"/> (R5): index the product states and their energy shells, assign the passive
    /// populations (energy rank r gets the r-th largest), keep the populations already in a shell that needs them, exchange
    /// pairs whose populations belong at each other's place, fill the remaining slots with the nearest displaced population,
    /// and decompose the resulting cycles into transpositions and single-cell steps.
    /// </summary>
    private sealed class PlanBuilder
    {
        private readonly double[] _pops;
        private readonly double[] _cellEnergies;
        private readonly int _cells;
        private readonly int _d;
        private readonly int _dim;
        private readonly ExtractionPlanOptions _o;
        private readonly byte[] _digits;
        private readonly double[] _energies;
        private readonly int[] _shellOf;
        private readonly int[] _target;
        private readonly int[] _groupOf;
        private readonly Dictionary<(int Group, int Shell), int> _quota = [];
        private readonly Dictionary<int, List<int>> _movers = [];
        private readonly SortedDictionary<int, List<int>> _slots = [];
        private double[] _passiveByShell = [];
        private double _passiveEnergy;

        public PlanBuilder(double[] pops, double[] cellEnergies, int cells, ExtractionPlanOptions o)
        {
            _pops = pops;
            _cellEnergies = cellEnergies;
            _cells = cells;
            _d = cellEnergies.Length;
            _dim = pops.Length;
            _o = o;
            for (var i = 0; i < _dim; i++) if (_pops[i] == 0) _pops[i] = 0; // -0.0 -> 0.0
            _digits = new byte[_dim * cells];
            _energies = new double[_dim];
            _shellOf = new int[_dim];
            _target = new int[_dim];
            _groupOf = new int[_dim];
        }

        public ExtractionPlan Build()
        {
            Index();
            var shellOfRank = Shells();
            var groupOfValue = PassiveAssignment(shellOfRank);
            FixedPoints(groupOfValue);
            DirectExchanges();
            FillSlots();
            var (transpositions, steps, current) = Decompose();
            return new ExtractionPlan(_cells, _cellEnergies, _energies, _pops, current, _shellOf, _passiveByShell, transpositions, steps, _passiveEnergy);
        }

        /// <summary>The cell levels (digits) and the energy of every product state.</summary>
        private void Index()
        {
            for (var x = 0; x < _dim; x++)
            {
                var rest = x;
                for (var k = _cells - 1; k >= 0; k--) { _digits[x * _cells + k] = (byte)(rest % _d); rest /= _d; }
                double e = 0;
                for (var k = 0; k < _cells; k++) e += _cellEnergies[_digits[x * _cells + k]];
                _energies[x] = e;
            }
        }

        /// <summary>Energy shells: states sorted by energy, grouped within n times the cell tolerance; returns the shell of each energy rank.</summary>
        private int[] Shells()
        {
            var byEnergy = ByEnergy();
            var sortedCell = _cellEnergies.Order().ToArray();
            var tolE = _cells * EnergyBasis.AbsoluteTolerance(sortedCell, _o.DegeneracyTolerance);
            var shellOfRank = new int[_dim];
            var shell = 0;
            var shellStart = _energies[byEnergy[0]];
            for (var r = 0; r < _dim; r++)
            {
                if (_energies[byEnergy[r]] > shellStart + tolE) { shell++; shellStart = _energies[byEnergy[r]]; }
                shellOfRank[r] = shell;
                _shellOf[byEnergy[r]] = shell;
            }
            return shellOfRank;
        }

        private int[] ByEnergy()
        {
            var byEnergy = Enumerable.Range(0, _dim).ToArray();
            Array.Sort(byEnergy, (a, b) => _energies[a] != _energies[b] ? _energies[a].CompareTo(_energies[b]) : a.CompareTo(b));
            return byEnergy;
        }

        /// <summary>The passive assignment: energy rank r receives the r-th largest population; the quota of each (population group, shell).</summary>
        private Dictionary<double, int> PassiveAssignment(int[] shellOfRank)
        {
            var sortedPops = (double[])_pops.Clone();
            Array.Sort(sortedPops);
            Array.Reverse(sortedPops);
            var groupOfValue = new Dictionary<double, int>();
            for (var r = 0; r < _dim; r++)
            {
                if (!groupOfValue.TryGetValue(sortedPops[r], out var g)) groupOfValue[sortedPops[r]] = g = groupOfValue.Count;
                var key = (g, shellOfRank[r]);
                _quota[key] = _quota.GetValueOrDefault(key) + 1;
            }
            _passiveEnergy = Ergotropy.Dot(sortedPops, [.. ByEnergy().Select(x => _energies[x])]);
            _passiveByShell = sortedPops;
            return groupOfValue;
        }

        /// <summary>Fixed points (a population already in a shell that needs it), then movers (by group) and free slots (by shell).</summary>
        private void FixedPoints(Dictionary<double, int> groupOfValue)
        {
            Array.Fill(_target, -1);
            for (var x = 0; x < _dim; x++)
            {
                _groupOf[x] = groupOfValue[_pops[x]];
                var key = (_groupOf[x], _shellOf[x]);
                if (_quota.GetValueOrDefault(key) > 0)
                {
                    _quota[key]--;
                    _target[x] = x;
                    continue;
                }
                if (!_movers.TryGetValue(key.Item1, out var ml)) _movers[key.Item1] = ml = [];
                ml.Add(x);
                if (!_slots.TryGetValue(_shellOf[x], out var sl)) _slots[_shellOf[x]] = sl = [];
                sl.Add(x);
            }
        }

        /// <summary>Direct exchanges: x's population belongs where y is and y's where x is (a 2-cycle, one transposition).</summary>
        private void DirectExchanges()
        {
            var taken = new bool[_dim];
            foreach (var (g, list) in _movers)
            {
                foreach (var x in list)
                {
                    if (taken[x]) continue;
                    var sx = _shellOf[x];
                    int best = -1, bestDistance = int.MaxValue, seen = 0;
                    foreach (var (s, slotList) in _slots)
                    {
                        if (_quota.GetValueOrDefault((g, s)) == 0) continue;
                        foreach (var y in slotList)
                        {
                            if (taken[y] || _quota.GetValueOrDefault((_groupOf[y], sx)) == 0) continue;
                            var dist = Hamming(_digits, x, y, _cells);
                            if (dist < bestDistance) { bestDistance = dist; best = y; }
                            if (++seen >= _o.NearestCandidates) break;
                        }
                        if (seen >= _o.NearestCandidates) break;
                    }
                    if (best < 0) continue;
                    _target[x] = best;
                    _target[best] = x;
                    taken[x] = taken[best] = true;
                    _quota[(g, _shellOf[best])]--;
                    _quota[(_groupOf[best], sx)]--;
                }
            }
            foreach (var key in _movers.Keys.ToList()) _movers[key] = [.. _movers[key].Where(x => !taken[x])];
            foreach (var key in _slots.Keys.ToList()) _slots[key] = [.. _slots[key].Where(y => !taken[y])];
        }

        /// <summary>The rest: each free slot takes the nearest displaced population its shell needs (longer cycles).</summary>
        private void FillSlots()
        {
            var groupsNeeding = new Dictionary<int, List<int>>(); // shell -> groups with remaining quota there
            foreach (var ((g, s), q) in _quota)
            {
                if (q <= 0) continue;
                if (!groupsNeeding.TryGetValue(s, out var list)) groupsNeeding[s] = list = [];
                list.Add(g);
            }
            foreach (var (s, slotList) in _slots)
            {
                if (!groupsNeeding.TryGetValue(s, out var needing)) continue;
                needing.Sort();
                foreach (var y in slotList)
                {
                    int bestGroup = -1, bestIndex = -1, bestDistance = int.MaxValue;
                    foreach (var g in needing)
                    {
                        if (_quota[(g, s)] == 0) continue;
                        var candidates = _movers[g];
                        var limit = Math.Min(candidates.Count, _o.NearestCandidates);
                        for (var i = 0; i < limit; i++)
                        {
                            var dist = Hamming(_digits, candidates[i], y, _cells);
                            if (dist < bestDistance) { bestDistance = dist; bestGroup = g; bestIndex = i; }
                        }
                    }
                    var list = _movers[bestGroup];
                    var x = list[bestIndex];
                    list[bestIndex] = list[^1];
                    list.RemoveAt(list.Count - 1);
                    _quota[(bestGroup, s)]--;
                    _target[x] = y;
                }
            }
        }

        /// <summary>Cycles of the permutation to transpositions (along a Hamming path) and single-cell steps (2h - 1 each).</summary>
        private (List<ExtractionTransposition>, List<ExtractionStep>, double[]) Decompose()
        {
            var transpositions = new List<ExtractionTransposition>();
            var steps = new List<ExtractionStep>();
            var current = (double[])_pops.Clone();
            var visited = new bool[_dim];
            var cycle = new List<int>();
            var path = new int[_cells + 1];
            for (var x0 = 0; x0 < _dim; x0++)
            {
                if (visited[x0] || _target[x0] == x0) continue;
                cycle.Clear();
                for (var x = x0; !visited[x]; x = _target[x]) { visited[x] = true; cycle.Add(x); }
                for (var i = cycle.Count - 2; i >= 0; i--)
                {
                    int alpha = cycle[i], beta = cycle[i + 1];
                    var h = 0;
                    path[0] = alpha;
                    for (var k = 0; k < _cells; k++)
                    {
                        var da = _digits[alpha * _cells + k];
                        var db = _digits[beta * _cells + k];
                        if (da == db) continue;
                        path[h + 1] = path[h] + (db - da) * Stride(_d, _cells, k);
                        h++;
                    }
                    var t = transpositions.Count;
                    transpositions.Add(new ExtractionTransposition(t, alpha, beta, h, steps.Count, 2 * h - 1));
                    for (var j = 0; j < h; j++) AddStep(path[j], path[j + 1], t);
                    for (var j = h - 2; j >= 0; j--) AddStep(path[j], path[j + 1], t);
                }
            }
            return (transpositions, steps, current);

            void AddStep(int from, int to, int t)
            {
                var cell = 0;
                while (_digits[from * _cells + cell] == _digits[to * _cells + cell]) cell++;
                var trivial = current[from] == current[to];
                steps.Add(new ExtractionStep(steps.Count, t, from, to, cell, _digits[from * _cells + cell], _digits[to * _cells + cell], trivial));
                (current[from], current[to]) = (current[to], current[from]);
            }
        }
    }

    private static int Stride(int d, int cells, int k)
    {
        var s = 1;
        for (var j = k + 1; j < cells; j++) s *= d;
        return s;
    }

    private static int Hamming(byte[] digits, int a, int b, int cells)
    {
        var n = 0;
        for (var k = 0; k < cells; k++) if (digits[a * cells + k] != digits[b * cells + k]) n++;
        return n;
    }

    /// <summary>
    /// Checks a plan: the final state against the passive state, separability of sampled intermediate
    /// states (PPT across every bipartition, using <see cref="DiagonalWithCoherences"/>'s sparse partial
    /// transpose), and the entanglement created by the direct route.
    /// </summary>
    public static ExtractionVerification Verify(ExtractionPlan plan, ExtractionVerificationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var o = options ?? ExtractionVerificationOptions.Default;
        Guard.AtLeast(o.SamplesPerStep, 1, "EntanglementFreeExtraction.Verify", "SamplesPerStep");
        var (passive, deviation) = CheckFinal(plan, o.PassivityTolerance);
        var masks = plan.Cells >= 2 ? Entanglement.Bipartitions(plan.Cells).Select(Mask).ToArray() : [];
        var dims = plan.Dims.AsSpan();
        var strides = Subsystems.Strides(dims);
        var angles = Enumerable.Range(1, o.SamplesPerStep).Select(k => 0.5 * Math.PI * k / (o.SamplesPerStep + 1)).ToArray();

        var p = plan.InitialPopulations.ToArray();
        var minDiag = p.Min();
        var worst = double.PositiveInfinity;
        var worstMask = 0L;
        var checkedStates = 0;
        var directAngles = angles.Append(0.25 * Math.PI).Distinct().ToArray();
        var progress = o.Progress is null ? null : new FractionReporter(o.Progress,
            (long)plan.ExecutedSteps * angles.Length + (long)plan.Transpositions.Count(t => t.Distance >= 2) * directAngles.Length);
        foreach (var s in plan.Steps)
        {
            if (!s.Trivial)
            {
                foreach (var theta in angles)
                {
                    var (value, mask) = MinPpt(p, s.From, s.To, theta, minDiag, masks, dims, strides);
                    checkedStates++;
                    if (value < worst) { worst = value; worstMask = mask; }
                }
                progress?.Advance(angles.Length);
            }
            (p[s.From], p[s.To]) = (p[s.To], p[s.From]);
        }

        DirectRouteEntanglement? direct = null;
        var q = plan.InitialPopulations.ToArray();
        foreach (var t in plan.Transpositions)
        {
            if (t.Distance >= 2)
            {
                foreach (var theta in directAngles)
                {
                    var (value, mask) = MinPpt(q, t.Alpha, t.Beta, theta, minDiag, masks, dims, strides);
                    if (direct is null || value < direct.MinPptEigenvalue)
                        direct = new DirectRouteEntanglement(t.Index, t.Alpha, t.Beta, theta, value, Cut(mask, plan.Cells));
                }
                progress?.Advance(directAngles.Length);
            }
            (q[t.Alpha], q[t.Beta]) = (q[t.Beta], q[t.Alpha]);
        }
        o.Progress?.Report(1);
        if (checkedStates == 0) worst = minDiag;
        return new ExtractionVerification(passive, deviation, plan.FinalEnergy, plan.PassiveEnergy, worst >= -o.PptTolerance, worst,
            Cut(worstMask, plan.Cells), checkedStates, masks.Length, direct)
        {
            DirectRouteEntangles = direct is not null && direct.MinPptEigenvalue < -o.PptTolerance,
        };
    }

    /// <summary>The state during step <paramref name="step"/> at rotation angle theta (0: before, pi/2: after).</summary>
    public static DiagonalWithCoherences StateDuringStep(ExtractionPlan plan, int step, double angle)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var p = plan.PopulationsBeforeStep(step);
        if (step == plan.Steps.Count) return new DiagonalWithCoherences(plan.Dims, p, []);
        var s = plan.Steps[step];
        return Rotated(plan.Dims, p, s.From, s.To, angle);
    }

    /// <summary>The state during the direct two-level rotation of transposition <paramref name="transposition"/> at angle theta.</summary>
    public static DiagonalWithCoherences StateDuringDirectTransposition(ExtractionPlan plan, int transposition, double angle)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var p = plan.PopulationsBeforeTransposition(transposition);
        if (transposition == plan.Transpositions.Count) return new DiagonalWithCoherences(plan.Dims, p, []);
        var t = plan.Transpositions[transposition];
        return Rotated(plan.Dims, p, t.Alpha, t.Beta, angle);
    }

    /// <summary>u(theta) diag(p) u(theta)^dag with u the rotation [[cos, -sin], [sin, cos]] on span{|a&gt;, |b&gt;} (Rev eq 12).</summary>
    private static DiagonalWithCoherences Rotated(Dims dims, double[] p, int a, int b, double theta)
    {
        Guard.Finite(theta, "EntanglementFreeExtraction", "angle");
        var (da, db, coherence) = Block(p[a], p[b], theta);
        var diag = (double[])p.Clone();
        diag[a] = da;
        diag[b] = db;
        return new DiagonalWithCoherences(dims, diag, coherence == 0 ? [] : [(a, b, new Complex(coherence, 0))]);
    }

    private static (double Da, double Db, double Coherence) Block(double pa, double pb, double theta)
    {
        var c = Math.Cos(theta);
        var s = Math.Sin(theta);
        return (c * c * pa + s * s * pb, s * s * pa + c * c * pb, c * s * (pa - pb));
    }

    /// <summary>Smallest partial-transpose eigenvalue over the bipartitions of the state rotated on {a, b}.</summary>
    private static (double Value, long Mask) MinPpt(double[] p, int a, int b, double theta, double minDiag, long[] masks, ReadOnlySpan<int> dims, ReadOnlySpan<int> strides)
    {
        var (da, db, coherence) = Block(p[a], p[b], theta);
        double Diag(int x) => x == a ? da : x == b ? db : p[x];
        var absC = Math.Abs(coherence);
        if (masks.Length == 0)
            return (Math.Min(minDiag, DiagonalWithCoherences.MinEigenvalue2(da, db, absC)), 0);
        // |a><b| -> |a + delta><b - delta| with delta the sum over the transposed cells where a and b differ
        Span<int> cells = stackalloc int[dims.Length];
        Span<int> shift = stackalloc int[dims.Length];
        var differing = 0;
        for (var k = 0; k < dims.Length; k++)
        {
            var ka = a / strides[k] % dims[k];
            var kb = b / strides[k] % dims[k];
            if (ka == kb) continue;
            cells[differing] = k;
            shift[differing++] = (kb - ka) * strides[k];
        }
        var best = double.PositiveInfinity;
        var bestMask = 0L;
        foreach (var mask in masks)
        {
            var delta = 0;
            for (var i = 0; i < differing; i++)
                if ((mask >> cells[i] & 1) == 1) delta += shift[i];
            var v = Math.Min(minDiag, DiagonalWithCoherences.MinEigenvalue2(Diag(a + delta), Diag(b - delta), absC));
            if (v < best) { best = v; bestMask = mask; }
        }
        return (best, bestMask);
    }

    private static long Mask(int[] part)
    {
        var m = 0L;
        foreach (var k in part) m |= 1L << k;
        return m;
    }

    private static int[] Cut(long mask, int cells) => [.. Enumerable.Range(0, cells).Where(k => (mask >> k & 1) == 1)];

    private static (bool Passive, double Deviation) CheckFinal(ExtractionPlan plan, double tolerance)
    {
        var final = plan.FinalPopulations;
        var shellOf = plan.ShellOf;
        var shells = shellOf.Max() + 1;
        var members = new List<double>[shells];
        for (var s = 0; s < shells; s++) members[s] = [];
        for (var x = 0; x < final.Count; x++) members[shellOf[x]].Add(final[x]);
        var passive = true;
        var maxAbove = double.NegativeInfinity;
        for (var s = shells - 1; s >= 0; s--)
        {
            if (members[s].Min() < maxAbove - tolerance) passive = false;
            maxAbove = Math.Max(maxAbove, members[s].Max());
        }
        // shell by shell against the passive assignment (both sorted descending inside a shell)
        double deviation = 0;
        var r = 0;
        for (var s = 0; s < shells; s++)
        {
            var values = members[s].OrderDescending().ToArray();
            foreach (var v in values) deviation = Math.Max(deviation, Math.Abs(v - plan.PassiveByShell[r++]));
        }
        return (passive, deviation);
    }
}
