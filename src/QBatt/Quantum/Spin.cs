using System.Globalization;
using System.Numerics;
using QBatt.Numerics;

namespace QBatt.Quantum;

/// <summary>
/// Spin-j operators in the basis |j, m&gt; ordered m = j, j-1, ..., -j (QuTiP's <c>jmat</c>
/// order), dimension 2j+1. j is a non-negative integer or half-integer. Used for the collective
/// spin J_i = (1/2) sum_l sigma_i^(l) of N two-level cells restricted to the symmetric subspace
/// j = N/2 (R12, R13). Sparse.
/// </summary>
public static class Spin
{
    private static int Dimension(double j, string op)
    {
        var twoJ = 2 * j;
        if (!double.IsFinite(j) || j < 0 || Math.Abs(twoJ - Math.Round(twoJ)) > 1e-12)
            throw new ValidationException(op, "j", "a non-negative integer or half-integer", j.ToString("R", CultureInfo.InvariantCulture));
        return (int)Math.Round(twoJ) + 1;
    }

    /// <summary>m of basis index k: m = j - k.</summary>
    public static double M(double j, int k) => j - k;

    /// <summary>J_z = diag(j, j-1, ..., -j).</summary>
    public static Operator Jz(double j)
    {
        var d = Dimension(j, "Spin.Jz");
        var diag = new double[d];
        for (var k = 0; k < d; k++) diag[k] = j - k;
        return Operator.Diagonal(diag);
    }

    /// <summary>J_+ with &lt;m+1|J_+|m&gt; = sqrt(j(j+1) - m(m+1)).</summary>
    public static Operator Jplus(double j)
    {
        var d = Dimension(j, "Spin.Jplus");
        var rows = new List<int>();
        var cols = new List<int>();
        var vals = new List<Complex>();
        for (var k = 1; k < d; k++)
        {
            var m = j - k; // column state |m>, maps to |m+1> = index k-1
            rows.Add(k - 1);
            cols.Add(k);
            vals.Add(Math.Sqrt(j * (j + 1) - m * (m + 1)));
        }
        return Operator.FromSparse(CsrMatrix.FromTriplets(d, d, rows.ToArray(), cols.ToArray(), vals.ToArray()));
    }

    /// <summary>J_- = (J_+)^dag.</summary>
    public static Operator Jminus(double j) => Jplus(j).Adjoint();

    /// <summary>J_x = (J_+ + J_-)/2.</summary>
    public static Operator Jx(double j)
    {
        var p = Jplus(j);
        return 0.5 * (p + p.Adjoint());
    }

    /// <summary>J_y = (J_+ - J_-)/(2i).</summary>
    public static Operator Jy(double j)
    {
        var p = Jplus(j);
        return new Complex(0, -0.5) * (p - p.Adjoint());
    }
}
