using System.Globalization;
using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Studies;
using QBatt.Thermodynamics;

namespace QBatt.Batteries;

/// <summary>A time-independent charging Hamiltonian of N Cooper-pair boxes: one gate amplitude per box and two-body couplings (R15).</summary>
/// <param name="Gates">a_l of the gate pulses a_l sigma_x^l, one per box.</param>
/// <param name="Couplings">The two-body terms.</param>
public sealed record CooperInstance(IReadOnlyList<double> Gates, IReadOnlyList<PairCoupling> Couplings)
{
    /// <summary>Number of boxes.</summary>
    public int Cells => Gates.Count;

    /// <summary>sum_l a_l sigma_x^l + sum over the couplings (J_xx XX + J_yy YY + J_zz ZZ).</summary>
    public Operator ToOperator() => CooperPairBoxes.GatePulses(Gates) + CooperPairBoxes.Couplings(Cells, Couplings);
}

/// <summary>The fair comparison of a Cooper-pair-box drive with independent charging under C0, C1 and C2 (R9, R15).</summary>
/// <param name="Cells">N.</param>
/// <param name="Reference">One box under its gate pulse sigma_x from |0&gt;, ended at maximal average power (the parallel reference, one copy).</param>
/// <param name="Unscaled">The collective drive as given, ended at maximal average power.</param>
/// <param name="Results">Advantage.Compare under C0, C1, C2 (in that order).</param>
public sealed record CooperComparison(int Cells, ChargingResult Reference, ChargingResult Unscaled, IReadOnlyList<AdvantageResult> Results)
{
    /// <summary>The comparison under one constraint.</summary>
    public AdvantageResult Get(ChargingConstraint constraint) => Results.First(r => r.Constraint == constraint);

    /// <summary>T &gt;= T_QSL (R8) on the reference, the unscaled and every rescaled run.</summary>
    public bool SpeedLimitHolds => Reference.SpeedLimit.Holds && Unscaled.SpeedLimit.Holds && Results.All(r => r.Collective.SpeedLimit.Holds);
}

/// <summary>Options of <see cref="CooperPairBattery.Search"/>, with documented defaults.</summary>
public sealed record CooperSearchOptions
{
    /// <summary>Number of boxes N (default 4; 2..<see cref="CooperPairBoxes.MaxCells"/>).</summary>
    public int Cells { get; init; } = 4;

    /// <summary>Which pairs carry couplings (default every pair).</summary>
    public CooperTopology Topology { get; init; } = CooperTopology.AllToAll;

    /// <summary>Random instances (default 64): gates and J_xx, J_yy, J_zz i.i.d. standard normal.</summary>
    public int Samples { get; init; } = 64;

    /// <summary>Hill-climbing steps from the best random instance (default 64): all parameters perturbed, kept if Gamma_C0 grows.</summary>
    public int RefineSteps { get; init; } = 64;

    /// <summary>Also start the hill climbing from R11's disjoint sigma_x sigma_x pairs when they beat every random instance (default true).</summary>
    public bool StructuredStart { get; init; } = true;

    /// <summary>Seed (default 1); sample i draws from <see cref="RandomKLocal.SampleSeed"/>(Seed, i), the refinement from (Seed, Samples).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Solver options (default the exact propagator on one thread).</summary>
    public EvolutionOptions Evolution { get; init; } = new() { Method = Integrators.Exact, Threads = 1 };

    /// <summary>Throws <see cref="ValidationException"/> naming the first bad option.</summary>
    public void Validate()
    {
        const string op = "CooperSearchOptions";
        if (Cells < 2 || Cells > CooperPairBoxes.MaxCells)
            throw new ValidationException(op, "Cells", $"a number of boxes in 2..{CooperPairBoxes.MaxCells}", $"{Cells}");
        if (Topology == CooperTopology.Pairs && Cells % 2 != 0)
            throw new ValidationException(op, "Cells", "an even number of boxes for disjoint pairs", $"{Cells}");
        Guard.AtLeast(Samples, 1, op, "Samples");
        Guard.AtLeast(RefineSteps, 0, op, "RefineSteps");
        ArgumentNullException.ThrowIfNull(Evolution);
        Evolution.Validate();
    }
}

/// <summary>The result of <see cref="CooperPairBattery.Search"/>.</summary>
/// <param name="Options">The options.</param>
/// <param name="SampleGammas">Gamma_C0 of every random instance.</param>
/// <param name="RandomBest">The largest Gamma_C0 among the random instances (before the structured start and the refinement).</param>
/// <param name="Best">The best instance after the refinement.</param>
/// <param name="BestGamma">Its Gamma_C0 (fast path: exact propagator, max_t W(t)/t).</param>
/// <param name="Comparison">The best instance compared through <see cref="Advantage.Compare(ChargingProtocol, ChargingProtocol, int, ChargingConstraint, ChargingOptions?)"/> under C0, C1, C2.</param>
public sealed record CooperSearchResult(CooperSearchOptions Options, IReadOnlyList<double> SampleGammas, double RandomBest, CooperInstance Best, double BestGamma, CooperComparison Comparison);

/// <summary>
/// Cooper-pair-box batteries (R15; Rev 'Coupled Cooper Pair Boxes'): N charge qubits charged from |0&gt;^(x)N by
/// local gate pulses and two-body couplings (<see cref="CooperPairBoxes"/>), compared fairly with N independent
/// boxes (R9). Collective and reference runs both end at their maximal average power max_t W(t)/t (R7), as in the
/// Conjecture 1 study (R11); the reference is one box under a sigma_x pulse (the best one-cell drive under C0).
/// The review states that with k = 2 the charging time can be at most about two times shorter than any local
/// procedure; PRL Theorem 1 gives Gamma_C0 &lt; gamma k = pi for k = 2.
/// </summary>
public static class CooperPairBattery
{
    /// <summary>The review's figure for k = 2 ('up to two times shorter'): the disjoint-pair value Gamma_C0 = k = 2 (R11).</summary>
    public static double ReviewClaim => ChargingSetups.BlockAdvantage(2, ChargingConstraint.OperatorNorm);

    /// <summary>PRL Theorem 1 for k = 2: gamma k = pi.</summary>
    public static double Theorem1Bound => KLocalBounds.Theorem1(2);

    /// <summary>One box under the gate pulse sigma_x from |0&gt;, ended at maximal average power, horizon pi.</summary>
    public static ChargingProtocol Reference(double chargingEnergy = 1) =>
        ChargingProtocol.ToMaximumPower(new Hamiltonian(Pauli.X), CooperPairBoxes.Battery(1, chargingEnergy), CooperPairBoxes.Ground(1), Math.PI);

    /// <summary>
    /// The drive charging N boxes from |0&gt;^(x)N, ended at maximal average power in (0, horizon]; the horizon is pi / ||H||,
    /// doubled (up to 2^8 times) while the maximum sits at its end or a later time could still beat it (W &lt;= N E).
    /// </summary>
    public static ChargingResult RunToMaximumPower(Operator drive, double chargingEnergy = 1, ChargingOptions? options = null)
    {
        const string op = "CooperPairBattery.RunToMaximumPower";
        ArgumentNullException.ThrowIfNull(drive);
        var cells = CellsOf(drive, op);
        var battery = CooperPairBoxes.Battery(cells, chargingEnergy);
        var ground = CooperPairBoxes.Ground(cells);
        var norm = drive.OperatorNorm(options?.Evolution.Backend);
        if (!(norm > 0))
            throw new ValidationException(op, "drive", "a non-zero charging Hamiltonian", "H = 0");
        var maxWork = cells * chargingEnergy;
        var horizon = Math.PI / norm;
        for (var attempt = 0; ; attempt++)
        {
            var run = ChargingProtocol.ToMaximumPower(new Hamiltonian(drive), battery, ground, horizon).Run(options);
            var best = run.MaximumPower!;
            if ((!best.AtBoundary && best.Power * horizon >= maxWork) || attempt == 8)
                return run;
            horizon *= 2;
        }
    }

    /// <summary>
    /// Gamma under C0, C1 and C2 of a time-independent drive of N boxes against N independent boxes (R9):
    /// <see cref="Advantage.Compare(ChargingResult, ChargingResult, int, ChargingConstraint, ChargingOptions?)"/> on the runs of
    /// <see cref="RunToMaximumPower"/> and <see cref="Reference"/>.
    /// </summary>
    public static CooperComparison Compare(Operator drive, double chargingEnergy = 1, ChargingOptions? options = null)
    {
        const string op = "CooperPairBattery.Compare";
        ArgumentNullException.ThrowIfNull(drive);
        var cells = CellsOf(drive, op);
        var unscaled = RunToMaximumPower(drive, chargingEnergy, options);
        if (!(unscaled.Work > 0))
            throw new ValidationException(op, "drive", "a drive that charges the boxes from |0..0> (positive work)", $"W = {QBattException.Num(unscaled.Work)}");
        var reference = Reference(chargingEnergy).Run(options);
        ChargingConstraint[] all = [ChargingConstraint.OperatorNorm, ChargingConstraint.EnergySpread, ChargingConstraint.EnergyAboveGround];
        return new CooperComparison(cells, reference, unscaled, [.. all.Select(c => Advantage.Compare(unscaled, reference, cells, c, options))]);
    }

    /// <summary>
    /// Gamma_C0 of a time-independent drive, fast path (exact propagator, no C1/C2): the drive rescaled to
    /// ||H|| = N (C0 saturated against N boxes under sigma_x) and max_t W(t)/t over N times the reference's.
    /// </summary>
    public static double GammaOperatorNorm(Operator drive, EvolutionOptions? evolution = null)
    {
        const string op = "CooperPairBattery.GammaOperatorNorm";
        ArgumentNullException.ThrowIfNull(drive);
        var cells = CellsOf(drive, op);
        var ev = evolution ?? new EvolutionOptions { Method = Integrators.Exact, Threads = 1 };
        var norm = drive.OperatorNorm(ev.Backend);
        if (!(norm > 0))
            throw new ValidationException(op, "drive", "a non-zero charging Hamiltonian", "H = 0");
        var referencePower = ConjectureStudy.MaximumPower(Pauli.X, CooperPairBoxes.Battery(1), CooperPairBoxes.Ground(1), 1, 1, ev).Power;
        var (_, power) = ConjectureStudy.MaximumPower(cells / norm * drive, CooperPairBoxes.Battery(cells), CooperPairBoxes.Ground(cells), cells, cells, ev);
        return power / (cells * referencePower);
    }

    /// <summary>
    /// Searches the largest Gamma_C0 over time-independent k = 2 drives of the model: random instances (gates and
    /// J_xx, J_yy, J_zz on the topology's pairs, i.i.d. standard normal) and R11's disjoint pairs, then hill climbing from the best;
    /// the final instance is compared under C0, C1, C2 on the full runner. Seeded and reproducible.
    /// </summary>
    public static CooperSearchResult Search(CooperSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var n = options.Cells;
        var pairs = CooperPairBoxes.Pairs(n, options.Topology);
        var gammas = new double[options.Samples];
        CooperInstance? best = null;
        var bestGamma = double.NegativeInfinity;
        for (var i = 0; i < options.Samples; i++)
        {
            var rng = new RandomMatrices(RandomKLocal.SampleSeed(options.Seed, i));
            var inst = new CooperInstance([.. Enumerable.Range(0, n).Select(_ => rng.Normal())],
                [.. pairs.Select(p => new PairCoupling(p.First, p.Second, rng.Normal(), rng.Normal(), rng.Normal()))]);
            gammas[i] = GammaOperatorNorm(inst.ToOperator(), options.Evolution);
            if (gammas[i] > bestGamma) (best, bestGamma) = (inst, gammas[i]);
        }
        var randomBest = bestGamma;
        if (options.StructuredStart)
        {
            // R11's disjoint blocks in the model: sigma_x sigma_x on (0,1), (2,3), ... where the topology has them, a gate on a left-over box
            var blocks = new HashSet<(int, int)>(Enumerable.Range(0, n / 2).Select(i => (2 * i, 2 * i + 1)));
            var inst = new CooperInstance([.. Enumerable.Range(0, n).Select(l => l == n - 1 && n % 2 == 1 ? 1.0 : 0.0)],
                [.. pairs.Select(p => new PairCoupling(p.First, p.Second, blocks.Contains(p) ? 1 : 0, 0, 0))]);
            var g = GammaOperatorNorm(inst.ToOperator(), options.Evolution);
            if (g > bestGamma) (best, bestGamma) = (inst, g);
        }
        var walk = new RandomMatrices(RandomKLocal.SampleSeed(options.Seed, options.Samples));
        var step = 0.3;
        for (var s = 0; s < options.RefineSteps; s++)
        {
            var scale = Math.Max(best!.Gates.Max(Math.Abs), best.Couplings.Count == 0 ? 0 : best.Couplings.Max(c => Math.Max(Math.Abs(c.Xx), Math.Max(Math.Abs(c.Yy), Math.Abs(c.Zz)))));
            var h = step * scale;
            var trial = new CooperInstance([.. best.Gates.Select(a => a + h * walk.Normal())],
                [.. best.Couplings.Select(c => c with { Xx = c.Xx + h * walk.Normal(), Yy = c.Yy + h * walk.Normal(), Zz = c.Zz + h * walk.Normal() })]);
            var g = GammaOperatorNorm(trial.ToOperator(), options.Evolution);
            if (g > bestGamma) (best, bestGamma) = (trial, g);
            else step = Math.Max(0.02, step * 0.85);
        }
        var comparison = Compare(best!.ToOperator(), 1, new ChargingOptions { Evolution = options.Evolution with { Threads = 0 } });
        return new CooperSearchResult(options, gammas, randomBest, best, bestGamma, comparison);
    }

    /// <summary>A one-line description of the comparison, stated in every output.</summary>
    public static string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"R15 operationalised: N charge qubits, H0 = E sum (1 - sigma_z)/2, charged from |0..0> at the charge-degeneracy point by a time-independent drive (gate pulses a_l sigma_x^l and two-body couplings, k = 2); collective and reference (one box under sigma_x) both end at max_t W(t)/t; the drive is rescaled to saturate C0 (||H|| = N), C1 or C2 against N references; Gamma = P_coll / (N P_ref), set against the review's 'about 2' and PRL Theorem 1's gamma k = pi.");

    private static int CellsOf(Operator drive, string op)
    {
        var dims = drive.Dims.AsSpan();
        var cells = dims.Length;
        foreach (var d in dims)
            if (d != 2)
                throw new DimensionMismatchException(op, "drive", "an operator on two-level cells (Cooper-pair boxes)", drive.Dims.ToString());
        if (cells > CooperPairBoxes.MaxCells)
            throw new ValidationException(op, "drive", $"at most {CooperPairBoxes.MaxCells} boxes", $"{cells}");
        return cells;
    }
}
