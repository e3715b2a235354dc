using System.Globalization;
using QBatt.Batteries;
using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Studies;

/// <summary>Options of the Conjecture 1 study (R11), with documented defaults.</summary>
public sealed record ConjectureOptions
{
    /// <summary>Number of cells N (default 6).</summary>
    public int Cells { get; init; } = 6;

    /// <summary>Interaction order k (default 2).</summary>
    public int K { get; init; } = 2;

    /// <summary>Levels per cell d (default 2).</summary>
    public int Levels { get; init; } = 2;

    /// <summary>Number of random Hamiltonians (default 2000).</summary>
    public int Samples { get; init; } = 2000;

    /// <summary>Seed of the study; sample i uses <see cref="RandomKLocal.SampleSeed"/>(Seed, i) (default 1).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>How the k-body terms are drawn (default i log of Haar unitaries).</summary>
    public KLocalEnsemble Ensemble { get; init; } = KLocalEnsemble.HaarLog;

    /// <summary>Worker threads over samples (default 0: all processors). The result does not depend on it. With more than one worker, OpenBLAS is set to one thread for the duration of the study (then restored).</summary>
    public int Threads { get; init; }

    /// <summary>Histogram bins on [0, gamma k] (default 40; larger values are counted separately).</summary>
    public int HistogramBins { get; init; } = 40;

    /// <summary>Solver options for each sample (default: the exact eigendecomposition propagator, one thread, tolerances 1e-10).</summary>
    public EvolutionOptions Evolution { get; init; } = new() { Method = Integrators.Exact, Threads = 1 };

    /// <summary>Throws <see cref="ValidationException"/> naming the first bad option.</summary>
    public void Validate()
    {
        const string op = "ConjectureOptions";
        Guard.AtLeast(Levels, 2, op, "Levels");
        Guard.AtLeast(Cells, 2, op, "Cells");
        if (K < 1 || K > Cells)
            throw new ValidationException(op, "K", $"an interaction order in 1..{Cells}", $"{K}");
        if (Math.Pow(Levels, Cells) > RandomKLocal.MaxDimension)
            throw new ResourceException(op, "Cells", $"at most {RandomKLocal.MaxDimension} basis states (dense samples)", $"{Levels}^{Cells}");
        Guard.AtLeast(Samples, 1, op, "Samples");
        Guard.AtLeast(Threads, 0, op, "Threads");
        Guard.AtLeast(HistogramBins, 1, op, "HistogramBins");
        ArgumentNullException.ThrowIfNull(Evolution);
        Evolution.Validate();
    }
}

/// <summary>One sample of the study.</summary>
/// <param name="Index">Sample index.</param>
/// <param name="Seed">Its generator seed.</param>
/// <param name="Gamma">Gamma_C0 = max_t W(t)/t over the parallel reference power.</param>
/// <param name="Time">The time of maximal average power.</param>
/// <param name="Power">max_t W(t)/t of the rescaled Hamiltonian.</param>
/// <param name="UnscaledNorm">||H||_op of the drawn Hamiltonian before rescaling.</param>
public sealed record ConjectureSample(int Index, int Seed, double Gamma, double Time, double Power, double UnscaledNorm);

/// <summary>The outcome of a Conjecture 1 study (R11).</summary>
public sealed class ConjectureStudyResult
{
    internal ConjectureStudyResult(ConjectureOptions options, double bound, ChargingResult reference, double parallelPower, double budget,
        ConjectureSample[] samples, ConjectureSample worst, Operator worstHamiltonian, ChargingResult worstRun, double[] edges, int[] counts, int above)
    {
        Options = options;
        Bound = bound;
        Reference = reference;
        ParallelPower = parallelPower;
        Budget = budget;
        Samples = samples;
        Worst = worst;
        WorstHamiltonian = worstHamiltonian;
        WorstRun = worstRun;
        HistogramEdges = edges;
        HistogramCounts = counts;
        AboveBound = above;
    }

    /// <summary>The options of the study.</summary>
    public ConjectureOptions Options { get; }

    /// <summary>gamma k with gamma = pi/2 (Theorem 1 and Conjecture 1).</summary>
    public double Bound { get; }

    /// <summary>The one-cell reference run (|0&gt;&lt;d-1| + h.c. from |0&gt;, charging time of maximal average power).</summary>
    public ChargingResult Reference { get; }

    /// <summary>P_par = N max_t W_1(t)/t of the reference.</summary>
    public double ParallelPower { get; }

    /// <summary>The C0 budget N ||h_1||_op every sample is rescaled to.</summary>
    public double Budget { get; }

    /// <summary>Every sample, in index order.</summary>
    public IReadOnlyList<ConjectureSample> Samples { get; }

    /// <summary>The sample with the largest Gamma_C0 (the closest to a counterexample; smallest index on ties).</summary>
    public ConjectureSample Worst { get; }

    /// <summary>Its rescaled Hamiltonian (||H||_op = budget).</summary>
    public Operator WorstHamiltonian { get; }

    /// <summary>The worst sample rerun as a full protocol: C0-C2 on its trajectory and its speed limit.</summary>
    public ChargingResult WorstRun { get; }

    /// <summary>The largest Gamma_C0 found.</summary>
    public double MaxGamma => Worst.Gamma;

    /// <summary>Mean Gamma_C0 over the samples.</summary>
    public double MeanGamma => Samples.Average(s => s.Gamma);

    /// <summary>Histogram bin edges on [0, gamma k].</summary>
    public IReadOnlyList<double> HistogramEdges { get; }

    /// <summary>Samples per bin.</summary>
    public IReadOnlyList<int> HistogramCounts { get; }

    /// <summary>Samples with Gamma_C0 &gt;= gamma k (counterexamples to Conjecture 1 as operationalised here).</summary>
    public int AboveBound { get; }

    /// <summary>How Conjecture 1 is operationalised, in words (R11 asks for it in every output).</summary>
    public string Operationalisation => ConjectureStudy.Describe(Options);
}

/// <summary>
/// The Conjecture 1 study of R11 (PRL Theorems 1-2, Conjecture 1): seeded random k-local Hamiltonians
/// rescaled to saturate C0, charged from |G&gt;, and compared by maximal average power against N
/// parallel copies of the best one-cell drive; the largest Gamma_C0 found is set against gamma k.
/// </summary>
public static class ConjectureStudy
{
    /// <summary>The operationalisation, stated in every output.</summary>
    public static string Describe(ConjectureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ensemble = options.Ensemble == KLocalEnsemble.HaarLog
            ? "h_S = i log U_S with U_S Haar-random on the d^k-dimensional space of the k cells (principal branch)"
            : "h_S a GUE matrix (M + M^dag)/2 with i.i.d. standard complex Gaussian M";
        return string.Create(CultureInfo.InvariantCulture,
            $"Conjecture 1 operationalised (R11): H = sum over all C(N, k) sets S of k cells of independent terms {ensemble}; time-independent, rescaled to ||H||_op = N ||h_1||_op (C0 saturated: for a time-independent H the time-averaged norm is the norm; h_1 = |0><d-1| + h.c.); charged from |G> = |0>^N with the battery H0 = sum_l diag(0, 1, .., d-1); collective power = max_t W(t)/t (R7, refined below the grid). Parallel reference: N copies of h_1, each from |0>, P_par = N max_t W_1(t)/t computed from its evolution (the best one-cell drive under C0: by the Mandelstam-Tamm bound any drive with time-averaged norm <= 1 gives W_1(t) <= (d-1) sin^2 t, which h_1 attains). Gamma_C0 = P_coll / P_par, set against gamma k = (pi/2) k. Sample i draws from seed SampleSeed(seed, i).");
    }

    /// <summary>Runs the study; <paramref name="progress"/> receives the number of finished samples.</summary>
    public static ConjectureStudyResult Run(ConjectureOptions options, Action<long>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var (n, k, d) = (options.Cells, options.K, options.Levels);
        var battery = QuditArrayBattery.Battery(d, n);
        var ground = ChargingHamiltonians.Ground(d, n);
        var maxWork = n * (double)(d - 1);

        var single = QuditArrayBattery.CellFlip(d);
        var reference = ChargingProtocol.ToMaximumPower(single.Drive, single.Battery, single.InitialKet!, Math.PI).Run(new ChargingOptions { Evolution = options.Evolution with { Threads = 0 } });
        var parallelPower = n * reference.AveragePower;
        var budget = ChargingConstraint.OperatorNorm.Budget(reference.Constraints.OperatorNorm, n);

        var samples = new ConjectureSample[options.Samples];
        long done = 0;
        var gate = new object();
        var workers = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellation };
        // small dense problems on every worker: OpenBLAS's own threads would only oversubscribe the
        // cores (measured 3x slower), so it runs single-threaded during the study and is restored after
        var openBlas = workers > 1 ? (options.Evolution.Backend ?? LinearAlgebra.Default) as NativeBackend : null;
        var blasThreads = openBlas?.Threads ?? 1;
        openBlas?.SetThreads(1);
        try
        {
            Parallel.For(0, options.Samples, parallel, i =>
            {
                var seed = RandomKLocal.SampleSeed(options.Seed, i);
                var h = RandomKLocal.Sample(d, n, k, options.Ensemble, seed, options.Evolution.Backend);
                var norm = h.OperatorNorm(options.Evolution.Backend);
                var (time, power) = MaximumPower(budget / norm * h, battery, ground, budget, maxWork, options.Evolution);
                samples[i] = new ConjectureSample(i, seed, power / parallelPower, time, power, norm);
                var now = Interlocked.Increment(ref done);
                if (progress is not null && (now % 16 == 0 || now == options.Samples))
                    lock (gate) progress(now);
            });
        }
        finally
        {
            openBlas?.SetThreads(blasThreads);
        }

        var worst = samples[0];
        foreach (var s in samples)
            if (s.Gamma > worst.Gamma) worst = s;
        var bound = KLocalBounds.Theorem1(k);
        var hw = RandomKLocal.Sample(d, n, k, options.Ensemble, worst.Seed, options.Evolution.Backend);
        hw = budget / worst.UnscaledNorm * hw;
        var worstRun = ChargingProtocol.ToMaximumPower(hw, battery, ground, Math.Max(2 * worst.Time, Math.PI))
            .Run(new ChargingOptions { Evolution = options.Evolution with { Threads = 0 } });
        var bins = options.HistogramBins;
        var edges = Enumerable.Range(0, bins + 1).Select(j => bound * j / bins).ToArray();
        var counts = new int[bins];
        var above = 0;
        foreach (var s in samples)
        {
            if (s.Gamma >= bound) { above++; continue; }
            counts[Math.Clamp((int)(s.Gamma / bound * bins), 0, bins - 1)]++;
        }
        return new ConjectureStudyResult(options, bound, reference, parallelPower, budget, samples, worst, hw, worstRun, edges, counts, above);
    }

    /// <summary>
    /// max_t W(t)/t from |G&gt; under the time-independent H on the engine (R7), on a grid of spacing
    /// 1/(8 ||H||) over [0, pi], doubled while the maximum sits at the end or a later time could still
    /// beat it (W &lt;= maxWork, so W(t)/t &lt; maxWork / t).
    /// </summary>
    internal static (double Time, double Power) MaximumPower(Operator h, Operator battery, Ket ground, double norm, double maxWork, EvolutionOptions evolution)
    {
        var hamiltonian = new Hamiltonian(h);
        var solver = EvolutionDispatcher.Prepare(new EvolutionProblem { Dims = ground.Dims, Hamiltonian = hamiltonian, InitialKet = ground }, evolution);
        var co = new ChargingObservables(hamiltonian, battery);
        var horizon = Math.PI;
        for (var attempt = 0; ; attempt++)
        {
            var m = (int)Math.Ceiling(horizon * 8 * norm);
            var times = Enumerable.Range(0, m + 1).Select(i => horizon * i / m).ToArray();
            var best = co.MaximumAveragePower(solver.Run(times, co.Observables));
            if ((!best.AtBoundary && best.Power * horizon >= maxWork) || attempt == 6)
                return (best.Time, best.Power);
            horizon *= 2;
        }
    }
}
