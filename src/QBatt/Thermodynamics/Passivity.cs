using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Thermodynamics;

/// <summary>
/// Passive and completely passive states (R2, R4; Rev 'Ergotropy' and 'Bound on Extractable Work').
/// A state is passive iff it commutes with H0 and its populations do not increase with energy
/// (inside a degenerate eigenspace any order, and coherences inside it, are allowed). It is
/// completely passive (every n-copy state passive) iff it is a Gibbs state with b in [0, +infinity]
/// (Pusz-Woronowicz, Lenard), where b = +infinity is any state on the ground eigenspace; and, trivially,
/// when H0 has a single distinct energy.
/// </summary>
/// <remarks>
/// Tolerances: <c>tolerance</c> is absolute on populations/eigenvalues and on coherences between
/// different energies (default 1e-10); <c>degeneracyTolerance</c> decides which levels are degenerate,
/// relative to the spread of the energies (default 1e-10, see <see cref="ErgotropyOptions.DegeneracyTolerance"/>).
/// The n-copy checks work with class probabilities as small as p_min^n, so they compare probabilities
/// relatively: a product state may be more probable than one of lower energy by at most the factor
/// 1 + <c>relativeTolerance</c> + 1e-14 (n + 10) (the last term covers rounding, so a Gibbs state is
/// never reported non-passive); n-copy energies within n times the single-copy degeneracy tolerance
/// are degenerate.
/// </remarks>
public static class Passivity
{
    /// <summary>True when rho is passive for H0 (any Hermitian H0, degenerate levels included).</summary>
    public static bool IsPassive(DensityMatrix rho, Operator h0, double tolerance = 1e-10, double degeneracyTolerance = 1e-10, ILinearAlgebraBackend? backend = null) =>
        IsPassive(LevelView.Of(rho, h0, degeneracyTolerance, "Passivity.IsPassive", backend), tolerance);

    /// <summary>True when the diagonal state with populations p_j on levels e_j is passive.</summary>
    public static bool IsPassive(ReadOnlySpan<double> populations, ReadOnlySpan<double> energies, double tolerance = 1e-10, double degeneracyTolerance = 1e-10) =>
        IsPassive(LevelView.Of(populations, energies, degeneracyTolerance, "Passivity.IsPassive"), tolerance);

    /// <summary>True when rho is completely passive for H0: a Gibbs state with b in [0, +infinity] (R4).</summary>
    public static bool IsCompletelyPassive(DensityMatrix rho, Operator h0, double tolerance = 1e-10, double degeneracyTolerance = 1e-10, ILinearAlgebraBackend? backend = null) =>
        IsCompletelyPassive(LevelView.Of(rho, h0, degeneracyTolerance, "Passivity.IsCompletelyPassive", backend), tolerance);

    /// <summary>True when the diagonal state p_j on levels e_j is completely passive (R4).</summary>
    public static bool IsCompletelyPassive(ReadOnlySpan<double> populations, ReadOnlySpan<double> energies, double tolerance = 1e-10, double degeneracyTolerance = 1e-10) =>
        IsCompletelyPassive(LevelView.Of(populations, energies, degeneracyTolerance, "Passivity.IsCompletelyPassive"), tolerance);

    /// <summary>
    /// True when n copies of the diagonal state (p_j on levels e_j) form a passive state for
    /// H^(n) = sum of the local H0: no product state is more probable than one of lower energy. Checked
    /// over type classes in ascending energy (R4), cost proportional to C(n + d - 1, d - 1).
    /// </summary>
    public static bool CopiesArePassive(ReadOnlySpan<double> populations, ReadOnlySpan<double> energies, int copies, double relativeTolerance = 1e-10, double degeneracyTolerance = 1e-10)
    {
        Validation.DiagonalState(populations, energies, "Passivity.CopiesArePassive");
        Guard.AtLeast(copies, 1, "Passivity.CopiesArePassive", "copies");
        return CopiesPassive(populations.ToArray(), energies.ToArray(), copies, relativeTolerance, degeneracyTolerance);
    }

    /// <summary>True when rho^(x)n is passive for H^(n) (false at once when rho itself is not passive).</summary>
    public static bool CopiesArePassive(DensityMatrix rho, Operator h0, int copies, double tolerance = 1e-10, double relativeTolerance = 1e-10, double degeneracyTolerance = 1e-10)
    {
        Guard.AtLeast(copies, 1, "Passivity.CopiesArePassive", "copies");
        var view = LevelView.Of(rho, h0, degeneracyTolerance, "Passivity.CopiesArePassive");
        if (!IsPassive(view, tolerance)) return false;
        var (e, p) = view.Levels();
        return CopiesPassive(p, e, copies, relativeTolerance, degeneracyTolerance);
    }

    /// <summary>
    /// The smallest n at which n copies of the diagonal state stop being passive (1 when the state
    /// itself is not passive), or null when they are passive for every n &lt;= <paramref name="maxCopies"/>,
    /// as for every completely passive (thermal) state. Doubling then bisection: the property is
    /// monotone in n (a violating pair of n-copy classes extends to n + 1 copies).
    /// </summary>
    public static int? SmallestNonPassiveCopies(ReadOnlySpan<double> populations, ReadOnlySpan<double> energies, int maxCopies, double tolerance = 1e-10, double relativeTolerance = 1e-10, double degeneracyTolerance = 1e-10)
    {
        const string op = "Passivity.SmallestNonPassiveCopies";
        Validation.DiagonalState(populations, energies, op);
        Guard.AtLeast(maxCopies, 1, op, "maxCopies");
        var view = LevelView.Of(populations, energies, degeneracyTolerance, op);
        return Smallest(view, populations.ToArray(), energies.ToArray(), maxCopies, tolerance, relativeTolerance, degeneracyTolerance);
    }

    /// <summary>The smallest n at which rho^(x)n stops being passive (1 when rho is not passive), or null up to <paramref name="maxCopies"/>.</summary>
    public static int? SmallestNonPassiveCopies(DensityMatrix rho, Operator h0, int maxCopies, double tolerance = 1e-10, double relativeTolerance = 1e-10, double degeneracyTolerance = 1e-10)
    {
        const string op = "Passivity.SmallestNonPassiveCopies";
        Guard.AtLeast(maxCopies, 1, op, "maxCopies");
        var view = LevelView.Of(rho, h0, degeneracyTolerance, op);
        if (!IsPassive(view, tolerance)) return 1;
        var (e, p) = view.Levels();
        return Smallest(view, p, e, maxCopies, tolerance, relativeTolerance, degeneracyTolerance);
    }

    private static int? Smallest(LevelView view, double[] p, double[] e, int maxCopies, double tolerance, double relativeTolerance, double degeneracyTolerance)
    {
        if (!IsPassive(view, tolerance) || !CopiesPassive(p, e, 1, relativeTolerance, degeneracyTolerance)) return 1;
        if (IsCompletelyPassive(view, tolerance)) return null;
        var lo = 1;
        int hi;
        for (long c = 2; ; c *= 2)
        {
            var n = (int)Math.Min(c, maxCopies);
            if (n <= lo) return null;
            if (!CopiesPassive(p, e, n, relativeTolerance, degeneracyTolerance)) { hi = n; break; }
            lo = n;
            if (n == maxCopies) return null;
        }
        while (hi - lo > 1)
        {
            var mid = lo + (hi - lo) / 2;
            if (CopiesPassive(p, e, mid, relativeTolerance, degeneracyTolerance)) lo = mid; else hi = mid;
        }
        return hi;
    }

    private static bool IsPassive(LevelView v, double tolerance)
    {
        if (v.OffBlock > tolerance) return false;
        // every value of a block >= every value of the blocks above it
        var maxAbove = double.NegativeInfinity;
        for (var b = v.Blocks.Length - 1; b >= 0; b--)
        {
            var block = v.Blocks[b];
            if (block[^1] < maxAbove - tolerance) return false; // block is descending: [^1] is its minimum
            maxAbove = Math.Max(maxAbove, block[0]);
        }
        return true;
    }

    private static bool IsCompletelyPassive(LevelView v, double tolerance)
    {
        if (!IsPassive(v, tolerance)) return false;
        var blocks = v.Blocks;
        if (blocks.Length == 1) return true;
        if (blocks.Skip(1).All(b => b[0] <= tolerance)) return true; // on the ground eigenspace: b = +infinity
        var pi = new double[blocks.Length];
        for (var b = 0; b < blocks.Length; b++)
        {
            if (blocks[b][0] - blocks[b][^1] > tolerance) return false; // a Gibbs state is uniform on an eigenspace
            pi[b] = blocks[b].Average();
            if (pi[b] <= tolerance) return false;
        }
        var eps = v.BlockEnergies;
        var beta = Math.Log(pi[0] / pi[^1]) / (eps[^1] - eps[0]);
        for (var b = 1; b < blocks.Length - 1; b++)
            if (Math.Abs(pi[b] - pi[0] * Math.Exp(-beta * (eps[b] - eps[0]))) > tolerance) return false;
        return true;
    }

    /// <summary>n-copy passivity by type classes in ascending energy: no class more probable than a class of lower energy.</summary>
    internal static bool CopiesPassive(double[] p, double[] e, int n, double relativeTolerance, double degeneracyTolerance)
    {
        var sorted = e.Order().ToArray();
        var tolE = n * EnergyBasis.AbsoluteTolerance(sorted, degeneracyTolerance);
        var factor = Scaled.From(1 + relativeTolerance + 1e-14 * (n + 10.0));
        double total = 0;
        foreach (var x in p) total += x;
        var probs = p.Select(x => Math.Max(0, x) / total).ToArray();
        var sweep = new TypeClassSweep(n, e, probs, ScaledTables.InverseFactorials(n), ScaledTables.Factorial(n));
        const int chunk = 1 << 14;
        var keys = new double[chunk];
        var mult = new Scaled[chunk];
        var prob = new Scaled[chunk];
        var haveLower = false;
        var lowerMin = Scaled.Zero;   // min probability over groups of strictly lower energy
        var groupMin = Scaled.Zero;
        var groupStart = double.NaN;
        int count;
        while ((count = sweep.Fill(keys, mult, prob)) > 0)
        {
            for (var i = 0; i < count; i++)
            {
                if (double.IsNaN(groupStart) || keys[i] > groupStart + tolE)
                {
                    if (!double.IsNaN(groupStart))
                    {
                        lowerMin = haveLower && Scaled.Compare(lowerMin, groupMin) < 0 ? lowerMin : groupMin;
                        haveLower = true;
                    }
                    groupStart = keys[i];
                    groupMin = prob[i];
                }
                else if (Scaled.Compare(prob[i], groupMin) < 0)
                {
                    groupMin = prob[i];
                }
                if (haveLower && Scaled.Compare(prob[i], Scaled.Multiply(lowerMin, factor)) > 0) return false;
            }
        }
        return true;
    }

    /// <summary>A state seen level by level in H0's eigenbasis: degenerate blocks with their eigenvalues (descending).</summary>
    private sealed class LevelView
    {
        private LevelView(double[][] blocks, double[] blockEnergies, double[][] levelEnergies, double offBlock)
        {
            Blocks = blocks;
            BlockEnergies = blockEnergies;
            LevelEnergies = levelEnergies;
            OffBlock = offBlock;
        }

        public double[][] Blocks { get; }

        public double[] BlockEnergies { get; }

        public double[][] LevelEnergies { get; }

        /// <summary>Largest coherence between different energies.</summary>
        public double OffBlock { get; }

        public static LevelView Of(DensityMatrix rho, Operator h0, double degeneracyTolerance, string op, ILinearAlgebraBackend? backend = null)
        {
            ArgumentNullException.ThrowIfNull(rho);
            ArgumentNullException.ThrowIfNull(h0);
            Validation.SameDimension(rho.Dimension, h0.Dimension, op);
            var basis = EnergyBasis.Of(h0, degeneracyTolerance, op, backend: backend);
            var inBasis = basis.ToEnergyBasis(rho.ToMatrix(), backend);
            var block = new int[basis.Dimension];
            for (var b = 0; b < basis.BlockCount; b++)
                for (var j = basis.BlockStarts[b]; j < basis.BlockStarts[b + 1]; j++) block[j] = b;
            double off = 0;
            for (var j = 0; j < basis.Dimension; j++)
                for (var i = 0; i < basis.Dimension; i++)
                    if (block[i] != block[j]) off = Math.Max(off, inBasis[i, j].Magnitude);
            return new LevelView(Ergotropy.BlockSpectra(inBasis, basis, backend), MeanBlockEnergies(basis), LevelEnergiesOf(basis), off);
        }

        public static LevelView Of(ReadOnlySpan<double> populations, ReadOnlySpan<double> energies, double degeneracyTolerance, string op)
        {
            Validation.DiagonalState(populations, energies, op);
            var basis = EnergyBasis.OfEnergies(energies, degeneracyTolerance, op);
            var blocks = new double[basis.BlockCount][];
            for (var b = 0; b < basis.BlockCount; b++)
            {
                var start = basis.BlockStarts[b];
                var values = new double[basis.BlockStarts[b + 1] - start];
                for (var j = 0; j < values.Length; j++) values[j] = populations[basis.Order![start + j]];
                Array.Sort(values);
                Array.Reverse(values);
                blocks[b] = values;
            }
            return new LevelView(blocks, MeanBlockEnergies(basis), LevelEnergiesOf(basis), 0);
        }

        private static double[] MeanBlockEnergies(EnergyBasis basis) =>
            [.. Enumerable.Range(0, basis.BlockCount).Select(b => basis.Energies.AsSpan(basis.BlockStarts[b], basis.BlockStarts[b + 1] - basis.BlockStarts[b]).ToArray().Average())];

        private static double[][] LevelEnergiesOf(EnergyBasis basis) =>
            [.. Enumerable.Range(0, basis.BlockCount).Select(b => basis.Energies.AsSpan(basis.BlockStarts[b], basis.BlockStarts[b + 1] - basis.BlockStarts[b]).ToArray())];

        /// <summary>Energies and populations level by level (block eigenvalues assigned to the block's levels).</summary>
        public (double[] Energies, double[] Populations) Levels() =>
            ([.. LevelEnergies.SelectMany(x => x)], [.. Blocks.SelectMany(x => x)]);
    }
}
