using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Studies;

/// <summary>
/// Separability certificates of R10 (PRL Proposition 1, Rev Fig. 5): balls around the maximally
/// mixed state I/D, in the Frobenius distance r = ||rho - I/D||_F of unit-trace states, that contain
/// only separable states. Unitary evolution keeps r, so a state inside a ball stays inside for the
/// whole charging trajectory.
/// </summary>
/// <remarks>
/// Radii: any bipartition of total dimension D, r &lt;= 1/sqrt(D(D-1)), equivalently
/// tr rho^2 &lt;= 1/(D-1) (Gurvits-Barnum, exact for the bipartite case); N &gt;= 3 qubits fully separable,
/// r &lt;= sqrt(54/17) 6^(-N/2) (Hildebrand; 1/sqrt(68) at N = 3) and the older
/// r &lt;= sqrt(3) 6^(-N/2) (Gurvits-Barnum). For N = 2 qubits the exact radius 1/sqrt(12) applies and
/// Hildebrand's constant is not used (it would exceed the exact radius).
/// </remarks>
public static class SeparableBall
{
    /// <summary>Largest number of cells the certificates are evaluated for (the radii are computed in logarithms).</summary>
    public const int MaxCells = 500;

    /// <summary>The bipartite radius 1/sqrt(D(D-1)) for a bipartition of total dimension D &gt;= 4 (R10; Gurvits-Barnum, exact).</summary>
    public static double BipartiteRadius(double dimension)
    {
        if (!(dimension >= 4) || !double.IsFinite(dimension))
            throw new ValidationException("SeparableBall.BipartiteRadius", "dimension", "a total dimension >= 4 (two subsystems of dimension >= 2)", QBattException.Num(dimension));
        return 1 / Math.Sqrt(dimension * (dimension - 1));
    }

    /// <summary>
    /// The full-separability radius for N qubits used by the certificate (R10): the exact 1/sqrt(12)
    /// at N = 2, Hildebrand's sqrt(54/17) 6^(-N/2) for N &gt;= 3.
    /// </summary>
    public static double QubitRadius(int qubits)
    {
        CheckCells(qubits, "SeparableBall.QubitRadius", "qubits");
        return qubits == 2 ? 1 / Math.Sqrt(12) : Math.Sqrt(54.0 / 17) * Math.Pow(6, -0.5 * qubits);
    }

    /// <summary>The older Gurvits-Barnum full-separability radius sqrt(3) 6^(-N/2) for N &gt;= 2 qubits (R10; exact at N = 2).</summary>
    public static double QubitRadiusGurvitsBarnum(int qubits)
    {
        CheckCells(qubits, "SeparableBall.QubitRadiusGurvitsBarnum", "qubits");
        return Math.Sqrt(3) * Math.Pow(6, -0.5 * qubits);
    }

    /// <summary>
    /// A full-separability radius for n cells of d levels when R10 provides one: qubits
    /// (<see cref="QubitRadius"/>), or two cells of any dimension (the exact bipartite radius);
    /// null otherwise.
    /// </summary>
    public static double? FullRadius(int cells, int levels)
    {
        CheckCells(cells, "SeparableBall.FullRadius", "cells");
        Guard.AtLeast(levels, 2, "SeparableBall.FullRadius", "levels");
        if (levels == 2) return QubitRadius(cells);
        return cells == 2 ? BipartiteRadius((double)levels * levels) : null;
    }

    /// <summary>The Frobenius distance ||rho - I/D||_F from the maximally mixed state, summed entry by entry (no purity cancellation).</summary>
    public static double Distance(DensityMatrix rho)
    {
        ArgumentNullException.ThrowIfNull(rho);
        var n = rho.Dimension;
        var inv = 1.0 / n;
        var data = rho.Data;
        double s = 0;
        for (var j = 0; j < n; j++)
        {
            for (var i = 0; i < n; i++)
            {
                var z = data[j * n + i];
                if (i == j)
                {
                    var x = z.Real - inv;
                    s += x * x + z.Imaginary * z.Imaginary;
                }
                else
                {
                    s += z.Real * z.Real + z.Imaginary * z.Imaginary;
                }
            }
        }
        return Math.Sqrt(s);
    }

    /// <summary>
    /// The distance r of the product state (exp(-beta H0,l)/Z)^(x)n from I/D without forming it:
    /// r^2 = D^-1 ((d tr rho_1^2)^n - 1), with d tr rho_1^2 - 1 = d sum_j (p_j - 1/d)^2 computed from
    /// differences of Boltzmann weights (no cancellation at small beta).
    /// </summary>
    public static double ThermalProductDistance(ReadOnlySpan<double> energies, int cells, double beta)
    {
        const string op = "SeparableBall.ThermalProductDistance";
        CheckProduct(energies, cells, op);
        Guard.Finite(beta, op, "beta");
        var logD = cells * Math.Log(energies.Length);
        var r2 = Math.Exp(-logD) * Elementary.Expm1(cells * Elementary.Log1p(Excess(energies, beta)));
        return Math.Sqrt(r2);
    }

    /// <summary>
    /// The largest beta &gt;= 0 with r(beta) &lt;= radius for n cells in (exp(-beta H0,l)/Z)^(x)n, by a
    /// monotone root find (r grows with beta &gt;= 0: the purity of a Gibbs state increases with
    /// inverse temperature). +infinity when even the beta -&gt; infinity limit stays inside the ball
    /// (e.g. all levels degenerate).
    /// </summary>
    public static double MaxCertifiedBeta(ReadOnlySpan<double> energies, int cells, double radius)
    {
        const string op = "SeparableBall.MaxCertifiedBeta";
        CheckProduct(energies, cells, op);
        Guard.Positive(radius, op, "radius");
        var d = energies.Length;
        // N log1p(q(beta)) <= log1p(r^2 D), all in logarithms
        var target = LogOnePlusExp(2 * Math.Log(radius) + cells * Math.Log(d));
        var e = energies.ToArray();
        double G(double beta) => cells * Elementary.Log1p(Excess(e, beta)) - target;

        // beta -> infinity: the populations become uniform on the ground level(s)
        var min = e.Min();
        var ground = e.Count(x => x - min <= 1e-12 * Math.Max(1, e.Max() - min));
        if (cells * Math.Log((double)d / ground) <= target) return double.PositiveInfinity;
        if (G(0) > 0) return 0; // the maximally mixed state itself is outside (never for these radii)

        double lo = 0, hi = 1;
        while (G(hi) <= 0)
        {
            lo = hi;
            hi *= 2;
            if (hi > 1e300) return double.PositiveInfinity;
        }
        for (var it = 0; it < 400 && hi - lo > 4 * double.Epsilon && hi - lo > 1e-15 * hi; it++)
        {
            var mid = 0.5 * (lo + hi);
            if (G(mid) <= 0) lo = mid; else hi = mid;
        }
        return lo;
    }

    /// <summary>
    /// The certificates for n cells with the given level energies: radii, the distance-to-beta map
    /// inverted for each radius (R10: the largest eps for which the Proposition 1 trajectory stays
    /// in the ball).
    /// </summary>
    public static SeparableBallCertificate Certify(int cells, ReadOnlySpan<double> energies)
    {
        const string op = "SeparableBall.Certify";
        CheckCells(cells, op, "cells");
        CheckEnergies(energies, op);
        var d = energies.Length;
        var dim = Math.Pow(d, cells);
        var rb = BipartiteRadius(dim);
        var rf = FullRadius(cells, d);
        double? rgb = d == 2 ? QubitRadiusGurvitsBarnum(cells) : null;
        var source = d == 2
            ? cells == 2 ? "exact two-qubit radius 1/sqrt(12) (Gurvits-Barnum)" : "Hildebrand sqrt(54/17) 6^(-N/2)"
            : cells == 2 ? "exact bipartite radius 1/sqrt(D(D-1)) (Gurvits-Barnum)" : "none in R10 for N >= 3 cells of d > 2 levels";
        return new SeparableBallCertificate(
            cells, d, dim, rb, rf, source, rgb,
            MaxCertifiedBeta(energies, cells, rb),
            rf is { } f ? MaxCertifiedBeta(energies, cells, f) : null,
            rgb is { } g ? MaxCertifiedBeta(energies, cells, g) : null);
    }

    /// <summary>d sum_j (p_j - 1/d)^2 for the Gibbs populations at beta, from weight differences.</summary>
    internal static double Excess(ReadOnlySpan<double> energies, double beta)
    {
        var d = energies.Length;
        var shift = double.PositiveInfinity;
        foreach (var x in energies) shift = Math.Min(shift, beta * x);
        Span<double> w = stackalloc double[d];
        double z = 0;
        for (var j = 0; j < d; j++) z += w[j] = Math.Exp(-(beta * energies[j] - shift));
        double s = 0;
        for (var j = 0; j < d; j++)
        {
            // p_j - 1/d = sum_i (w_j - w_i) / (d Z); w_j - w_i = w_i expm1(-beta (e_j - e_i)) where they are close
            double diff = 0;
            for (var i = 0; i < d; i++)
            {
                var x = -beta * (energies[j] - energies[i]);
                diff += Math.Abs(x) < 0.5 ? w[i] * Elementary.Expm1(x) : w[j] - w[i];
            }
            diff /= d * z;
            s += diff * diff;
        }
        return d * s;
    }

    private static double LogOnePlusExp(double x) => x > 30 ? x + Elementary.Log1p(Math.Exp(-x)) : Elementary.Log1p(Math.Exp(x));

    private static void CheckCells(int cells, string op, string argument)
    {
        if (cells < 2 || cells > MaxCells)
            throw new ValidationException(op, argument, $"an integer in 2..{MaxCells} (separability needs two or more cells)", $"{cells}");
    }

    private static void CheckProduct(ReadOnlySpan<double> energies, int cells, string op)
    {
        CheckEnergies(energies, op);
        if (cells < 1 || cells > MaxCells)
            throw new ValidationException(op, "cells", $"an integer in 1..{MaxCells}", $"{cells}");
    }

    private static void CheckEnergies(ReadOnlySpan<double> energies, string op)
    {
        if (energies.Length < 2)
            throw new ValidationException(op, "energies", "at least two levels", $"{energies.Length}");
        Guard.Finite(energies, op, "energies");
    }
}

/// <summary>
/// The separability certificates of R10 for n cells of d levels. Radii are Frobenius distances of
/// unit-trace states from I/D; the beta values are the largest inverse temperatures eps for which
/// (exp(-eps H0,l)/Z)^(x)n, and so the whole unitary charging trajectory, lies inside each ball.
/// </summary>
/// <param name="Cells">Number of cells n.</param>
/// <param name="Levels">Levels per cell d.</param>
/// <param name="Dimension">Total dimension D = d^n.</param>
/// <param name="RadiusBipartite">1/sqrt(D(D-1)): separable across every bipartition.</param>
/// <param name="RadiusFull">Full-separability radius (see <see cref="SeparableBall.FullRadius"/>), or null when R10 has none.</param>
/// <param name="FullRadiusSource">Which result <paramref name="RadiusFull"/> comes from.</param>
/// <param name="RadiusFullGurvitsBarnum">The older qubit radius sqrt(3) 6^(-n/2) (qubits only).</param>
/// <param name="MaxEpsBipartite">Largest eps inside the bipartite ball.</param>
/// <param name="MaxEpsFull">Largest eps inside the full-separability ball, when there is one.</param>
/// <param name="MaxEpsFullGurvitsBarnum">Largest eps inside the older qubit ball.</param>
public sealed record SeparableBallCertificate(
    int Cells, int Levels, double Dimension, double RadiusBipartite, double? RadiusFull, string FullRadiusSource,
    double? RadiusFullGurvitsBarnum, double MaxEpsBipartite, double? MaxEpsFull, double? MaxEpsFullGurvitsBarnum)
{
    /// <summary>The largest certified eps: full separability when a radius exists, else separability across every bipartition.</summary>
    public double MaxEps => MaxEpsFull ?? MaxEpsBipartite;

    /// <summary>What <see cref="MaxEps"/> certifies: "full" or "every bipartition".</summary>
    public string MaxEpsCertifies => MaxEpsFull is null ? "every bipartition" : "full";
}
