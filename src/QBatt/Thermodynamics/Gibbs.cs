using System.Globalization;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Thermodynamics;

/// <summary>
/// Gibbs (thermal) states omega_b = exp(-b H0)/Z and the entropy-matched inverse temperature of
/// R3 (Rev eq 8): the b &gt;= 0 with S(omega_b) = S(rho).
/// </summary>
/// <remarks>
/// b = +infinity is the zero-temperature limit, the uniform mixture over the ground eigenspace;
/// b = -infinity the uniform mixture over the top eigenspace. Levels within the degeneracy
/// tolerance (relative to the spread of the energies) count as one eigenspace.
/// </remarks>
public static class Gibbs
{
    /// <summary>Populations exp(-b e_j)/Z in the order of <paramref name="energies"/> (b finite, or +/- infinity).</summary>
    public static double[] Populations(ReadOnlySpan<double> energies, double beta, double degeneracyTolerance = 1e-10)
    {
        Guard.Finite(energies, "Gibbs.Populations", "energies");
        if (energies.Length == 0)
            throw new ValidationException("Gibbs.Populations", "energies", "at least one energy level", "none");
        if (double.IsNaN(beta))
            throw new ValidationException("Gibbs.Populations", "beta", "a number or +/- infinity", "NaN");
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var e in energies) { min = Math.Min(min, e); max = Math.Max(max, e); }
        var p = new double[energies.Length];
        if (double.IsInfinity(beta))
        {
            var sorted = energies.ToArray();
            Array.Sort(sorted);
            var tol = EnergyBasis.AbsoluteTolerance(sorted, degeneracyTolerance);
            var edge = beta > 0 ? min : max;
            var count = 0;
            for (var j = 0; j < p.Length; j++)
                if (Math.Abs(energies[j] - edge) <= tol) { p[j] = 1; count++; }
            for (var j = 0; j < p.Length; j++) p[j] /= count;
            return p;
        }
        // shift by the energy that keeps every exponent <= 0
        var shift = beta >= 0 ? min : max;
        var z = new CompensatedSum();
        for (var j = 0; j < p.Length; j++)
        {
            p[j] = Math.Exp(-beta * (energies[j] - shift));
            z.Add(p[j]);
        }
        for (var j = 0; j < p.Length; j++) p[j] /= z.Value;
        return p;
    }

    /// <summary>The Gibbs state exp(-b H0)/Z of a Hermitian H0 (R3), b finite or +/- infinity.</summary>
    public static DensityMatrix State(Operator h0, double beta, double degeneracyTolerance = 1e-10, ILinearAlgebraBackend? backend = null)
    {
        var basis = EnergyBasis.Of(h0, degeneracyTolerance, "Gibbs.State", backend: backend);
        var p = Populations(basis.Energies, beta, degeneracyTolerance);
        var m = basis.FromEnergyBasis(ComplexMatrix.Diagonal(p), backend);
        Symmetrise(m);
        return DensityMatrix.Own(m, h0.Dims);
    }

    internal static void Symmetrise(ComplexMatrix m)
    {
        for (var j = 0; j < m.Cols; j++)
        {
            m[j, j] = new System.Numerics.Complex(m[j, j].Real, 0);
            for (var i = j + 1; i < m.Rows; i++)
            {
                var avg = 0.5 * (m[i, j] + System.Numerics.Complex.Conjugate(m[j, i]));
                m[i, j] = avg;
                m[j, i] = System.Numerics.Complex.Conjugate(avg);
            }
        }
    }

    /// <summary>Mean energy tr(omega_b H0) = sum e_j p_j.</summary>
    public static double Energy(ReadOnlySpan<double> energies, double beta, double degeneracyTolerance = 1e-10)
    {
        var p = Populations(energies, beta, degeneracyTolerance);
        var s = new CompensatedSum();
        for (var j = 0; j < p.Length; j++) s.Add(p[j] * energies[j]);
        return s.Value;
    }

    /// <summary>Entropy S(omega_b) in nats.</summary>
    public static double Entropy(ReadOnlySpan<double> energies, double beta, double degeneracyTolerance = 1e-10) =>
        Thermodynamics.Entropy.OfSpectrum(Populations(energies, beta, degeneracyTolerance));

    /// <summary>
    /// The inverse temperature b in [0, +infinity] with S(omega_b) = <paramref name="entropy"/> (R3),
    /// by a safeguarded Newton iteration on the strictly decreasing S(b) (dS/db = -b Var_b(H0)).
    /// Defined values at the edges: an entropy of ln d (maximally mixed) gives 0; an entropy at or
    /// below ln g0 + <see cref="PureStateEntropyFloor"/>(d), with g0 the ground-space degeneracy (a
    /// pure state up to the rounding of its eigenvalues, or any state no finite b reaches), gives
    /// +infinity.
    /// </summary>
    /// <exception cref="ValidationException">
    /// The entropy is outside [0, ln d], or H0 has a single distinct energy (d = 1 or H0 proportional to
    /// the identity): then every Gibbs state is 1/d and no temperature is defined.
    /// </exception>
    public static double EntropyMatchedBeta(double entropy, ReadOnlySpan<double> energies, double degeneracyTolerance = 1e-10)
    {
        const string op = "Gibbs.EntropyMatchedBeta";
        var basis = EnergyBasis.OfEnergies(energies, degeneracyTolerance, op);
        var d = basis.Dimension;
        if (d == 0)
            throw new ValidationException(op, "energies", "at least one energy level", "none");
        if (basis.BlockCount < 2)
            throw new ValidationException(op, "energies", "at least two distinct energy levels (with one, every Gibbs state is 1/d and no temperature is defined)",
                d == 1 ? "a single level" : $"{d} degenerate levels");
        var lnD = Math.Log(d);
        const double slack = 1e-12;
        if (!double.IsFinite(entropy) || entropy < -slack || entropy > lnD + slack)
            throw new ValidationException(op, "entropy", $"an entropy in [0, ln {d}] = [0, {lnD.ToString("G6", CultureInfo.InvariantCulture)}]", entropy.ToString("R", CultureInfo.InvariantCulture));
        var lnG0 = Math.Log(basis.BlockStarts[1]);
        var e = basis.Energies;
        if (entropy <= lnG0 + PureStateEntropyFloor(d)) return double.PositiveInfinity;
        if (entropy >= lnD - 1e-15) return 0;
        var spread = e[^1] - e[0];

        // bracket: S(lo) > entropy > S(hi)
        double lo = 0, hi = 1 / spread;
        while (Entropy(e, hi, degeneracyTolerance) > entropy)
        {
            lo = hi;
            hi *= 2;
            if (hi * spread > 1e6) return double.PositiveInfinity; // S(b) = ln g0 to double precision already
        }
        var b = 0.5 * (lo + hi);
        for (var iter = 0; iter < 200; iter++)
        {
            var (s, slope) = EntropyAndSlope(e, b);
            var f = s - entropy;
            if (f == 0) return b;
            if (f > 0) lo = b; else hi = b;
            var next = slope < 0 ? b - f / slope : double.NaN;
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            if (Math.Abs(next - b) <= 1e-15 * b) return next;
            b = next;
        }
        return b;
    }

    /// <summary>
    /// The largest entropy that rounding alone gives a pure state of dimension d (R3): a
    /// backward-stable Hermitian eigensolver returns each eigenvalue of rho (norm 1) within
    /// delta = d eps (eps = 2^-52), so the d - 1 zero eigenvalues can come out as up to delta each,
    /// which adds at most (d - 1) delta (1 - ln delta) to S = 0 (d = 2: 1.6e-14; d = 4: 9.5e-14;
    /// d = 1024: 7.0e-9). An entropy at this level cannot be told from 0, and the Gibbs state it
    /// matches is the ground state, b = +infinity.
    /// </summary>
    public static double PureStateEntropyFloor(int dimension)
    {
        if (dimension < 2) return 0;
        var delta = dimension * Eps;
        return (dimension - 1) * delta * (1 - Math.Log(delta));
    }

    private const double Eps = 2.220446049250313e-16;

    /// <summary>S(b) and dS/db = -b Var_b(H0) at finite b &gt;= 0.</summary>
    private static (double S, double Slope) EntropyAndSlope(double[] sortedEnergies, double b)
    {
        var e0 = sortedEnergies[0];
        var z = new CompensatedSum();
        var m1 = new CompensatedSum();
        var m2 = new CompensatedSum();
        foreach (var e in sortedEnergies)
        {
            var x = e - e0;
            var w = Math.Exp(-b * x);
            z.Add(w);
            m1.Add(w * x);
            m2.Add(w * x * x);
        }
        var mean = m1.Value / z.Value;
        var variance = Math.Max(0, m2.Value / z.Value - mean * mean);
        return (Math.Log(z.Value) + b * mean, -b * variance);
    }
}
