using System.Numerics;

namespace QBatt.Numerics;

/// <summary>
/// Step selection of the Arnoldi exponential (Expokit, Sidje 1998): accept the horizon when the
/// estimate allows it, else shrink a trial step until err(s) &lt;= max(errorPerTime s, floor).
/// </summary>
internal static class ArnoldiStepControl
{
    /// <summary>A partial basis of j vectors cannot reach s when s ||H_j||_1 is much larger than j.</summary>
    public static bool WorthEarlyCheck(double hNorm, int j, double horizon) => hNorm * horizon <= 2.0 * j;

    /// <summary>err(s) = ||v|| h_{m+1,m} |[exp(s H_m)]_{m,1}| against max(errorPerTime s, floor).</summary>
    public static bool Ok(Func<double, double> lastEntry, double norm, double beyond, double s, double errorPerTime, double errorFloor, out double err)
    {
        err = norm * beyond * lastEntry(s);
        // below ~ eps h ||v|| the estimate is rounding: a tighter tolerance is met as well as the arithmetic allows
        return err <= Math.Max(errorPerTime * s, Math.Max(errorFloor, 8 * 2.220446049250313e-16 * norm * beyond));
    }

    public static double Choose(Func<double, double> lastEntry, double hNorm, int m, double norm, double beyond, double horizon, double errorPerTime, double errorFloor,
        ref double next, out double stepError, out int rejections)
    {
        rejections = 0;
        var s = next > 0 ? Math.Min(next, horizon) : Math.Min(horizon, FirstStep(hNorm, m, errorPerTime));
        if (Ok(lastEntry, norm, beyond, horizon, errorPerTime, errorFloor, out var errH))
        {
            stepError = errH;
            next = horizon;
            return horizon;
        }
        for (var attempt = 0; ; attempt++)
        {
            if (Ok(lastEntry, norm, beyond, s, errorPerTime, errorFloor, out var err))
            {
                stepError = err;
                var allowed = Math.Max(errorPerTime * s, errorFloor);
                var grow = err > 0 ? 0.9 * Math.Pow(allowed / err, 1.0 / m) : 2;
                next = s * Math.Clamp(grow, 0.5, 2);
                return s;
            }
            rejections++;
            var allow = Math.Max(errorPerTime * s, errorFloor);
            s *= Math.Clamp(0.9 * Math.Pow(allow / err, 1.0 / m), 0.1, 0.9);
            if (s < 1e-300 || attempt > 200)
                throw new ConvergenceException($"ArnoldiExponential: no step meets the tolerance (last trial step {QBattException.Num(s)}, error estimate {QBattException.Num(err)}).");
        }
    }

    private static double FirstStep(double hNorm, int m, double errorPerTime)
    {
        if (hNorm == 0) return double.PositiveInfinity;
        var tol = Math.Max(errorPerTime, 1e-16);
        // Expokit: t = (1/||A||) ((fact tol) / (4 ||A||))^(1/m), fact = ((m+1)/e)^(m+1) sqrt(2 pi (m+1))
        var logFact = (m + 1) * Math.Log((m + 1) / Math.E) + 0.5 * Math.Log(2 * Math.PI * (m + 1));
        return Math.Exp((logFact + Math.Log(tol / (4 * hNorm))) / m) / hNorm;
    }
}
