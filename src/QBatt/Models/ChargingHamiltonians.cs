using System.Numerics;
using QBatt.Dynamics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Models;

/// <summary>
/// Driving Hamiltonians and battery states of the charging comparisons (R9-R11). Cells are
/// d-level systems with levels 0..d-1 (the texts' |1&gt;..|d&gt;), cell 0 the most significant tensor
/// factor; |G&gt; = |0&gt;^(x)n is the collective ground state and |E&gt; = |d-1&gt;^(x)n the fully excited one.
/// All operators are sparse.
/// </summary>
public static class ChargingHamiltonians
{
    /// <summary>The one-cell flip |0&gt;&lt;d-1| + h.c. (unit operator norm): the optimal local drive of R9 and the parallel reference.</summary>
    public static Operator CellFlip(int levels) => Blocks(levels, 1, 1);

    /// <summary>
    /// Parallel charging (Rev eq 18, R9): a sum_l (|0&gt;&lt;d-1|_l + h.c.); operator norm a n.
    /// </summary>
    public static Operator Parallel(int levels, int cells, double amplitude = 1) => Blocks(levels, cells, 1, amplitude);

    /// <summary>
    /// Global charging (Rev eq 19, R9): a (|E&gt;&lt;G| + h.c.) with |G&gt; = |0&gt;^(x)n, |E&gt; = |d-1&gt;^(x)n; operator norm a.
    /// </summary>
    public static Operator Global(int levels, int cells, double amplitude = 1) => Blocks(levels, cells, cells, amplitude);

    /// <summary>
    /// The disjoint-block k-local drive of R11 (PRL, after Theorem 1): c sum_mu h_mu with
    /// h_mu = |0&gt;&lt;d-1|^(x)k + h.c. on the block of cells mu k .. mu k + k - 1, for N = s k cells.
    /// k = 1 is <see cref="Parallel"/>, k = N is <see cref="Global"/>. The blocks commute and each has
    /// spectrum {-1, 0, 1}, so the operator norm is c s.
    /// </summary>
    public static Operator Blocks(int levels, int cells, int k, double amplitude = 1)
    {
        const string op = "ChargingHamiltonians.Blocks";
        CheckBlocks(op, levels, cells, k, amplitude);
        var top = levels - 1;
        return Build(levels, cells, k, amplitude, digits =>
        {
            var low = true;
            var high = true;
            foreach (var x in digits)
            {
                low &= x == 0;
                high &= x == top;
            }
            if (low == high) return false; // neither, or levels = 1
            for (var i = 0; i < digits.Length; i++) digits[i] = low ? top : 0;
            return true;
        });
    }

    /// <summary>
    /// The qubit drive of PRL Proposition 1 (R10) generalised to blocks: c sum_mu sigma_x^(x)k on
    /// disjoint blocks of k cells; k = N is H_glob = c sigma_x^(x)N. Each block term squares to the
    /// identity, so exp(-i c t sigma_x^(x)k) = cos(ct) - i sin(ct) sigma_x^(x)k flips every cell of
    /// the block at c t = pi/2. Operator norm c s.
    /// </summary>
    public static Operator SigmaXBlocks(int cells, int k, double amplitude = 1)
    {
        const string op = "ChargingHamiltonians.SigmaXBlocks";
        CheckBlocks(op, 2, cells, k, amplitude);
        return Build(2, cells, k, amplitude, digits =>
        {
            for (var i = 0; i < digits.Length; i++) digits[i] = 1 - digits[i];
            return true;
        });
    }

    /// <summary>The battery Hamiltonian H0 = sum_l H0,l of n identical cells with the given level energies (Rev eq 9, R1).</summary>
    public static Operator Battery(ReadOnlySpan<double> energies, int cells)
    {
        Guard.AtLeast(cells, 1, "ChargingHamiltonians.Battery", "cells");
        Guard.Finite(energies, "ChargingHamiltonians.Battery", "energies");
        return Operators.SumOverCells(Qudit.Hamiltonian(energies), cells);
    }

    /// <summary>The collective ground state |G&gt; = |0&gt;^(x)n.</summary>
    public static Ket Ground(int levels, int cells) => Uniform(levels, cells, 0, "ChargingHamiltonians.Ground");

    /// <summary>The fully excited state |E&gt; = |d-1&gt;^(x)n.</summary>
    public static Ket Excited(int levels, int cells) => Uniform(levels, cells, levels - 1, "ChargingHamiltonians.Excited");

    /// <summary>
    /// The product state (exp(-beta H0,l)/Z)^(x)n of n cells with the given level energies (R10:
    /// beta = eps for Proposition 1's initial state, beta = -eps for its target). Diagonal.
    /// </summary>
    public static DensityMatrix ThermalProduct(ReadOnlySpan<double> energies, int cells, double beta)
    {
        const string op = "ChargingHamiltonians.ThermalProduct";
        Guard.AtLeast(cells, 1, op, "cells");
        Guard.Finite(energies, op, "energies");
        Guard.Finite(beta, op, "beta");
        if (energies.Length < 1)
            throw new ValidationException(op, "energies", "at least one level", "none");
        var cell = ThermalPopulations(energies, beta);
        var dims = Dims.Uniform(energies.Length, cells);
        var p = new double[dims.Total];
        p[0] = 1;
        var filled = 1;
        for (var l = 0; l < cells; l++)
        {
            // p <- p (x) cell, in place from the back (cell 0 most significant)
            for (var i = filled - 1; i >= 0; i--)
            {
                var x = p[i];
                for (var j = cell.Length - 1; j >= 0; j--) p[i * cell.Length + j] = x * cell[j];
            }
            filled *= cell.Length;
        }
        return DensityMatrix.Diagonal(p, dims);
    }

    /// <summary>exp(-beta e_j) / Z, shifted by the energy that keeps the exponents non-positive.</summary>
    internal static double[] ThermalPopulations(ReadOnlySpan<double> energies, double beta)
    {
        var shift = double.PositiveInfinity;
        foreach (var e in energies) shift = Math.Min(shift, beta * e);
        var p = new double[energies.Length];
        double z = 0;
        for (var j = 0; j < p.Length; j++) z += p[j] = Math.Exp(-(beta * energies[j] - shift));
        for (var j = 0; j < p.Length; j++) p[j] /= z;
        return p;
    }

    private static Ket Uniform(int levels, int cells, int level, string op)
    {
        Guard.AtLeast(levels, 2, op, "levels");
        Guard.AtLeast(cells, 1, op, "cells");
        return Ket.Basis(Dims.Uniform(levels, cells), Enumerable.Repeat(level, cells).ToArray());
    }

    private static void CheckBlocks(string op, int levels, int cells, int k, double amplitude)
    {
        Guard.AtLeast(levels, 2, op, "levels");
        Guard.AtLeast(cells, 1, op, "cells");
        Guard.Finite(amplitude, op, "amplitude");
        if (k < 1 || k > cells || cells % k != 0)
            throw new ValidationException(op, "k", $"a block size that divides cells = {cells}", $"{k}");
        if (Math.Pow(levels, cells) > 1 << 26)
            throw new ResourceException(op, "cells", $"at most 2^26 basis states (levels^cells)", $"{levels}^{cells}");
    }

    /// <summary>
    /// amplitude sum_mu b_mu, where each block term maps a basis state to at most one other: the
    /// mapper rewrites the block's digits in place and says whether the column has an entry.
    /// </summary>
    private static Operator Build(int levels, int cells, int k, double amplitude, Func<int[], bool> mapper)
    {
        var dims = Dims.Uniform(levels, cells);
        var strides = Subsystems.Strides(dims.AsSpan());
        var blocks = cells / k;
        var rows = new List<int>();
        var cols = new List<int>();
        var digits = new int[k];
        var before = new int[k];
        for (var c = 0; c < dims.Total; c++)
        {
            for (var mu = 0; mu < blocks; mu++)
            {
                for (var i = 0; i < k; i++) before[i] = digits[i] = c / strides[mu * k + i] % levels;
                if (!mapper(digits)) continue;
                var r = c;
                for (var i = 0; i < k; i++) r += (digits[i] - before[i]) * strides[mu * k + i];
                rows.Add(r);
                cols.Add(c);
            }
        }
        var values = new Complex[rows.Count];
        Array.Fill(values, new Complex(amplitude, 0));
        return Operator.FromSparse(CsrMatrix.FromTriplets(dims.Total, dims.Total, rows.ToArray(), cols.ToArray(), values), dims);
    }
}
