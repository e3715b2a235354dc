using System.Globalization;

namespace QBatt.Dynamics;

/// <summary>
/// What a run will hold, known before anything large is allocated (R6): the dimension of the space, the
/// bytes of the operators or matrix-free maps the model will build (with the temporaries of their
/// assembly), and the kind of state. <see cref="MemoryEstimate"/> adds the solver's own workspace.
/// </summary>
/// <param name="Dimension">D, the dimension of the Hilbert space.</param>
/// <param name="OperatorBytes">Bytes of the Hamiltonian terms, the battery Hamiltonian, the observables and their assembly temporaries (the model's own estimate).</param>
/// <param name="Rank">Number of kets evolved: 1 for a pure state, the rank of rho(0) for a mixed one (von Neumann).</param>
/// <param name="HamiltonianEntries">Stored entries of all Hamiltonian terms together (for the assembled Lindblad generator).</param>
/// <param name="CollapseEntries">Stored entries of each collapse operator (empty: closed dynamics).</param>
/// <param name="RealOperators">True when every Hamiltonian term and collapse operator is real (the Lindblad generator then runs in matrix form from D = 128).</param>
/// <param name="BlockwiseKernels">True when the Hamiltonian and the observables are matrix-free maps with fused blockwise kernels (<see cref="Quantum.XxzMap"/>): the Chebyshev propagator then needs three vectors and the observables none.</param>
/// <param name="HeldStates">Further states of the full length held while the propagator runs (e.g. the final state of an earlier run of the same setup).</param>
public sealed record RunSize(long Dimension, double OperatorBytes, long Rank = 1, long HamiltonianEntries = 0, IReadOnlyList<long>? CollapseEntries = null, bool RealOperators = false, bool BlockwiseKernels = false, int HeldStates = 0)
{
    /// <summary>True when collapse operators make the dynamics open (Lindblad).</summary>
    public bool Open => CollapseEntries is { Count: > 0 };
}

/// <summary>
/// The engine's memory estimate of a run (R6), checked before anything large is allocated: the state and
/// the propagator's workspace for the equation the dispatcher will pick, the operators (as the model
/// estimated them), and the recorded outputs. Every refusal states the need and the limit.
/// </summary>
public static class MemoryEstimate
{
    /// <summary>Largest propagator output batch: the propagators form at most this many bytes of states at a time.</summary>
    private const double OutputBatchBytes = 64 << 20;

    /// <summary>
    /// Bytes a run needs: for kets the Lanczos basis and its projection workspace (2 (m + 1) vectors of D
    /// amplitudes, m = <see cref="EvolutionOptions.KrylovDimension"/>), a dozen work vectors and the output
    /// batch (at most 64 MiB), or, when the Chebyshev propagator runs, its three vectors (five without blockwise
    /// kernels), plus the held states and r evolved kets for a mixed state of rank r; for Lindblad dynamics the
    /// Arnoldi basis of real coordinates (m_A + 12 vectors of D^2 doubles) and, unless the generator runs in
    /// matrix form, its assembled D^2 x D^2 CSR matrix (20 B per entry, twice for assembly; about
    /// 2 D nnz(H) + sum_k (nnz(C_k)^2 + 2 D nnz(C_k)) entries); the operators as the model
    /// estimated them; and the recorded outputs (16 B per value, D or D^2 amplitudes per stored state).
    /// </summary>
    public static double Bytes(RunSize size, EvolutionOptions? options = null, int outputs = 0, int observables = 0)
    {
        ArgumentNullException.ThrowIfNull(size);
        var o = options ?? EvolutionOptions.Default;
        double d = size.Dimension;
        double total = size.OperatorBytes + 16.0 * outputs * Math.Max(1, observables);
        if (size.Open)
        {
            var length = d * d;
            var m = o.ArnoldiDimensionFor(length >= int.MaxValue ? int.MaxValue : (int)length);
            total += 8 * length * (m + 12) + 16 * length * 2;
            var matrixForm = size.RealOperators && d >= LindbladSolver.MatrixFormMinDimension;
            if (!matrixForm)
            {
                var entries = 2 * d * size.HamiltonianEntries;
                foreach (var c in size.CollapseEntries!) entries += (double)c * c + 2 * d * c;
                total += 20 * entries * 2;
            }
            if (o.StoreStates) total += 16 * length * outputs;
            return total;
        }
        total += 16 * d * size.HeldStates;
        if (ChebyshevChosen(size.Dimension, o))
        {
            // the recurrence's two vectors and one partial sum per output time of a group, a work vector for maps without
            // the fused kernel, a scratch vector for observables without a blockwise expectation
            total += 16 * d * (2 + ChebyshevGroup(size.Dimension) + (size.BlockwiseKernels ? 0 : 2));
        }
        else
        {
            var krylov = Math.Min(o.KrylovDimension, d);
            total += 16 * d * (2 * (krylov + 1) + 12) + Math.Min(OutputBatchBytes, 16 * d * 64);
        }
        if (size.Rank > 1) total += 16 * d * size.Rank + 16 * d * d;
        if (o.StoreStates) total += 16 * d * outputs * (size.Rank > 1 ? d : 1);
        return total;
    }

    /// <summary>The environment variable that overrides <see cref="DefaultLimit"/> (the CLI's <c>--max-memory</c> sets it), e.g. <c>8G</c>.</summary>
    public const string LimitVariable = "QBATT_MAX_MEMORY";

    /// <summary>
    /// The memory a run may use by default: the size in <see cref="LimitVariable"/> when it is set (bytes, or with a
    /// binary suffix K, M, G, T, optionally followed by "iB" or "B"), otherwise 90% of the memory available to the process.
    /// </summary>
    public static long DefaultLimit =>
        Environment.GetEnvironmentVariable(LimitVariable) is { Length: > 0 } text && TryParseBytes(text, out var bytes)
            ? bytes
            : (long)(0.9 * GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    /// <summary>The memory available to the process (what <see cref="DefaultLimit"/> takes 90% of), for messages.</summary>
    public static long Available => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Parses a memory size: a positive number of bytes, or a number with a binary suffix K, M, G or T (e.g. 512M, 1.5G, 8GiB).</summary>
    public static bool TryParseBytes(string text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim().ToUpperInvariant();
        if (t.EndsWith("IB", StringComparison.Ordinal)) t = t[..^2];
        else if (t.EndsWith('B')) t = t[..^1];
        double scale = 1;
        if (t.Length > 0 && "KMGT".Contains(t[^1], StringComparison.Ordinal))
        {
            scale = Math.Pow(1024, "KMGT".IndexOf(t[^1], StringComparison.Ordinal) + 1);
            t = t[..^1];
        }
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v) || v <= 0) return false;
        var b = v * scale;
        if (b < 1 || b > long.MaxValue / 2) return false;
        bytes = (long)b;
        return true;
    }
    /// <summary>
    /// True when the Lanczos workspace of a closed run on D amplitudes (2 (m + 1) + 12 vectors) takes at most half of
    /// <see cref="DefaultLimit"/>: beyond, <c>auto</c> propagates with the Chebyshev series and its three vectors.
    /// </summary>
    public static bool KrylovFits(long dimension, EvolutionOptions? options = null)
    {
        var o = options ?? EvolutionOptions.Default;
        var krylov = Math.Min(o.KrylovDimension, dimension);
        return 16.0 * dimension * (2 * (krylov + 1) + 12) <= 0.5 * DefaultLimit;
    }

    /// <summary>
    /// Output times the Chebyshev propagator serves from one expansion (one partial sum of D amplitudes each): as many as
    /// fit in 80 % of <see cref="DefaultLimit"/> beside four other vectors of the run (the initial state, the recurrence
    /// pair and the state the refinement of the maximal power holds), between 1 and 16. Every output beyond the first in a group saves the series' fixed tail of
    /// about 20 mat-vecs, so at n = 26 (vectors of 1 GiB) twelve sums instead of the five of a quarter of the memory
    /// take the mat-vecs from about 4 to 2 per output.
    /// </summary>
    internal static int ChebyshevGroup(long dimension) =>
        (int)Math.Clamp(Math.Floor(0.8 * DefaultLimit / (16.0 * Math.Max(1, dimension))) - 4, 1, 16);

    /// <summary>True when a closed run of this dimension propagates with the Chebyshev series (asked for, or auto and no Krylov basis fits).</summary>
    internal static bool ChebyshevChosen(long dimension, EvolutionOptions options)
    {
        var method = Integrators.Find(options.Method).Name;
        return method == Integrators.Chebyshev || (method == Integrators.Auto && !KrylovFits(dimension, options));
    }


    /// <summary>
    /// Refuses a run whose <paramref name="bytes"/> exceed <paramref name="limit"/> (null: <see cref="DefaultLimit"/>) with a
    /// <see cref="ResourceException"/> naming <paramref name="argument"/> and stating the need (<paramref name="what"/> describes the size).
    /// </summary>
    public static void Require(double bytes, long? limit, string operation, string argument, string what)
    {
        var l = limit ?? DefaultLimit;
        if (bytes > l)
            throw new ResourceException(operation, argument, $"a size whose run fits in memory (limit {Gib(l)} of {Gib(Available)} available; --max-memory or {LimitVariable} sets it)", $"{what}, which needs about {Gib(bytes)}");
    }

    /// <summary>Bytes as GiB with two decimals, e.g. "84.82 GiB".</summary>
    public static string Gib(double bytes) => double.IsFinite(bytes)
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.##} GiB")
        : "more than 10^308 bytes";
}
