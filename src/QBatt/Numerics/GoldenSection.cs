namespace QBatt.Numerics;

/// <summary>
/// Golden-section search for the maximum of a function that is unimodal on a bracket: the maximum of W(t)/t between two
/// output times (R7) and the refined maximum of an observable along a trajectory (R16). One comparison per step; the
/// bracket shrinks by the golden ratio each step.
/// </summary>
internal static class GoldenSection
{
    /// <summary>The final bracket [A, B] and its two interior points C &lt; D with their values.</summary>
    public readonly record struct Bracket(double A, double B, double C, double ValueC, double D, double ValueD);

    /// <summary>
    /// Shrinks [<paramref name="a"/>, <paramref name="b"/>] around the maximum of <paramref name="f"/> until its width is at
    /// most <paramref name="relativeWidth"/> max(1, |b|) or <paramref name="maxSteps"/> steps were taken. A tie between the
    /// interior values keeps the lower part when <paramref name="tiesKeepLower"/> is set, the upper part otherwise.
    /// </summary>
    public static Bracket Maximise(Func<double, double> f, double a, double b, double relativeWidth, int maxSteps, bool tiesKeepLower)
    {
        var g = (Math.Sqrt(5) - 1) / 2;
        double c = b - g * (b - a), d = a + g * (b - a);
        double fc = f(c), fd = f(d);
        for (var step = 0; step < maxSteps && b - a > relativeWidth * Math.Max(1, Math.Abs(b)); step++)
        {
            if (fc > fd || (tiesKeepLower && fc == fd))
            {
                b = d;
                d = c;
                fd = fc;
                c = b - g * (b - a);
                fc = f(c);
            }
            else
            {
                a = c;
                c = d;
                fc = fd;
                d = a + g * (b - a);
                fd = f(d);
            }
        }
        return new Bracket(a, b, c, fc, d, fd);
    }
}
