namespace QBatt.Cli.Reproduce;

/// <summary>
/// Passivity of n copies of a diagonal state by brute force, independent of the type classes of
/// <c>Passivity</c>: lists the d^n product states and checks every pair (R4: a state is passive iff
/// E_x &lt; E_y implies p_x &gt;= p_y). Meant for d^n up to a few thousand.
/// </summary>
internal static class BruteForcePassivity
{
    private const double DegeneracyTolerance = 1e-12;
    private const double RelativeTolerance = 1e-10;

    /// <summary>Whether p^(x)n is passive for the levels e^(x)n, pair by pair.</summary>
    public static bool CopiesArePassive(double[] p, double[] e, int n)
    {
        var (probs, energies) = Product(p, e, n);
        for (var x = 0; x < probs.Length; x++)
            for (var y = 0; y < probs.Length; y++)
                if (energies[x] < energies[y] - DegeneracyTolerance && probs[x] < probs[y] * (1 - RelativeTolerance))
                    return false;
        return true;
    }

    /// <summary>The smallest n &lt;= maxCopies with p^(x)n not passive, or null.</summary>
    public static int? FirstNonPassive(double[] p, double[] e, int maxCopies)
    {
        for (var n = 1; n <= maxCopies; n++)
            if (!CopiesArePassive(p, e, n)) return n;
        return null;
    }

    /// <summary>Populations and energies of the d^n product states (cell 0 is the fastest index).</summary>
    public static (double[] Probabilities, double[] Energies) Product(double[] p, double[] e, int n)
    {
        var d = p.Length;
        var size = 1;
        for (var k = 0; k < n; k++) size *= d;
        var probs = new double[size];
        var energies = new double[size];
        for (var x = 0; x < size; x++)
        {
            double pr = 1, en = 0;
            for (int k = 0, rest = x; k < n; k++, rest /= d) { pr *= p[rest % d]; en += e[rest % d]; }
            probs[x] = pr;
            energies[x] = en;
        }
        return (probs, energies);
    }

    /// <summary>The passive energy of p^(x)n: populations in decreasing order on energies in increasing order.</summary>
    public static double PassiveEnergy(double[] p, double[] e, int n)
    {
        var (probs, energies) = Product(p, e, n);
        Array.Sort(probs);
        Array.Reverse(probs);
        Array.Sort(energies);
        double s = 0;
        for (var x = 0; x < probs.Length; x++) s += probs[x] * energies[x];
        return s;
    }
}
