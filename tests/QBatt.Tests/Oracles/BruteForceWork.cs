namespace QBatt.Tests.Oracles;

/// <summary>
/// Work-extraction oracles written from the definitions (R2, R4), independent of the library:
/// enumeration of all d^n product states, and the minimum over all permutations.
/// </summary>
public static class BruteForceWork
{
    /// <summary>Probabilities and energies of all d^n product states (cell 0 most significant).</summary>
    public static (double[] P, double[] E) ProductStates(double[] p, double[] e, int n)
    {
        var d = p.Length;
        var size = 1;
        for (var k = 0; k < n; k++) size *= d;
        var probs = new double[size];
        var energies = new double[size];
        for (var x = 0; x < size; x++)
        {
            double pr = 1, en = 0;
            var rest = x;
            for (var k = 0; k < n; k++)
            {
                var digit = rest % d;
                rest /= d;
                pr *= p[digit];
                en += e[digit];
            }
            probs[x] = pr;
            energies[x] = en;
        }
        return (probs, energies);
    }

    /// <summary>Passive energy of n copies by sorting all d^n probabilities and energies.</summary>
    public static double PassiveEnergy(double[] p, double[] e, int n)
    {
        var (probs, energies) = ProductStates(p, e, n);
        Array.Sort(probs);
        Array.Reverse(probs);
        Array.Sort(energies);
        return KahanDot(probs, energies);
    }

    /// <summary>Delta w(n) = E(sigma) - P_n / n for the passive state sigma of (p, e).</summary>
    public static double ExtraWorkPerCopy(double[] p, double[] e, int n) => PassiveEnergy(p, e, 1) - PassiveEnergy(p, e, n) / n;

    /// <summary>min over all permutations pi of sum_j r_pi(j) e_j (d! terms).</summary>
    public static double MinOverPermutations(double[] r, double[] e)
    {
        var best = double.PositiveInfinity;
        var perm = Enumerable.Range(0, r.Length).ToArray();
        void Go(int k)
        {
            if (k == perm.Length)
            {
                double s = 0;
                for (var j = 0; j < perm.Length; j++) s += r[perm[j]] * e[j];
                best = Math.Min(best, s);
                return;
            }
            for (var i = k; i < perm.Length; i++)
            {
                (perm[k], perm[i]) = (perm[i], perm[k]);
                Go(k + 1);
                (perm[k], perm[i]) = (perm[i], perm[k]);
            }
        }
        Go(0);
        return best;
    }

    /// <summary>
    /// True when the diagonal state (probs on product states with energies) is passive: no pair with
    /// E_x &lt; E_y - tolE and P_x &lt; P_y (1 - tolP) (quadratic, for small sizes).
    /// </summary>
    public static bool IsPassivePairwise(double[] probs, double[] energies, double tolE, double tolP)
    {
        for (var x = 0; x < probs.Length; x++)
            for (var y = 0; y < probs.Length; y++)
                if (energies[x] < energies[y] - tolE && probs[x] < probs[y] * (1 - tolP)) return false;
        return true;
    }

    public static double KahanDot(double[] a, double[] b)
    {
        double s = 0, c = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var y = a[i] * b[i] - c;
            var t = s + y;
            c = (t - s) - y;
            s = t;
        }
        return s;
    }
}
