using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Batteries;

/// <summary>
/// A charged state to store (R1, R16) on N cells of d levels (cell energies 0, 1, ..., d-1): pure (a ket) or mixed, with a
/// description. The named states: the highest-energy state |d-1&gt;^N of H0; the ground state; and, at the equal stored
/// energy N (d-1)/2, the product ((|0&gt; + |d-1&gt;)/sqrt 2)^N, the GHZ-like (|0...0&gt; + |d-1...d-1&gt;)/sqrt 2, for qubits the
/// symmetric Dicke state with N/2 excitations (N even) and the product of two-cell singlets (|01&gt; - |10&gt;)/sqrt 2, which is
/// dark for collective decay (J_- annihilates it).
/// </summary>
public sealed class StorageState
{
    private StorageState(Ket? ket, DensityMatrix? mixed, string description)
    {
        Ket = ket;
        Mixed = mixed;
        Description = description;
    }

    /// <summary>The names <see cref="Named"/> takes.</summary>
    public static readonly string[] Names = ["charged", "ground", "product", "ghz", "dicke", "dark"];

    /// <summary>The state when pure.</summary>
    public Ket? Ket { get; }

    /// <summary>The state when mixed.</summary>
    public DensityMatrix? Mixed { get; }

    /// <summary>How the state was obtained.</summary>
    public string Description { get; }

    /// <summary>The subsystem dimensions.</summary>
    public Dims Dims => Ket?.Dims ?? Mixed!.Dims;

    /// <summary>The state as a density matrix.</summary>
    public DensityMatrix Density => Mixed ?? DensityMatrix.FromKet(Ket!);

    /// <summary>A pure state.</summary>
    public static StorageState Pure(Ket ket, string description)
    {
        ArgumentNullException.ThrowIfNull(ket);
        return new StorageState(ket, null, description);
    }

    /// <summary>A mixed state.</summary>
    public static StorageState Of(DensityMatrix rho, string description)
    {
        ArgumentNullException.ThrowIfNull(rho);
        return new StorageState(null, rho, description);
    }

    /// <summary>One of <see cref="Names"/> on <paramref name="cells"/> cells of <paramref name="levels"/> levels (argument "from" when refused).</summary>
    public static StorageState Named(string name, int levels, int cells)
    {
        const string op = "StorageState.Named";
        ArgumentNullException.ThrowIfNull(name);
        Guard.AtLeast(levels, 2, op, "levels");
        Guard.AtLeast(cells, 1, op, "cells");
        var dims = Dims.Uniform(levels, cells);
        var top = levels - 1;
        switch (name.ToLowerInvariant())
        {
            case "charged":
                return Pure(Ket.Basis(dims, [.. Enumerable.Repeat(top, cells)]), "highest-energy state of H0");
            case "ground":
                return Pure(Ket.Basis(dims, new int[cells]), "ground state of H0");
            case "product":
            {
                var cell = new Complex[levels];
                cell[0] = cell[top] = 1 / Math.Sqrt(2);
                return Pure(Ket.Tensor([.. Enumerable.Repeat(new Ket(cell), cells)]), "product of (|0> + |d-1>)/sqrt 2");
            }
            case "ghz":
            {
                var a = new Complex[dims.Total];
                a[0] = a[^1] = 1 / Math.Sqrt(2);
                return Pure(new Ket(a, dims), "(|0...0> + |d-1...d-1>)/sqrt 2");
            }
            case "dicke":
            {
                RequireEvenQubits(levels, cells, "dicke");
                var k = cells / 2;
                var a = new Complex[dims.Total];
                var count = 0;
                for (var i = 0; i < a.Length; i++)
                    if (BitCount(i) == k) count++;
                for (var i = 0; i < a.Length; i++)
                    if (BitCount(i) == k) a[i] = 1 / Math.Sqrt(count);
                return Pure(new Ket(a, dims), $"symmetric Dicke state with {k} of {cells} cells excited");
            }
            case "dark":
            {
                RequireEvenQubits(levels, cells, "dark");
                var s = 1 / Math.Sqrt(2);
                var singlet = new Ket([0, s, -s, 0], Dims.Uniform(2, 2));
                return Pure(Ket.Tensor([.. Enumerable.Repeat(singlet, cells / 2)]), "product of two-cell singlets (|01> - |10>)/sqrt 2 (dark for collective decay)");
            }
            default:
                throw new ValidationException(op, "from", $"one of {string.Join(", ", Names)} or a state file (.npy or .json)", $"'{name}'");
        }
    }

    /// <summary>
    /// A state read from a vector (a ket, normalised within 1e-8) or a matrix (a density matrix) of dimension d^N, refused naming
    /// "from" when its size is wrong or it is not a state.
    /// </summary>
    public static StorageState FromData(Complex[]? vector, ComplexMatrix? matrix, int levels, int cells, string description) =>
        FromData(vector, matrix, Dims.Uniform(levels, cells), $"{cells} cells of {levels} levels", description);

    /// <summary>
    /// A state of a system of <paramref name="dims"/> (<paramref name="system"/> in words, for a refusal) read from a vector (a ket,
    /// normalised within 1e-8) or a matrix (a density matrix), refused naming "from" when its size is wrong or it is not a state.
    /// </summary>
    public static StorageState FromData(Complex[]? vector, ComplexMatrix? matrix, Dims dims, string system, string description)
    {
        const string op = "StorageState.FromData";
        ArgumentNullException.ThrowIfNull(dims);
        if (vector is not null)
        {
            if (vector.Length != dims.Total)
                throw new DimensionMismatchException(op, "from", $"a state of dimension {dims.Total} ({system})", $"a vector of length {vector.Length}");
            try
            {
                return Pure(new Ket(vector, dims, 1e-8), description);
            }
            catch (ValidationException e)
            {
                throw new ValidationException(op, "from", "a normalised ket", e.Actual);
            }
        }
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Rows != dims.Total || matrix.Cols != dims.Total)
            throw new DimensionMismatchException(op, "from", $"a state of dimension {dims.Total} ({system})", $"a {matrix.Rows}x{matrix.Cols} matrix");
        try
        {
            return Of(new DensityMatrix(matrix, dims, new ValidationTolerances(1e-8, 1e-8, 1e-8)), description);
        }
        catch (ValidationException e)
        {
            throw new ValidationException(op, "from", "a density matrix (Hermitian, unit trace, positive)", e.Actual);
        }
    }

    private static void RequireEvenQubits(int levels, int cells, string name)
    {
        if (levels != 2 || cells % 2 != 0)
            throw new ValidationException("StorageState.Named", "from", $"an even number of two-level cells for '{name}'", $"{cells} cells of {levels} levels");
    }

    private static int BitCount(int i) => System.Numerics.BitOperations.PopCount((uint)i);
}
