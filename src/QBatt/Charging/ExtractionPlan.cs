using System.Globalization;
using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Charging;

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
