using System.Globalization;
using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Charging;

/// <summary>Options of <see cref="EntanglementFreeExtraction.Plan"/>.</summary>
public sealed record ExtractionPlanOptions
{
    /// <summary>The defaults below.</summary>
    public static ExtractionPlanOptions Default { get; } = new();

    /// <summary>
    /// Cell levels within this tolerance (relative to their spread, as <see cref="ErgotropyOptions.DegeneracyTolerance"/>)
    /// are degenerate; n-cell energies within n times the resulting absolute tolerance form one energy shell. Default 1e-10.
    /// </summary>
    public double DegeneracyTolerance { get; init; } = 1e-10;

    /// <summary>Largest total dimension d^n accepted. Default 2^16.</summary>
    public int MaxDimension { get; init; } = 1 << 16;

    /// <summary>
    /// When pairing a displaced population with a free slot, the nearest (in Hamming distance) among at
    /// most this many candidates is taken. Default 256.
    /// </summary>
    public int NearestCandidates { get; init; } = 256;
}

/// <summary>Options of <see cref="EntanglementFreeExtraction.Verify"/>.</summary>
public sealed record ExtractionVerificationOptions
{
    /// <summary>The defaults below.</summary>
    public static ExtractionVerificationOptions Default { get; } = new();

    /// <summary>Rotation angles sampled inside each step, theta_k = (pi/2) k / (K + 1), k = 1..K. Default 3 (pi/8, pi/4, 3 pi/8).</summary>
    public int SamplesPerStep { get; init; } = 3;

    /// <summary>A partial-transpose eigenvalue below -tolerance counts as entangled. Default 1e-12.</summary>
    public double PptTolerance { get; init; } = 1e-12;

    /// <summary>Largest population by which a higher-energy state may exceed a lower one in the final state. Default 1e-14.</summary>
    public double PassivityTolerance { get; init; } = 1e-14;

    /// <summary>
    /// Receives the fraction of the separability checks done, in [0, 1], as they proceed (about a
    /// thousand reports over a run, the last one 1), from the calling thread. Default null: no reports.
    /// </summary>
    public IProgress<double>? Progress { get; init; }
}

/// <summary>One step of the plan: a full two-level rotation (swap) between product states that differ in one cell (R5, Rev eq 12).</summary>
/// <param name="Index">Position in the plan.</param>
/// <param name="Transposition">The direct transposition this step belongs to.</param>
/// <param name="From">Product state |mu&gt; (flat index; cell 0 most significant).</param>
/// <param name="To">Product state |mu'&gt;, equal to |mu&gt; except in <paramref name="Cell"/>.</param>
/// <param name="Cell">The one cell whose level changes.</param>
/// <param name="FromLevel">Its level in |mu&gt;.</param>
/// <param name="ToLevel">Its level in |mu'&gt;.</param>
/// <param name="Trivial">True when the two populations are equal at that point, so the step leaves the state unchanged and is skipped.</param>
public sealed record ExtractionStep(int Index, int Transposition, int From, int To, int Cell, int FromLevel, int ToLevel, bool Trivial);

/// <summary>A transposition |alpha&gt; &lt;-&gt; |beta&gt; of populations and its decomposition into 2h - 1 single-cell steps.</summary>
/// <param name="Index">Position in the plan.</param>
/// <param name="Alpha">First product state.</param>
/// <param name="Beta">Second product state.</param>
/// <param name="Distance">h, the number of cells in which they differ.</param>
/// <param name="FirstStep">Index of its first step.</param>
/// <param name="StepCount">2h - 1.</param>
public sealed record ExtractionTransposition(int Index, int Alpha, int Beta, int Distance, int FirstStep, int StepCount);

/// <summary>The direct route's most entangled sampled state (R5: the two-level rotation between states differing in several cells).</summary>
/// <param name="Transposition">Which transposition, rotated directly.</param>
/// <param name="Alpha">Its first product state.</param>
/// <param name="Beta">Its second product state.</param>
/// <param name="Angle">Rotation angle theta in (0, pi/2).</param>
/// <param name="MinPptEigenvalue">Smallest partial-transpose eigenvalue over every bipartition (negative: entangled).</param>
/// <param name="Cut">The subsystems transposed at that minimum.</param>
public sealed record DirectRouteEntanglement(int Transposition, int Alpha, int Beta, double Angle, double MinPptEigenvalue, int[] Cut);

/// <summary>What <see cref="EntanglementFreeExtraction.Verify"/> found.</summary>
/// <param name="FinalIsPassive">The final state's populations do not increase with energy (within the tolerance).</param>
/// <param name="MaxShellDeviation">Largest difference between the final populations and the passive state's, energy shell by energy shell (sorted inside a shell, since any order is passive there).</param>
/// <param name="FinalEnergy">Energy of the final state.</param>
/// <param name="PassiveEnergy">Energy of the passive state (sorted pairing).</param>
/// <param name="SeparableThroughout">Every sampled intermediate state is PPT across every bipartition.</param>
/// <param name="MinPptEigenvalue">Smallest partial-transpose eigenvalue over the sampled states and bipartitions.</param>
/// <param name="WorstCut">The bipartition where it occurs.</param>
/// <param name="StatesChecked">Number of sampled intermediate states.</param>
/// <param name="Bipartitions">Number of bipartitions checked per state (2^(n-1) - 1).</param>
/// <param name="Direct">The direct route's most negative partial-transpose eigenvalue, when some transposition changes two or more cells; null otherwise.</param>
public sealed record ExtractionVerification(
    bool FinalIsPassive,
    double MaxShellDeviation,
    double FinalEnergy,
    double PassiveEnergy,
    bool SeparableThroughout,
    double MinPptEigenvalue,
    int[] WorstCut,
    int StatesChecked,
    int Bipartitions,
    DirectRouteEntanglement? Direct)
{
    /// <summary>True when the direct route produced a negative partial-transpose eigenvalue beyond the tolerance.</summary>
    public bool DirectRouteEntangles { get; init; }
}

/// <summary>A plan of single-cell steps taking a diagonal n-cell state to its passive state (R5).</summary>
public sealed class ExtractionPlan
{
    private readonly double[] _cellEnergies;
    private readonly double[] _energies;
    private readonly double[] _initial;
    private readonly double[] _final;
    private readonly double[] _passiveByShell;

    internal ExtractionPlan(int cells, double[] cellEnergies, double[] energies, double[] initial, double[] final, int[] shellOf, double[] passiveByShell,
        List<ExtractionTransposition> transpositions, List<ExtractionStep> steps, double passiveEnergy)
    {
        Cells = cells;
        _cellEnergies = cellEnergies;
        _energies = energies;
        _initial = initial;
        _final = final;
        ShellOf = shellOf;
        _passiveByShell = passiveByShell;
        Transpositions = transpositions;
        Steps = steps;
        PassiveEnergy = passiveEnergy;
        Dims = Dims.Uniform(cellEnergies.Length, cells);
        InitialEnergy = Thermodynamics.Ergotropy.Dot(initial, energies);
        FinalEnergy = Thermodynamics.Ergotropy.Dot(final, energies);
    }

    /// <summary>Number of cells n.</summary>
    public int Cells { get; }

    /// <summary>Levels per cell d.</summary>
    public int CellDimension => _cellEnergies.Length;

    /// <summary>[d, d, ..., d].</summary>
    public Dims Dims { get; }

    /// <summary>The cell energies e_0..e_(d-1) (level order of the labels).</summary>
    public IReadOnlyList<double> CellEnergies => _cellEnergies;

    /// <summary>Energy of every product state, sum_l e_(i_l).</summary>
    public IReadOnlyList<double> Energies => _energies;

    /// <summary>Populations of the initial diagonal state.</summary>
    public IReadOnlyList<double> InitialPopulations => _initial;

    /// <summary>Populations after every step.</summary>
    public IReadOnlyList<double> FinalPopulations => _final;

    /// <summary>The direct transpositions (each one two-level rotation, possibly entangling).</summary>
    public IReadOnlyList<ExtractionTransposition> Transpositions { get; }

    /// <summary>Every single-cell step, trivial ones included (flagged).</summary>
    public IReadOnlyList<ExtractionStep> Steps { get; }

    /// <summary>Steps that change the state (the others swap equal populations).</summary>
    public int ExecutedSteps => Steps.Count(s => !s.Trivial);

    /// <summary>tr[rho H], initial.</summary>
    public double InitialEnergy { get; }

    /// <summary>Energy after the plan.</summary>
    public double FinalEnergy { get; }

    /// <summary>Energy of the passive state.</summary>
    public double PassiveEnergy { get; }

    /// <summary>The ergotropy InitialEnergy - PassiveEnergy.</summary>
    public double Ergotropy => InitialEnergy - PassiveEnergy;

    internal int[] ShellOf { get; }

    /// <summary>Passive populations listed shell by shell (ascending energy; descending inside a shell).</summary>
    internal double[] PassiveByShell => _passiveByShell;

    /// <summary>The level of each cell in product state <paramref name="index"/>.</summary>
    public int[] Levels(int index)
    {
        var d = CellDimension;
        var levels = new int[Cells];
        for (var k = Cells - 1; k >= 0; k--) { levels[k] = index % d; index /= d; }
        return levels;
    }

    /// <summary>A ket label such as |021&gt; (levels 0-based; comma-separated when d &gt; 10).</summary>
    public string Label(int index)
    {
        var levels = Levels(index);
        var sep = CellDimension > 10 ? "," : "";
        return "|" + string.Join(sep, levels.Select(l => l.ToString(CultureInfo.InvariantCulture))) + ">";
    }

    /// <summary>Populations just before step <paramref name="step"/> (after the previous ones).</summary>
    public double[] PopulationsBeforeStep(int step) =>
        AfterSwaps(step, Steps.Count, "PopulationsBeforeStep", "step", Steps.Select(s => (s.From, s.To)));

    /// <summary>Populations just before the direct transposition <paramref name="transposition"/>.</summary>
    public double[] PopulationsBeforeTransposition(int transposition) =>
        AfterSwaps(transposition, Transpositions.Count, "PopulationsBeforeTransposition", "transposition", Transpositions.Select(t => (t.Alpha, t.Beta)));

    private double[] AfterSwaps(int count, int available, string operation, string argument, IEnumerable<(int A, int B)> swaps)
    {
        if ((uint)count > (uint)available)
            throw new ValidationException($"ExtractionPlan.{operation}", argument, $"a {argument} in 0..{available}", count.ToString(CultureInfo.InvariantCulture));
        var p = (double[])_initial.Clone();
        foreach (var (a, b) in swaps.Take(count)) (p[a], p[b]) = (p[b], p[a]);
        return p;
    }

    /// <summary>A one-line summary.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Cells} cells of dimension {CellDimension}: {Transpositions.Count} transpositions, {Steps.Count} single-cell steps ({ExecutedSteps} non-trivial)");
}

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
