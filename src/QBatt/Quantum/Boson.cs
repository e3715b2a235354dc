using System.Numerics;
using QBatt.Numerics;

namespace QBatt.Quantum;

/// <summary>
/// Bosonic mode operators truncated to the Fock states |0&gt;, ..., |cutoff-1&gt; (the cutoff is
/// the number of levels, as QuTiP's <c>destroy(N)</c>). [a, a^dag] = 1 holds on every level but
/// the top one. Sparse.
/// </summary>
public static class Boson
{
    /// <summary>The annihilation operator a, a|n&gt; = sqrt(n)|n-1&gt;.</summary>
    public static Operator Destroy(int cutoff)
    {
        Guard.AtLeast(cutoff, 1, "Boson.Destroy", "cutoff");
        var rows = new int[cutoff - 1];
        var cols = new int[cutoff - 1];
        var vals = new Complex[cutoff - 1];
        for (var n = 1; n < cutoff; n++)
        {
            rows[n - 1] = n - 1;
            cols[n - 1] = n;
            vals[n - 1] = Math.Sqrt(n);
        }
        return Operator.FromSparse(CsrMatrix.FromTriplets(cutoff, cutoff, rows, cols, vals));
    }

    /// <summary>The creation operator a^dag.</summary>
    public static Operator Create(int cutoff) => Destroy(cutoff).Adjoint();

    /// <summary>The number operator n = a^dag a = diag(0, 1, ..., cutoff-1).</summary>
    public static Operator Number(int cutoff)
    {
        Guard.AtLeast(cutoff, 1, "Boson.Number", "cutoff");
        return Operator.Diagonal(Enumerable.Range(0, cutoff).Select(n => (double)n).ToArray());
    }

    /// <summary>The Fock state |n&gt; in a space of the given cutoff.</summary>
    public static Ket Fock(int cutoff, int n) => Ket.Basis(cutoff, n);
}
