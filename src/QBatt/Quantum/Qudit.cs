using System.Numerics;
using QBatt.Dynamics;
using QBatt.Numerics;

namespace QBatt.Quantum;

/// <summary>Operators of a single d-level cell (R1). Levels are 0-based: |0&gt;, ..., |d-1&gt;.</summary>
public static class Qudit
{
    /// <summary>The transition operator |i&gt;&lt;j| on a d-level system (sparse).</summary>
    public static Operator Projector(int d, int i, int j)
    {
        Guard.AtLeast(d, 1, "Qudit.Projector", "d");
        if ((uint)i >= (uint)d)
            throw new ValidationException("Qudit.Projector", "i", $"a level in 0..{d - 1}", $"{i}");
        if ((uint)j >= (uint)d)
            throw new ValidationException("Qudit.Projector", "j", $"a level in 0..{d - 1}", $"{j}");
        return Operator.FromSparse(CsrMatrix.FromTriplets(d, d, [i], [j], [Complex.One]));
    }

    /// <summary>The cell Hamiltonian H0 = sum_j e_j |j&gt;&lt;j| (Rev eq 1).</summary>
    public static Operator Hamiltonian(ReadOnlySpan<double> energies) => Operator.Diagonal(energies);
}
