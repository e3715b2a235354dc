namespace QBatt.Numerics;

/// <summary>
/// The Chebyshev series of the propagator: for H with spectrum in [c - a, c + a] and H' = (H - c) / a,
/// exp(-i s H) = e^{-i c s} [J_0(a s) + 2 sum_{k &gt;= 1} (-i)^k J_k(a s) T_k(H')] (Jacobi-Anger; Tal-Ezer and
/// Kosloff, J. Chem. Phys. 81, 3967 (1984)). Since |T_k| &lt;= 1 on [-1, 1], truncating after K terms errs by at
/// most 2 sum_{k &gt; K} |J_k(a s)| in the 2-norm per unit vector, a bound that holds for every H with its spectrum
/// in the interval (no a posteriori estimate involved).
/// </summary>
internal static class ChebyshevSeries
{
    /// <summary>
    /// J_0(x), ..., J_K(x) with K the smallest order whose truncation bound 2 sum_{k &gt; K} |J_k(x)| is at most
    /// <paramref name="tolerance"/>; <paramref name="bound"/> receives that bound. Bessel values by Miller's backward
    /// recurrence from an order well beyond x (where J_k(x) is below 1e-300 of the largest), normalised with
    /// J_0 + 2 sum J_2k = 1 (Abramowitz and Stegun 9.1.46).
    /// </summary>
    public static double[] Truncated(double x, double tolerance, out double bound)
    {
        Guard.NonNegative(x, "ChebyshevSeries", "x");
        if (!(tolerance > 0))
            throw new ValidationException("ChebyshevSeries", "tolerance", "a positive tolerance", QBattException.Num(tolerance));
        if (x == 0)
        {
            bound = 0;
            return [1];
        }
        var j = Bessel(x, (int)Math.Ceiling(x + 20 * Math.Cbrt(x) + 60));
        var tail = 0.0;
        var k = j.Length - 1;
        // the smallest K with 2 sum_{k > K} |J_k| <= tolerance, summed from the top (small terms first)
        while (k > 1 && tail + 2 * Math.Abs(j[k]) <= tolerance)
        {
            tail += 2 * Math.Abs(j[k]);
            k--;
        }
        bound = tail;
        return j[..(k + 1)];
    }

    /// <summary>J_0(x), ..., J_M(x) for x &gt; 0 by Miller's backward recurrence J_{k-1} = (2k/x) J_k - J_{k+1}.</summary>
    public static double[] Bessel(double x, int order)
    {
        var m = order + (order % 2);
        var j = new double[m + 2];
        j[m + 1] = 0;
        j[m] = 1e-300;
        for (var k = m; k >= 1; k--)
        {
            j[k - 1] = 2 * k / x * j[k] - j[k + 1];
            if (Math.Abs(j[k - 1]) > 1e250)
            {
                // rescale what is computed; the orders above lose nothing that matters (they are below 1e-250 of it)
                for (var q = k - 1; q <= m + 1; q++) j[q] *= 1e-250;
            }
        }
        var norm = j[0];
        for (var k = 2; k <= m; k += 2) norm += 2 * j[k];
        for (var k = 0; k <= m; k++) j[k] /= norm;
        return j[..(m + 1)];
    }
}
