using System.Runtime.CompilerServices;

namespace QBatt.Numerics;

/// <summary>
/// A non-negative number M * 2^E with a double mantissa M in [1, 2) (or M = 0) and an int
/// exponent: counts like 3^10000 and probabilities like 3^-10000 without logarithms, so products
/// keep double relative precision (one rounding per multiplication) instead of the absolute
/// precision of a large logarithm.
/// </summary>
internal readonly struct Scaled
{
    public readonly double M;
    public readonly int E;

    public Scaled(double m, int e)
    {
        M = m;
        E = e;
    }

    public static Scaled Zero => new(0, 0);

    public static Scaled One => new(1, 0);

    public bool IsZero => M == 0;

    /// <summary>A finite x &gt;= 0 as a normalised scaled number.</summary>
    public static Scaled From(double x)
    {
        if (x == 0) return Zero;
        var e = Math.ILogB(x);
        return new Scaled(Math.ScaleB(x, -e), e);
    }

    /// <summary>m * 2^e normalised; m must be 0 or a positive normal double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scaled Normalise(double m, int e)
    {
        if (m == 0) return Zero;
        var bits = BitConverter.DoubleToInt64Bits(m);
        var shift = (int)((bits >> 52) & 0x7FF) - 1023;
        return new Scaled(BitConverter.Int64BitsToDouble((bits & unchecked((long)0x800FFFFFFFFFFFFFUL)) | (1023L << 52)), e + shift);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scaled Multiply(Scaled a, Scaled b) => a.M == 0 || b.M == 0 ? Zero : Normalise(a.M * b.M, a.E + b.E);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scaled Multiply(Scaled a, Scaled b, Scaled c) => a.M == 0 || b.M == 0 || c.M == 0 ? Zero : Normalise(a.M * b.M * c.M, a.E + b.E + c.E);

    /// <summary>The value as a double (0 when it underflows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double ToDouble() => M == 0 ? 0 : Math.ScaleB(M, E);

    /// <summary>Natural logarithm (-infinity for 0).</summary>
    public double Log() => M == 0 ? double.NegativeInfinity : Math.Log(M) + E * Math.Log(2);

    /// <summary>-1, 0, 1 as a &lt;, =, &gt; b (both normalised).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Compare(Scaled a, Scaled b)
    {
        if (a.M == 0 || b.M == 0) return a.M == 0 ? (b.M == 0 ? 0 : -1) : 1;
        if (a.E != b.E) return a.E < b.E ? -1 : 1;
        return a.M.CompareTo(b.M);
    }

    /// <summary>a + b for normalised operands.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scaled Add(Scaled a, Scaled b)
    {
        if (b.M == 0) return a;
        if (a.M == 0) return b;
        var diff = b.E - a.E;
        return diff <= 0
            ? Normalise(a.M + (diff < -60 ? Math.ScaleB(b.M, diff) : ScaleSmall(b.M, diff)), a.E)
            : Normalise(b.M + (diff > 60 ? Math.ScaleB(a.M, -diff) : ScaleSmall(a.M, -diff)), b.E);
    }

    /// <summary>m * 2^k for -60 &lt;= k &lt;= 0 by one exact multiplication.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ScaleSmall(double m, int k) => m * BitConverter.Int64BitsToDouble((long)(1023 + k) << 52);
}

/// <summary>Tables of 1/k! and s^k as <see cref="Scaled"/> numbers for k = 0..n, by recurrence (relative error at most ~k ulp).</summary>
internal static class ScaledTables
{
    public static Scaled[] InverseFactorials(int n)
    {
        var t = new Scaled[n + 1];
        t[0] = Scaled.One;
        for (var k = 1; k <= n; k++) t[k] = Scaled.Normalise(t[k - 1].M / k, t[k - 1].E);
        return t;
    }

    public static Scaled Factorial(int n)
    {
        var f = Scaled.One;
        for (var k = 2; k <= n; k++) f = Scaled.Normalise(f.M * k, f.E);
        return f;
    }

    public static Scaled[] Powers(double s, int n)
    {
        var t = new Scaled[n + 1];
        t[0] = Scaled.One;
        var b = Scaled.From(s);
        for (var k = 1; k <= n; k++) t[k] = Scaled.Multiply(t[k - 1], b);
        return t;
    }
}
