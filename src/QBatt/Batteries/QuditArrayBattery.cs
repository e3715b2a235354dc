using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Quantum;

namespace QBatt.Batteries;

/// <summary>
/// Arrays of qudit cells, the batteries of R9-R11: cells with levels 0..d-1 of energies 0, 1, ..., d-1
/// (E0 = 0, E1 = 1 for qubits, as in PRL Proposition 1), charged from |G&gt; = |0&gt;^(x)n to
/// |E&gt; = |d-1&gt;^(x)n, or from the thermal state at eps to the one at -eps. Each target protocol
/// searches the first arrival in (0, pi / a] for drive amplitude a (arrival at pi / (2 a)).
/// <see cref="Setup"/> gives the fair comparison of a disjoint-block k-local drive with N copies of the
/// one-cell flip under a constraint, on the one charging pipeline.
/// </summary>
public static class QuditArrayBattery
{
    /// <summary>The cell energies 0, 1, ..., d-1.</summary>
    public static double[] LevelEnergies(int levels)
    {
        Guard.AtLeast(levels, 2, "QuditArrayBattery.LevelEnergies", "levels");
        return [.. Enumerable.Range(0, levels).Select(j => (double)j)];
    }

    /// <summary>The battery Hamiltonian of n cells with <see cref="LevelEnergies"/>.</summary>
    public static Operator Battery(int levels, int cells) => ChargingHamiltonians.Battery(LevelEnergies(levels), cells);

    /// <summary>
    /// The one-cell reference (R9, R11): |0&gt;&lt;d-1| + h.c. (unit operator norm) from |0&gt; to |d-1&gt;,
    /// the optimal local drive; its N copies are the parallel protocol.
    /// </summary>
    public static ChargingProtocol CellFlip(int levels) =>
        ChargingProtocol.ToTarget(ChargingHamiltonians.CellFlip(levels), Battery(levels, 1), ChargingHamiltonians.Ground(levels, 1), ChargingHamiltonians.Excited(levels, 1), Math.PI);

    /// <summary>Parallel charging of n cells with the n-cell Hamiltonian a sum_l (|0&gt;&lt;d-1|_l + h.c.) (Rev eq 18).</summary>
    public static ChargingProtocol Parallel(int levels, int cells, double amplitude = 1) =>
        ToExcited(ChargingHamiltonians.Parallel(levels, cells, amplitude), levels, cells, amplitude);

    /// <summary>Global charging a (|E&gt;&lt;G| + h.c.) of n cells (Rev eq 19).</summary>
    public static ChargingProtocol Global(int levels, int cells, double amplitude = 1) =>
        ToExcited(ChargingHamiltonians.Global(levels, cells, amplitude), levels, cells, amplitude);

    /// <summary>The disjoint-block k-local drive sum_mu (|0&gt;&lt;d-1|^(x)k + h.c.) (R11; PRL after Theorem 1) from |G&gt; to |E&gt;.</summary>
    public static ChargingProtocol Blocks(int levels, int cells, int k) =>
        ToExcited(ChargingHamiltonians.Blocks(levels, cells, k), levels, cells, 1);

    /// <summary>PRL Proposition 1's one-cell reference: sigma_x = |E0&gt;&lt;E1| + h.c. from exp(-eps I)/Z to exp(+eps I)/Z (R10).</summary>
    public static ChargingProtocol ThermalFlip(double eps) => ThermalBlocks(1, 1, eps);

    /// <summary>
    /// PRL Proposition 1 (R10), with blocks: sum_mu sigma_x^(x)k on disjoint blocks (k = n: H_glob =
    /// sigma_x^(x)n) from (exp(-eps I)/Z)^(x)n to (exp(+eps I)/Z)^(x)n, two-level cells with E0 = 0, E1 = 1.
    /// </summary>
    public static ChargingProtocol ThermalBlocks(int cells, int k, double eps)
    {
        const string op = "QuditArrayBattery.ThermalBlocks";
        Guard.Positive(eps, op, "eps");
        var h = ChargingHamiltonians.SigmaXBlocks(cells, k);
        double[] e = [0, 1];
        return ChargingProtocol.ToTarget(h, ChargingHamiltonians.Battery(e, cells), ChargingHamiltonians.ThermalProduct(e, cells, eps),
            ChargingHamiltonians.ThermalProduct(e, cells, -eps), Math.PI);
    }

    /// <summary>The closed forms of R10-R11 for N = s k cells: Gamma_C1 = sqrt(k), Gamma_C0 = Gamma_C2 = k (k = N: Proposition 1 and Rev eq 20).</summary>
    public static double BlockAdvantage(int k, ChargingConstraint constraint)
    {
        Guard.AtLeast(k, 1, "QuditArrayBattery.BlockAdvantage", "k");
        return constraint == ChargingConstraint.EnergySpread ? Math.Sqrt(k) : k;
    }

    /// <summary>Largest total dimension d^N of a pure qudit array in <see cref="Setup"/>.</summary>
    public const int MaxPureDimension = 1 << 20;

    /// <summary>Largest number of qubits of a thermal (mixed) array in <see cref="Setup"/>.</summary>
    public const int MaxThermalCells = 12;

    /// <summary>
    /// The fair comparison of R9-R11 as a setup: the disjoint-block k-local drive on N cells of d levels (k = N: the global drive of
    /// Rev eq 19), or with <paramref name="eps"/> the sigma_x^(x)k blocks of PRL Proposition 1 between thermal states, ending at the
    /// first arrival at the target, against N copies of the one-cell flip under <paramref name="constraint"/>. Validates the
    /// parameters (argument names are the CLI's options).
    /// </summary>
    public static ChargingSetup Setup(int cells, int levels, int k, ChargingConstraint constraint, double? eps = null, ChargingOptions? options = null)
    {
        const string op = "QuditArrayBattery.Setup";
        Guard.AtLeast(cells, 1, op, "cells");
        Guard.AtLeast(levels, 2, op, "levels");
        if (k < 1 || k > cells || cells % k != 0)
            throw new ValidationException(op, "k", $"an interaction order that divides --cells {cells}", $"{k}");
        if (eps is { } e0)
        {
            if (levels != 2)
                throw new ValidationException(op, "thermal", "two-level cells (--levels 2) for Proposition 1", $"--levels {levels}");
            if (!(e0 > 0) || !double.IsFinite(e0))
                throw new ValidationException(op, "thermal", "a positive finite eps", QBattException.Num(e0));
            if (cells > MaxThermalCells)
                throw new ValidationException(op, "cells", $"at most {MaxThermalCells} cells with --thermal (mixed states of dimension 2^N)", $"{cells}");
        }
        if (Math.Pow(levels, cells) > MaxPureDimension)
            throw new ValidationException(op, "cells", $"d^N <= {MaxPureDimension}", $"{levels}^{cells}");
        var (collective, reference) = eps is { } e ? (ThermalBlocks(cells, k, e), ThermalFlip(e)) : (Blocks(levels, cells, k), CellFlip(levels));
        var o = options ?? ChargingOptions.Default;
        var setup = ChargingSetup.For(collective, o, k == cells ? "global drive" : $"{cells / k} blocks of {k} cells");
        return setup with
        {
            Reference = new ChargingReference(ChargingSetup.For(reference, o, "one-cell flip"), cells, [constraint]),
            Operation = op,
            SizeArgument = "cells",
        };
    }

    private static ChargingProtocol ToExcited(Operator h, int levels, int cells, double amplitude)
    {
        Guard.Positive(amplitude, "QuditArrayBattery", "amplitude");
        return ChargingProtocol.ToTarget(new Hamiltonian(h), Battery(levels, cells), ChargingHamiltonians.Ground(levels, cells), ChargingHamiltonians.Excited(levels, cells), Math.PI / amplitude);
    }
}
