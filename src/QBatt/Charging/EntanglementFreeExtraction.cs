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

    private static ExtractionPlan Build(double[] pops, double[] cellEnergies, int cells, ExtractionPlanOptions o)
    {
        var d = cellEnergies.Length;
        var dim = pops.Length;
        for (var i = 0; i < dim; i++) if (pops[i] == 0) pops[i] = 0; // -0.0 -> 0.0
        var digits = new byte[dim * cells];
        var energies = new double[dim];
        for (var x = 0; x < dim; x++)
        {
            var rest = x;
            for (var k = cells - 1; k >= 0; k--) { digits[x * cells + k] = (byte)(rest % d); rest /= d; }
            double e = 0;
            for (var k = 0; k < cells; k++) e += cellEnergies[digits[x * cells + k]];
            energies[x] = e;
        }

        // energy shells: states sorted by energy, grouped within n times the cell tolerance
        var byEnergy = Enumerable.Range(0, dim).ToArray();
        Array.Sort(byEnergy, (a, b) => energies[a] != energies[b] ? energies[a].CompareTo(energies[b]) : a.CompareTo(b));
        var sortedCell = cellEnergies.Order().ToArray();
        var tolE = cells * EnergyBasis.AbsoluteTolerance(sortedCell, o.DegeneracyTolerance);
        var shellOfRank = new int[dim];
        var shellOf = new int[dim];
        var shell = 0;
        var shellStart = energies[byEnergy[0]];
        for (var r = 0; r < dim; r++)
        {
            if (energies[byEnergy[r]] > shellStart + tolE) { shell++; shellStart = energies[byEnergy[r]]; }
            shellOfRank[r] = shell;
            shellOf[byEnergy[r]] = shell;
        }

        // the passive assignment: energy rank r receives the r-th largest population
        var sortedPops = (double[])pops.Clone();
        Array.Sort(sortedPops);
        Array.Reverse(sortedPops);
        var groupOfValue = new Dictionary<double, int>();
        var groupOfRank = new int[dim];
        for (var r = 0; r < dim; r++)
        {
            if (!groupOfValue.TryGetValue(sortedPops[r], out var g)) groupOfValue[sortedPops[r]] = g = groupOfValue.Count;
            groupOfRank[r] = g;
        }
        var quota = new Dictionary<(int Group, int Shell), int>();
        for (var r = 0; r < dim; r++)
        {
            var key = (groupOfRank[r], shellOfRank[r]);
            quota[key] = quota.GetValueOrDefault(key) + 1;
        }
        var passiveEnergy = Ergotropy.Dot(sortedPops, [.. byEnergy.Select(x => energies[x])]);
        var passiveByShell = new double[dim];
        for (var r = 0; r < dim; r++) passiveByShell[r] = sortedPops[r];

        // fixed points, then movers (by group) and free slots (by shell)
        var target = new int[dim];
        Array.Fill(target, -1);
        var movers = new Dictionary<int, List<int>>();
        var slots = new SortedDictionary<int, List<int>>();
        for (var x = 0; x < dim; x++)
        {
            var key = (groupOfValue[pops[x]], shellOf[x]);
            if (quota.GetValueOrDefault(key) > 0)
            {
                quota[key]--;
                target[x] = x;
                continue;
            }
            if (!movers.TryGetValue(key.Item1, out var ml)) movers[key.Item1] = ml = [];
            ml.Add(x);
            if (!slots.TryGetValue(shellOf[x], out var sl)) slots[shellOf[x]] = sl = [];
            sl.Add(x);
        }
        var groupOf = new int[dim];
        for (var x = 0; x < dim; x++) groupOf[x] = groupOfValue[pops[x]];
        var moverTaken = new bool[dim];
        var slotTaken = new bool[dim];

        // first, direct exchanges: x's population belongs where y is and y's where x is (a 2-cycle, one transposition)
        foreach (var (g, list) in movers)
        {
            foreach (var x in list)
            {
                if (moverTaken[x]) continue;
                var sx = shellOf[x];
                int best = -1, bestDistance = int.MaxValue, seen = 0;
                foreach (var (s, slotList) in slots)
                {
                    if (quota.GetValueOrDefault((g, s)) == 0) continue;
                    foreach (var y in slotList)
                    {
                        if (slotTaken[y] || moverTaken[y] || quota.GetValueOrDefault((groupOf[y], sx)) == 0) continue;
                        var dist = Hamming(digits, x, y, cells);
                        if (dist < bestDistance) { bestDistance = dist; best = y; }
                        if (++seen >= o.NearestCandidates) break;
                    }
                    if (seen >= o.NearestCandidates) break;
                }
                if (best < 0) continue;
                target[x] = best;
                target[best] = x;
                moverTaken[x] = moverTaken[best] = true;
                slotTaken[best] = slotTaken[x] = true;
                quota[(g, shellOf[best])]--;
                quota[(groupOf[best], sx)]--;
            }
        }

        // then the rest: each free slot takes the nearest displaced population its shell needs (longer cycles)
        foreach (var key in movers.Keys.ToList()) movers[key] = [.. movers[key].Where(x => !moverTaken[x])];
        var groupsNeeding = new Dictionary<int, List<int>>(); // shell -> groups with remaining quota there
        foreach (var ((g, s), q) in quota)
        {
            if (q <= 0) continue;
            if (!groupsNeeding.TryGetValue(s, out var list)) groupsNeeding[s] = list = [];
            list.Add(g);
        }
        foreach (var (s, slotList) in slots)
        {
            if (!groupsNeeding.TryGetValue(s, out var needing)) continue;
            needing.Sort();
            foreach (var y in slotList)
            {
                if (slotTaken[y]) continue;
                int bestGroup = -1, bestIndex = -1, bestDistance = int.MaxValue;
                foreach (var g in needing)
                {
                    if (quota[(g, s)] == 0) continue;
                    var candidates = movers[g];
                    var limit = Math.Min(candidates.Count, o.NearestCandidates);
                    for (var i = 0; i < limit; i++)
                    {
                        var dist = Hamming(digits, candidates[i], y, cells);
                        if (dist < bestDistance) { bestDistance = dist; bestGroup = g; bestIndex = i; }
                    }
                }
                var list = movers[bestGroup];
                var x = list[bestIndex];
                list[bestIndex] = list[^1];
                list.RemoveAt(list.Count - 1);
                quota[(bestGroup, s)]--;
                target[x] = y;
            }
        }

        // cycles -> transpositions -> single-cell steps
        var transpositions = new List<ExtractionTransposition>();
        var steps = new List<ExtractionStep>();
        var current = (double[])pops.Clone();
        var visited = new bool[dim];
        var cycle = new List<int>();
        var path = new int[cells + 1];
        for (var x0 = 0; x0 < dim; x0++)
        {
            if (visited[x0] || target[x0] == x0) continue;
            cycle.Clear();
            for (var x = x0; !visited[x]; x = target[x]) { visited[x] = true; cycle.Add(x); }
            for (var i = cycle.Count - 2; i >= 0; i--)
            {
                int alpha = cycle[i], beta = cycle[i + 1];
                var h = 0;
                path[0] = alpha;
                for (var k = 0; k < cells; k++)
                {
                    var da = digits[alpha * cells + k];
                    var db = digits[beta * cells + k];
                    if (da == db) continue;
                    path[h + 1] = path[h] + (db - da) * Stride(d, cells, k);
                    h++;
                }
                var t = transpositions.Count;
                transpositions.Add(new ExtractionTransposition(t, alpha, beta, h, steps.Count, 2 * h - 1));
                for (var j = 0; j < h; j++) AddStep(path[j], path[j + 1]);
                for (var j = h - 2; j >= 0; j--) AddStep(path[j], path[j + 1]);

                void AddStep(int from, int to)
                {
                    var cell = 0;
                    while (digits[from * cells + cell] == digits[to * cells + cell]) cell++;
                    var trivial = current[from] == current[to];
                    steps.Add(new ExtractionStep(steps.Count, t, from, to, cell, digits[from * cells + cell], digits[to * cells + cell], trivial));
                    (current[from], current[to]) = (current[to], current[from]);
                }
            }
        }
        return new ExtractionPlan(cells, cellEnergies, energies, pops, current, shellOf, passiveByShell, transpositions, steps, passiveEnergy);
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
            }
            (p[s.From], p[s.To]) = (p[s.To], p[s.From]);
        }

        DirectRouteEntanglement? direct = null;
        var q = plan.InitialPopulations.ToArray();
        var directAngles = angles.Append(0.25 * Math.PI).Distinct().ToArray();
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
            }
            (q[t.Alpha], q[t.Beta]) = (q[t.Beta], q[t.Alpha]);
        }
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
