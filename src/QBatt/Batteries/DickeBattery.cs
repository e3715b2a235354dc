using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Batteries;

/// <summary>Options of <see cref="DickeBattery.Charge"/>, with documented defaults.</summary>
public sealed record DickeChargingOptions
{
    /// <summary>The defaults.</summary>
    public static DickeChargingOptions Default { get; } = new();

    /// <summary>t_max (default null: <see cref="Dicke.DefaultTimeWindow"/>).</summary>
    public double? TimeWindow { get; init; }

    /// <summary>Output spacing (default null: t_max/400); the grid is t_k = k t_max/K with K = ceil(t_max/dt).</summary>
    public double? TimeStep { get; init; }

    /// <summary>Photon levels (default null: <see cref="Dicke.DefaultCutoff"/> for the window).</summary>
    public int? Cutoff { get; init; }

    /// <summary>Symmetric subspace (default) or the full 2^N x cutoff space.</summary>
    public DickeSpace Space { get; init; } = DickeSpace.Symmetric;

    /// <summary>wa (default 1).</summary>
    public double CellFrequency { get; init; } = 1;

    /// <summary>wc (default 1).</summary>
    public double CavityFrequency { get; init; } = 1;

    /// <summary>Largest acceptable population of the top Fock level over the outputs (default 1e-8).</summary>
    public double CutoffTolerance { get; init; } = 1e-8;

    /// <summary>Refuse (<see cref="ConvergenceException"/>) instead of warning when the top Fock population exceeds the tolerance (default false).</summary>
    public bool Strict { get; init; }

    /// <summary>Also charge the parallel (Rabi) reference and compute Gamma (default true).</summary>
    public bool IncludeReference { get; init; } = true;

    /// <summary>Solver options (default null: <see cref="EvolutionOptions.Default"/>).</summary>
    public EvolutionOptions? Evolution { get; init; }

    /// <summary>Largest memory a run may need, in bytes (default null: 90% of the memory available to the process); see <see cref="DickeBattery.EstimateBytes"/>.</summary>
    public long? MemoryLimit { get; init; }
}

/// <summary>One charging run of a cavity battery (Dicke or its one-cell Rabi reference).</summary>
/// <param name="Cells">N.</param>
/// <param name="Cutoff">Photon levels used.</param>
/// <param name="DefaultCutoff">True when the cutoff is the default of <see cref="Dicke.DefaultCutoff"/>.</param>
/// <param name="TimeWindow">t_max.</param>
/// <param name="TimeStep">The output spacing used.</param>
/// <param name="Curve">E_B(t) (= W(t), since E_B(0) = 0) and P(t).</param>
/// <param name="TopFockPopulation">Largest population of the highest Fock level over the outputs.</param>
/// <param name="Statistics">The solver's statistics.</param>
/// <param name="Warnings">Cutoff and window warnings of this run.</param>
public sealed record CavityCharging(int Cells, int Cutoff, bool DefaultCutoff, double TimeWindow, double TimeStep, ChargingCurve Curve, double TopFockPopulation, EvolutionStatistics Statistics, IReadOnlyList<string> Warnings);

/// <summary>The result of <see cref="DickeBattery.Charge"/>.</summary>
/// <param name="Coupling">lambda.</param>
/// <param name="Space">The state space used.</param>
/// <param name="Dicke">The Dicke battery's run.</param>
/// <param name="Rabi">The parallel reference's run (one cell, one photon), or null when not requested.</param>
/// <param name="Gamma">max P_Dicke / (N max P_Rabi) (NaN without the reference).</param>
/// <param name="Warnings">Cutoff and window warnings of both runs.</param>
public sealed record DickeCharging(double Coupling, DickeSpace Space, CavityCharging Dicke, CavityCharging? Rabi, double Gamma, IReadOnlyList<string> Warnings);

/// <summary>
/// Charging of the Dicke battery (R12, Rev eqs 23-26) through the dynamics engine: E_B(t) = wa(&lt;J_z&gt; + N/2)
/// and P(t) = i&lt;[H, E_B]&gt; from the state, the maximal average power E_B(t)/t and the charging time (R7),
/// the first maximum of E_B, the population of the top Fock level (checked against a tolerance), and
/// the collective advantage Gamma = max P_Dicke / (N max P_Rabi) over N independent Rabi cells with one
/// photon each (Ferraro et al.; Rev eq 26: Gamma grows like sqrt(N)). The Rabi reference runs over its
/// own default window so that its maximal power is inside it.
/// </summary>
public static class DickeBattery
{
    /// <summary>
    /// Charges N cells from |N photons&gt; (x) |all down&gt; at coupling lambda, and the Rabi reference (unless
    /// <see cref="DickeChargingOptions.IncludeReference"/> is false; a <paramref name="reference"/> from
    /// <see cref="ChargeRabi"/> at the same coupling is reused instead of recomputed, e.g. in a scan over N).
    /// </summary>
    public static DickeCharging Charge(int cells, double coupling, DickeChargingOptions? options = null, CavityCharging? reference = null)
    {
        const string op = "DickeBattery.Charge";
        var o = options ?? DickeChargingOptions.Default;
        Guard.AtLeast(cells, 1, op, "cells");
        Check(coupling, o, op);
        if (reference is not null && reference.Cells != 1)
            throw new ValidationException(op, "reference", "a one-cell Rabi run from ChargeRabi", $"a run of {reference.Cells} cells");
        var window = o.TimeWindow ?? Dicke.DefaultTimeWindow(cells, coupling, o.CavityFrequency);
        var cutoff = o.Cutoff ?? Dicke.DefaultCutoff(cells, coupling, window, o.CavityFrequency);
        var model = new Dicke(cells, cutoff, coupling, o.CellFrequency, o.CavityFrequency, o.Space);
        CheckMemory(model, o, op);
        var run = Run(cells, model.Hamiltonian(), model.BatteryEnergy(), model.TopFockProjector(), model.InitialState(), cutoff, o.Cutoff is null, window, o, $"Dicke N = {cells}");
        var rabi = reference ?? (o.IncludeReference ? ChargeRabi(coupling, o) : null);
        var gamma = rabi is null ? double.NaN : run.Curve.MaxPower / (cells * rabi.Curve.MaxPower);
        return new DickeCharging(coupling, o.Space, run, rabi, gamma, [.. run.Warnings, .. rabi?.Warnings ?? []]);
    }

    /// <summary>
    /// An upper estimate of the memory a charging run of <paramref name="model"/> needs, in bytes: the
    /// Krylov basis and work vectors of the Schrödinger solver (16 B per amplitude, 2 (m + 1) + 12 vectors
    /// for a basis of m), the sparse Hamiltonian (wc a^dag a + wa J_z on the diagonal, J_x (a + a^dag)
    /// with 4 entries per row in the symmetric space and 2N in the full one; 20 B per entry) and the
    /// temporaries of its assembly (twice that again), and the two diagonal observables.
    /// </summary>
    public static long EstimateBytes(Dicke model, EvolutionOptions? evolution = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var m = (evolution ?? EvolutionOptions.Default).KrylovDimension;
        double d = model.Dims.Total;
        double perRow = model.Space == DickeSpace.Symmetric ? 5 : 2.0 * model.Cells + 1;
        var total = 16 * d * (2 * (Math.Min(m, d) + 1) + 12) + 3 * (20 * perRow + 4) * d + 2 * 24 * d;
        return total >= long.MaxValue ? long.MaxValue : (long)total;
    }

    private static void CheckMemory(Dicke model, DickeChargingOptions o, string op)
    {
        var bytes = EstimateBytes(model, o.Evolution);
        var limit = o.MemoryLimit ?? (long)(0.9 * GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        if (bytes > limit)
            throw new ResourceException(op, "cells", $"a size whose run fits in memory (limit {Gib(limit)})",
                $"N = {model.Cells} with {model.Cutoff} photon levels ({(model.Space == DickeSpace.Symmetric ? "symmetric" : "full")} space, dimension {model.Dims.Total}), which needs about {Gib(bytes)}");
    }

    private static string Gib(double bytes) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.##} GiB");

    /// <summary>
    /// The parallel reference: one cell in its own cavity with one photon (<see cref="Models.Rabi"/>), over
    /// <see cref="Dicke.DefaultTimeWindow"/> for N = 1 with its default cutoff (the options' window and
    /// cutoff apply to the Dicke run only).
    /// </summary>
    public static CavityCharging ChargeRabi(double coupling, DickeChargingOptions? options = null)
    {
        var o = options ?? DickeChargingOptions.Default;
        Check(coupling, o, "DickeBattery.ChargeRabi");
        var window = Dicke.DefaultTimeWindow(1, coupling, o.CavityFrequency);
        var cutoff = Dicke.DefaultCutoff(1, coupling, window, o.CavityFrequency);
        var model = new Rabi(cutoff, coupling, o.CellFrequency, o.CavityFrequency);
        var reference = o with { TimeStep = null };
        return Run(1, model.Hamiltonian(), model.BatteryEnergy(), model.TopFockProjector(), model.InitialState(), cutoff, true, window, reference, "Rabi reference");
    }

    private static void Check(double coupling, DickeChargingOptions o, string op)
    {
        Guard.Finite(coupling, op, "coupling");
        if (coupling == 0)
            throw new ValidationException(op, "coupling", "a non-zero coupling lambda (nothing charges at lambda = 0)", "0");
        Guard.Positive(o.CavityFrequency, op, "CavityFrequency");
        Guard.Positive(o.CellFrequency, op, "CellFrequency");
        if (o.TimeWindow is { } tw) Guard.Positive(tw, op, "TimeWindow");
        if (o.TimeStep is { } dt) Guard.Positive(dt, op, "TimeStep");
        if (o.Cutoff is { } c) Guard.AtLeast(c, 1, op, "Cutoff");
        Guard.Positive(o.CutoffTolerance, op, "CutoffTolerance");
    }

    /// <summary>The output grid t_k = k t_max / K, K = ceil(t_max/dt) (at least 2 steps, at most 10^6).</summary>
    internal static double[] Grid(double window, double dt, string op)
    {
        var steps = Math.Ceiling(window / dt * (1 - 1e-12));
        if (steps > 1_000_000)
            throw new ValidationException(op, "TimeStep", $"at most 10^6 output steps over t_max = {QBattException.Num(window)}", $"dt = {QBattException.Num(dt)} ({steps:G3} steps)");
        var k = Math.Max(2, (int)steps);
        return [.. Enumerable.Range(0, k + 1).Select(i => window * i / k)];
    }

    private static CavityCharging Run(int cells, Operator h, Operator energy, Operator top, Ket initial, int cutoff, bool defaultCutoff, double window, DickeChargingOptions o, string label)
    {
        var warnings = new List<string>();
        var times = Grid(window, o.TimeStep ?? window / 400, "DickeBattery.Charge");
        var hamiltonian = new Hamiltonian(h);
        var charging = new ChargingObservables(hamiltonian, energy);
        var trajectory = new SchrodingerSolver(hamiltonian, o.Evolution).Run(initial, times, [.. charging.Observables, new Observable("top Fock level", top)]);
        var curve = new ChargingCurve(times, charging.Work(trajectory), charging.InstantaneousPower(trajectory));
        var topPopulation = trajectory.Expectation("top Fock level").Max();
        if (topPopulation > o.CutoffTolerance)
        {
            var message = $"{label}: the population of the top Fock level reaches {QBattException.Num(topPopulation)} > {QBattException.Num(o.CutoffTolerance)} with {cutoff} photon levels; raise the cutoff";
            if (o.Strict) throw new ConvergenceException($"DickeBattery: {message}.");
            warnings.Add(message);
        }
        if (curve.Maximum.AtBoundary)
            warnings.Add($"{label}: the maximal average power is at the end of the window t_max = {QBattException.Num(window)}; extend t_max");
        return new CavityCharging(cells, cutoff, defaultCutoff, window, times[1], curve, topPopulation, trajectory.Statistics, warnings);
    }
}
