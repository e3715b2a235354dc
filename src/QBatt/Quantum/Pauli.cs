using System.Numerics;
using QBatt.Numerics;

namespace QBatt.Quantum;

/// <summary>
/// Pauli operators in the computational basis |0&gt;, |1&gt; with sigma_z = diag(1, -1)
/// (|0&gt; is spin up), sigma_+ = |0&gt;&lt;1| and sigma_- = |1&gt;&lt;0|, as in QuTiP. Sparse.
/// </summary>
public static class Pauli
{
    private static Operator Make(params (int R, int C, Complex V)[] entries) =>
        Operator.FromSparse(CsrMatrix.FromTriplets(2, 2, entries.Select(e => e.R).ToArray(), entries.Select(e => e.C).ToArray(), entries.Select(e => e.V).ToArray()));

    /// <summary>The 2x2 identity.</summary>
    public static Operator I { get; } = Make((0, 0, 1), (1, 1, 1));

    /// <summary>sigma_x.</summary>
    public static Operator X { get; } = Make((0, 1, 1), (1, 0, 1));

    /// <summary>sigma_y.</summary>
    public static Operator Y { get; } = Make((0, 1, -Complex.ImaginaryOne), (1, 0, Complex.ImaginaryOne));

    /// <summary>sigma_z = diag(1, -1).</summary>
    public static Operator Z { get; } = Make((0, 0, 1), (1, 1, -1));

    /// <summary>sigma_+ = |0&gt;&lt;1| (raises sigma_z).</summary>
    public static Operator Plus { get; } = Make((0, 1, 1));

    /// <summary>sigma_- = |1&gt;&lt;0| (lowers sigma_z).</summary>
    public static Operator Minus { get; } = Make((1, 0, 1));
}
