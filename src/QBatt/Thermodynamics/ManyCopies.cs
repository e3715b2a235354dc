using System.Collections.Concurrent;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Thermodynamics;

/// <summary>
/// Work extraction from n copies of one cell (R4, Rev eqs 9-11 and Fig. 3): the maximal work per
/// copy w_max(n) = (1/n)(tr[rho^(x)n H^(n)] - tr[sigma_{rho^(x)n} H^(n)]), the extra work per copy
/// over single-copy extraction Delta w(n) = w_max(n) - W_max(1) (for a passive rho, Rev Fig. 3's
/// Delta w_max(n)), and their n -&gt; infinity limits from the entropy bound (Rev eq 10, R3).
/// </summary>
/// <remarks>
/// <para>
/// The n-copy passive energy depends only on the spectrum r of rho and the levels e of H0. Product
/// states are grouped into type classes (occupations k_1..k_d, multiplicity n!/prod k_j!). With
/// F(R) the total probability of the R most probable product states (concave, piecewise linear in
/// R) and the energy classes E_1 &lt; E_2 &lt; ... with cumulative counts R_1 &lt; R_2 &lt; ..., the passive
/// energy is E_1 + sum_i (E_(i+1) - E_i)(1 - F(R_i)). Both class orders come from
/// <see cref="TypeClassSweep"/> (no sort of the classes), and one merge pass evaluates F at the R_i.
/// Counts (up to d^n) and probabilities (down to r_min^n) are kept as mantissa/exponent pairs, so
/// every quantity has double relative precision; F and 1 - F are probabilities in [0, 1]. The
/// probability stream runs on a second thread when <c>threads</c> allows. Cost: proportional to
/// the number of classes, C(n + d - 1, d - 1) (5e7 for d = 3, n = 10^4).
/// </para>
/// <para>
/// The spectrum is divided by its sum (1 within the validation tolerance) so that its n-th tensor
/// power stays normalised; entries at or below zero (rounding noise of a valid state) are zero
/// populations, ranked last.
/// </para>
/// </remarks>
public sealed class ManyCopies
{
    private const int ChunkSize = 1 << 14;
    private const double MaxClasses = 2e10;
    private const double ThreadThreshold = 2e5; // below this, starting a thread costs more than it saves

    private readonly double[] _spectrum;  // descending, normalised
    private readonly double[] _energies;  // ascending

    private ManyCopies(double[] spectrum, double[] energies, double energy, double degeneracyTolerance)
    {
        double sum = 0;
        foreach (var x in spectrum) sum += Math.Max(0, x);
        _spectrum = [.. spectrum.Select(x => Math.Max(0, x) / sum).OrderDescending()];
        _energies = [.. energies.Order()];
        Energy = energy;
        PassiveEnergy = Ergotropy.Dot(_spectrum, _energies);
        Bound = EntropyBound.FromParts(Thermodynamics.Entropy.OfSpectrum(_spectrum), energy, _energies, degeneracyTolerance);
    }

    /// <summary>A cell in a state diagonal in the energy basis: populations p_j of levels e_j (validated).</summary>
    public static ManyCopies FromDiagonal(ReadOnlySpan<double> populations, ReadOnlySpan<double> energies, double degeneracyTolerance = 1e-10)
    {
        Validation.DiagonalState(populations, energies, "ManyCopies.FromDiagonal");
        var total = 0.0;
        foreach (var p in populations) total += p;
        var energy = new CompensatedSum();
        for (var j = 0; j < energies.Length; j++) energy.Add(populations[j] / total * energies[j]);
        return new ManyCopies(populations.ToArray(), energies.ToArray(), energy.Value, degeneracyTolerance);
    }

    /// <summary>A cell in any state rho with any Hermitian H0 (only the spectra and tr[rho H0] matter).</summary>
    public static ManyCopies FromState(DensityMatrix rho, Operator h0, double degeneracyTolerance = 1e-10, ILinearAlgebraBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(rho);
        ArgumentNullException.ThrowIfNull(h0);
        Validation.SameDimension(rho.Dimension, h0.Dimension, "ManyCopies.FromState");
        var basis = EnergyBasis.Of(h0, degeneracyTolerance, "ManyCopies.FromState", backend: backend);
        return new ManyCopies(rho.Eigenvalues(), basis.Energies, h0.WithDims(rho.Dims).Expectation(rho).Real, degeneracyTolerance);
    }

    /// <summary>Eigenvalues of the cell state, descending (normalised).</summary>
    public IReadOnlyList<double> Spectrum => _spectrum;

    /// <summary>Energy levels of the cell, ascending.</summary>
    public IReadOnlyList<double> Energies => _energies;

    /// <summary>tr[rho H0] of one cell.</summary>
    public double Energy { get; }

    /// <summary>tr[sigma_rho H0] of one cell (single-copy passive energy).</summary>
    public double PassiveEnergy { get; }

    /// <summary>Single-copy ergotropy W_max(1) (R2).</summary>
    public double SingleCopyErgotropy => Energy - PassiveEnergy;

    /// <summary>The entropy bound of one cell (R3); its value is the limit of w_max(n).</summary>
    public EntropyBoundResult Bound { get; }

    /// <summary>lim n-&gt;infinity w_max(n) = tr[rho H0] - tr[omega_b H0] (Rev eq 10).</summary>
    public double Limit => Bound.Bound;

    /// <summary>lim n-&gt;infinity Delta w(n) = tr[sigma_rho H0] - tr[omega_b H0].</summary>
    public double ExtraLimit => Bound.Bound - SingleCopyErgotropy;

    /// <summary>Number of type classes of n copies of this cell, C(n + d - 1, d - 1).</summary>
    public double ClassCount(int n) => TypeClassSweep.ClassCount(_energies.Length, n);

    /// <summary>w_max(n): maximal work per copy from n copies (R4).</summary>
    public double WorkPerCopy(int n, int threads = 0) => Energy - PassiveEnergyPerCopy(n, threads);

    /// <summary>Delta w(n) = w_max(n) - W_max(1) = tr[sigma_rho H0] - (1/n) tr[sigma_{rho^(x)n} H^(n)] (Rev Fig. 3).</summary>
    public double ExtraWorkPerCopy(int n, int threads = 0) => PassiveEnergy - PassiveEnergyPerCopy(n, threads);

    /// <summary>(1/n) tr[sigma_{rho^(x)n} H^(n)], the passive energy of n copies per copy.</summary>
    /// <param name="n">Number of copies, at least 1.</param>
    /// <param name="threads">0: two threads when the machine has them and there are at least 2e5 classes; 1: single-threaded; 2: the probability stream on its own thread.</param>
    public double PassiveEnergyPerCopy(int n, int threads = 0)
    {
        Guard.AtLeast(n, 1, "ManyCopies.PassiveEnergyPerCopy", "n");
        if (threads < 0 || threads > 2)
            throw new ValidationException("ManyCopies.PassiveEnergyPerCopy", "threads", "0, 1 or 2", $"{threads}");
        if (n == 1 || _energies.Length == 1) return PassiveEnergy;
        var classes = ClassCount(n);
        if (classes > MaxClasses)
            throw new ResourceException("ManyCopies.PassiveEnergyPerCopy", "n", $"at most {MaxClasses:G2} type classes", $"n = {n} with {_energies.Length} levels ({classes:G3} classes)");
        var useThread = threads == 2 || (threads == 0 && Environment.ProcessorCount > 1 && classes >= ThreadThreshold);
        return PassiveEnergyTotal(n, useThread) / n;
    }

    private double PassiveEnergyTotal(int n, bool useThread)
    {
        var invFact = ScaledTables.InverseFactorials(n);
        var factN = ScaledTables.Factorial(n);
        var support = _spectrum.Where(x => x > 0).ToArray();
        var weights = support.Select(x => -Math.Log(x)).ToArray();
        var probability = new TypeClassSweep(n, weights, support, invFact, factN);
        var energy = new TypeClassSweep(n, _energies, [], invFact, factN);
        using var stream = new ProbabilityStream(probability, useThread);

        var keys = new double[ChunkSize];
        var mult = new Scaled[ChunkSize];
        var rank = Scaled.Zero;
        var sum = new CompensatedSum();
        var first = true;
        double eMin = 0, prevEnergy = 0, prevTail = 0;
        var chunk = stream.Next();
        var c = 0;
        while (true)
        {
            var count = energy.Fill(keys, mult, default);
            if (count == 0) break;
            for (var i = 0; i < count; i++)
            {
                var e = keys[i];
                if (first) { eMin = e; first = false; }
                else sum.Add((e - prevEnergy) * prevTail);
                rank = Scaled.Add(rank, mult[i]);
                // the probability class holding rank R: the first with cumulative count A_c >= R
                while (chunk is not null && Scaled.Compare(chunk.A[c], rank) < 0)
                {
                    if (++c == chunk.Count)
                    {
                        stream.Recycle(chunk);
                        chunk = stream.Next();
                        c = 0;
                    }
                }
                if (chunk is null) return eMin + sum.Value; // every state ranked: 1 - F = 0 from here on
                prevTail = chunk.Tail[c] + (chunk.Ap[c] - Scaled.Multiply(rank, chunk.P[c]).ToDouble());
                prevEnergy = e;
            }
        }
        return eMin + sum.Value;
    }

    /// <summary>
    /// The probability classes in descending probability with cumulative count A_c, tail 1 - Q_c
    /// (Q_c: cumulative probability), A_c p_c and p_c; produced on a second thread when asked.
    /// </summary>
    private sealed class ProbabilityStream : IDisposable
    {
        private readonly TypeClassSweep _sweep;
        private readonly BlockingCollection<Chunk>? _ready;
        private readonly ConcurrentBag<Chunk> _free = [];
        private readonly CancellationTokenSource _cancel = new();
        private readonly Task? _producer;
        private readonly double[] _keys = new double[ChunkSize];
        private readonly Scaled[] _mult = new Scaled[ChunkSize];
        private Scaled _a = Scaled.Zero;
        private CompensatedSum _q;

        public ProbabilityStream(TypeClassSweep sweep, bool thread)
        {
            _sweep = sweep;
            if (!thread) return;
            _ready = new BlockingCollection<Chunk>(boundedCapacity: 4);
            _producer = Task.Factory.StartNew(Produce, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        private void Produce()
        {
            try
            {
                while (true)
                {
                    var c = Fill(_free.TryTake(out var reuse) ? reuse : new Chunk());
                    if (c is null) break;
                    _ready!.Add(c, _cancel.Token);
                }
            }
            catch (OperationCanceledException)
            {
                // the consumer finished first
            }
            finally
            {
                _ready!.CompleteAdding();
            }
        }

        private Chunk? Fill(Chunk chunk)
        {
            var count = _sweep.Fill(_keys, _mult, chunk.P);
            if (count == 0) return null;
            for (var i = 0; i < count; i++)
            {
                _a = Scaled.Add(_a, _mult[i]);
                _q.Add(Scaled.Multiply(_mult[i], chunk.P[i]).ToDouble());
                chunk.A[i] = _a;
                chunk.Tail[i] = 1 - _q.Value;
                chunk.Ap[i] = Scaled.Multiply(_a, chunk.P[i]).ToDouble();
            }
            chunk.Count = count;
            return chunk;
        }

        public Chunk? Next()
        {
            if (_ready is null) return Fill(_free.TryTake(out var reuse) ? reuse : new Chunk());
            if (_ready.TryTake(out var c, Timeout.Infinite)) return c;
            _producer!.GetAwaiter().GetResult(); // rethrows a failure of the producer
            return null;
        }

        public void Recycle(Chunk chunk) => _free.Add(chunk);

        public void Dispose()
        {
            _cancel.Cancel();
            if (_producer is not null)
            {
                try { _producer.Wait(); }
                catch (AggregateException e) when (e.InnerExceptions.All(x => x is OperationCanceledException)) { }
            }
            _ready?.Dispose();
            _cancel.Dispose();
        }
    }

    private sealed class Chunk
    {
        public readonly Scaled[] A = new Scaled[ChunkSize];
        public readonly double[] Tail = new double[ChunkSize];
        public readonly double[] Ap = new double[ChunkSize];
        public readonly Scaled[] P = new Scaled[ChunkSize];
        public int Count;
    }
}
