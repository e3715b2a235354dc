namespace QBatt.Numerics;

/// <summary>
/// log(1 + x) and exp(x) - 1 accurate for small x (System.Math has neither), by Kahan's
/// correction of the rounded argument (Goldberg 1991, Theorem 4; Higham, Accuracy and Stability,
/// sec. 1.14.1).
/// </summary>
public static class Elementary
{
    /// <summary>log(1 + x) for x &gt; -1, accurate to a few ulps also when |x| is tiny.</summary>
    public static double Log1p(double x)
    {
        var u = 1 + x;
        if (u == 1) return x;
        if (double.IsPositiveInfinity(u)) return Math.Log(x);
        return Math.Log(u) * x / (u - 1);
    }

    /// <summary>exp(x) - 1, accurate to a few ulps also when |x| is tiny.</summary>
    public static double Expm1(double x)
    {
        var u = Math.Exp(x);
        if (u == 1) return x;
        var um1 = u - 1;
        if (um1 == -1) return -1;
        if (double.IsPositiveInfinity(u)) return u;
        return um1 * x / Math.Log(u);
    }
}
