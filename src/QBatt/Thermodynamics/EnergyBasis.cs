using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Thermodynamics;

/// <summary>
/// The eigenbasis of a battery Hamiltonian H0 (R1: any Hermitian H0, degenerate levels included):
/// energies in ascending order, eigenvectors, and the degenerate blocks. A diagonal H0 is not
/// diagonalised numerically: its eigenvectors are the basis states (sorted stably by energy), so
/// energies are exact. This is what avoids QuantumOptics.jl's <c>passive_state</c> mistake
/// (STYLE.md): everything is done in H0's eigenbasis, never in the basis the state happens to be in.
/// </summary>
internal sealed class EnergyBasis
{
    private EnergyBasis(double[] energies, ComplexMatrix? vectors, int[]? order, int[] blockStarts)
    {
        Energies = energies;
        Vectors = vectors;
        Order = order;
        BlockStarts = blockStarts;
    }

    /// <summary>Eigenvalues of H0, ascending.</summary>
    public double[] Energies { get; }

    /// <summary>Eigenvectors (columns, same order as <see cref="Energies"/>); null when H0 is diagonal.</summary>
    public ComplexMatrix? Vectors { get; }

    /// <summary>For a diagonal H0: Energies[j] = H0[Order[j], Order[j]]; null otherwise.</summary>
    public int[]? Order { get; }

    /// <summary>Start index of each degenerate block, followed by the dimension (so block b is [BlockStarts[b], BlockStarts[b+1])).</summary>
    public int[] BlockStarts { get; }

    /// <summary>Number of degenerate blocks (distinct energies within the tolerance).</summary>
    public int BlockCount => BlockStarts.Length - 1;

    /// <summary>Dimension of the space.</summary>
    public int Dimension => Energies.Length;

    /// <summary>
    /// The largest energy magnitude accepted, 1e150: partition sums, variances (dS/db in
    /// <see cref="Gibbs.EntropyMatchedBeta"/>) and the degeneracy tolerance square or subtract energies,
    /// and beyond about 1.3e154 their squares overflow double precision (at 1e308 even the spread
    /// e_max - e_min does, and the bound of R3 would come out below the ergotropy). Rescale H0 instead.
    /// </summary>
    public const double MaxMagnitude = 1e150;

    /// <summary>
    /// Diagonalises H0 (validated Hermitian within <paramref name="hermitianTolerance"/> relative to its
    /// largest entry). Levels whose energies differ by at most
    /// <c>degeneracyTolerance * (e_max - e_min) + 1e-13 * max|e|</c> form one degenerate block.
    /// </summary>
    public static EnergyBasis Of(Operator h0, double degeneracyTolerance, string operation, double hermitianTolerance = 1e-10, ILinearAlgebraBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(h0);
        h0.RequireHermitian(operation, "h0", hermitianTolerance);
        var n = h0.Dimension;
        if (IsDiagonal(h0, out var diag))
        {
            Guard.Finite(diag, operation, "h0");
            RequireRange(diag, operation, "h0");
            var order = Enumerable.Range(0, n).ToArray();
            var keys = (double[])diag.Clone();
            Array.Sort(keys, order); // introsort is not stable: make ties deterministic below
            StableTies(keys, order);
            return new EnergyBasis(keys, null, order, Blocks(keys, degeneracyTolerance));
        }
        var dense = h0.ToDense();
        dense.RequireFinite(operation, "h0");
        if (dense.MaxAbs() > MaxMagnitude) // ||H0||_2 >= max |h_ij|
            throw OutOfRange(operation, "h0", $"an entry of magnitude {QBattException.Num(dense.MaxAbs())}");
        var eig = MatrixFunctions.Eigh(dense, backend, hermitianTol: double.PositiveInfinity);
        RequireRange(eig.Values, operation, "h0");
        return new EnergyBasis(eig.Values, eig.Vectors, null, Blocks(eig.Values, degeneracyTolerance));
    }

    /// <summary>The basis of a diagonal H0 given by its energies (no matrix needed).</summary>
    public static EnergyBasis OfEnergies(ReadOnlySpan<double> energies, double degeneracyTolerance, string operation)
    {
        Guard.Finite(energies, operation, "energies");
        RequireRange(energies, operation, "energies");
        var order = Enumerable.Range(0, energies.Length).ToArray();
        var keys = energies.ToArray();
        Array.Sort(keys, order);
        StableTies(keys, order);
        return new EnergyBasis(keys, null, order, Blocks(keys, degeneracyTolerance));
    }

    /// <summary>Refuses energies of magnitude above <see cref="MaxMagnitude"/>.</summary>
    internal static void RequireRange(ReadOnlySpan<double> energies, string operation, string argument)
    {
        for (var j = 0; j < energies.Length; j++)
            if (Math.Abs(energies[j]) > MaxMagnitude)
                throw OutOfRange(operation, argument, $"{QBattException.Num(energies[j])} at index {j}");
    }

    private static ValidationException OutOfRange(string operation, string argument, string actual) =>
        new(operation, argument, "energies of magnitude at most 1e150 (beyond, squared energy spreads overflow; rescale H0)", actual);

    private static void StableTies(double[] keys, int[] order)
    {
        var i = 0;
        while (i < keys.Length)
        {
            var j = i + 1;
            while (j < keys.Length && keys[j] == keys[i]) j++;
            if (j - i > 1) Array.Sort(order, i, j - i);
            i = j;
        }
    }

    private static bool IsDiagonal(Operator h0, out double[] diag)
    {
        var n = h0.Dimension;
        diag = new double[n];
        if (h0.SparseStorage is { } s)
        {
            var rp = s.RowPointers;
            var ci = s.ColumnIndices;
            var v = s.Values;
            for (var i = 0; i < n; i++)
            {
                for (var k = rp[i]; k < rp[i + 1]; k++)
                {
                    if (ci[k] == i) diag[i] = v[k].Real;
                    else if (v[k] != Complex.Zero) return false;
                }
            }
            return true;
        }
        var d = h0.ToDense();
        for (var j = 0; j < n; j++)
        {
            for (var i = 0; i < n; i++)
            {
                if (i == j) diag[i] = d[i, i].Real;
                else if (d[i, j] != Complex.Zero) return false;
            }
        }
        return true;
    }

    /// <summary>Absolute energy tolerance below which two levels count as degenerate.</summary>
    public static double AbsoluteTolerance(ReadOnlySpan<double> sortedEnergies, double degeneracyTolerance)
    {
        if (sortedEnergies.Length == 0) return 0;
        var spread = sortedEnergies[^1] - sortedEnergies[0];
        var scale = Math.Max(Math.Abs(sortedEnergies[0]), Math.Abs(sortedEnergies[^1]));
        return degeneracyTolerance * spread + 1e-13 * scale;
    }

    private static int[] Blocks(double[] e, double degeneracyTolerance)
    {
        var tol = AbsoluteTolerance(e, degeneracyTolerance);
        var starts = new List<int>();
        for (var j = 0; j < e.Length; j++)
            if (j == 0 || e[j] - e[j - 1] > tol) starts.Add(j);
        starts.Add(e.Length);
        return [.. starts];
    }

    /// <summary>V^dag M V: a matrix in H0's eigenbasis.</summary>
    public ComplexMatrix ToEnergyBasis(ComplexMatrix m, ILinearAlgebraBackend? backend = null)
    {
        if (Vectors is null)
        {
            var n = Dimension;
            var r = new ComplexMatrix(n, n);
            for (var j = 0; j < n; j++)
                for (var i = 0; i < n; i++)
                    r[i, j] = m[Order![i], Order[j]];
            return r;
        }
        var t = ComplexMatrix.Product(Vectors, Op.Adjoint, m, Op.None, backend);
        return ComplexMatrix.Product(t, Op.None, Vectors, Op.None, backend);
    }

    /// <summary>V M V^dag: a matrix given in H0's eigenbasis, back in the original basis.</summary>
    public ComplexMatrix FromEnergyBasis(ComplexMatrix m, ILinearAlgebraBackend? backend = null)
    {
        if (Vectors is null)
        {
            var n = Dimension;
            var r = new ComplexMatrix(n, n);
            for (var j = 0; j < n; j++)
                for (var i = 0; i < n; i++)
                    r[Order![i], Order[j]] = m[i, j];
            return r;
        }
        var t = ComplexMatrix.Product(Vectors, Op.None, m, Op.None, backend);
        return ComplexMatrix.Product(t, Op.None, Vectors, Op.Adjoint, backend);
    }

    /// <summary>The eigenvector matrix V (a permutation matrix for a diagonal H0).</summary>
    public ComplexMatrix VectorMatrix()
    {
        if (Vectors is not null) return Vectors.Clone();
        var n = Dimension;
        var v = new ComplexMatrix(n, n);
        for (var j = 0; j < n; j++) v[Order![j], j] = Complex.One;
        return v;
    }
}
