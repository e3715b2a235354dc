using System.Globalization;
using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Studies;
using QBatt.Thermodynamics;

namespace QBatt.Batteries;

/// <summary>
/// Cooper-pair-box batteries (R15; Rev 'Coupled Cooper Pair Boxes'): N charge qubits charged from |0&gt;^(x)N by
/// local gate pulses and two-body couplings (<see cref="CooperPairBoxes"/>), compared fairly with N independent
/// boxes (R9). Collective and reference runs both end at their maximal average power max_t W(t)/t (R7), as in the
/// Conjecture 1 study (R11); the reference is one box under a sigma_x pulse (the best one-cell drive under C0).
/// The review states that with k = 2 the charging time can be at most about two times shorter than any local
/// procedure; PRL Theorem 1 gives Gamma_C0 &lt; gamma k = pi for k = 2.
/// </summary>
public static partial class CooperPairBattery
{
    /// <summary>The review's figure for k = 2 ('up to two times shorter'): the disjoint-pair value Gamma_C0 = k = 2 (R11).</summary>
    public static double ReviewClaim => QuditArrayBattery.BlockAdvantage(2, ChargingConstraint.OperatorNorm);

    /// <summary>PRL Theorem 1 for k = 2: gamma k = pi.</summary>
    public static double Theorem1Bound => KLocalBounds.Theorem1(2);

    /// <summary>One box under the gate pulse sigma_x from |0&gt;, ended at maximal average power, horizon pi.</summary>
    public static ChargingProtocol Reference(double chargingEnergy = 1) =>
        ChargingProtocol.ToMaximumPower(new Hamiltonian(Pauli.X), CooperPairBoxes.Battery(1, chargingEnergy), CooperPairBoxes.Ground(1), Math.PI);

    /// <summary>
    /// The setup of a time-independent drive charging N boxes from |0&gt;^(x)N, ended at maximal average power in (0, horizon]; the
    /// horizon is pi / ||H||, doubled (up to 2^8 times) while the maximum sits at its end or a later time could still beat it
    /// (W &lt;= N E). With <paramref name="compared"/>, the reference is one box under sigma_x (N copies) under C0, C1 and C2.
    /// </summary>
    public static ChargingSetup Setup(Operator drive, double chargingEnergy = 1, ChargingOptions? options = null, bool compared = true)
    {
        const string op = "CooperPairBattery.Compare";
        ArgumentNullException.ThrowIfNull(drive);
        var cells = CellsOf(drive, op);
        Guard.Positive(chargingEnergy, op, "chargingEnergy");
        var o = options ?? ChargingOptions.Default;
        var norm = drive.OperatorNorm(o.Evolution.Backend);
        if (!(norm > 0))
            throw new ValidationException(op, "drive", "a non-zero charging Hamiltonian", "H = 0");
        var battery = CooperPairBoxes.Battery(cells, chargingEnergy);
        var ground = CooperPairBoxes.Ground(cells);
        ChargingConstraint[] all = [ChargingConstraint.OperatorNorm, ChargingConstraint.EnergySpread, ChargingConstraint.EnergyAboveGround];
        var h = new Hamiltonian(drive);
        return new ChargingSetup
        {
            Name = $"{cells} Cooper-pair boxes",
            Size = RunSizes.Of(h, battery, []),
            Build = () => new ChargingSystem { Dims = drive.Dims, Hamiltonian = h, Battery = battery, InitialKet = ground, InitialDescription = "|0..0> (no extra Cooper pair)" },
            Window = ChargingWindow.ToMaximumPower(Math.PI / norm, cells * chargingEnergy),
            Reference = compared ? new ChargingReference(ChargingSetup.For(Reference(chargingEnergy), o, "one box under sigma_x"), cells, all) : null,
            Compute = ChargingQuantities.Power | ChargingQuantities.Constraints,
            Options = o,
            Operation = op,
            SizeArgument = "drive",
        };
    }

    /// <summary>The drive run to its maximal average power (see <see cref="Setup"/>), without the comparison.</summary>
    public static ChargingResult RunToMaximumPower(Operator drive, double chargingEnergy = 1, ChargingOptions? options = null) =>
        ChargingRunner.Run(Setup(drive, chargingEnergy, options, compared: false)).Protocol!;

    /// <summary>
    /// Gamma under C0, C1 and C2 of a time-independent drive of N boxes against N independent boxes (R9): the run of
    /// <see cref="Setup"/> through <see cref="ChargingRunner"/>, whose reference is one box under sigma_x.
    /// </summary>
    public static CooperComparison Compare(Operator drive, double chargingEnergy = 1, ChargingOptions? options = null)
    {
        var setup = Setup(drive, chargingEnergy, options);
        var run = ChargingRunner.Run(setup with { Reference = null });
        if (!(run.Work > 0))
            throw new ValidationException("CooperPairBattery.Compare", "drive", "a drive that charges the boxes from |0..0> (positive work)", $"W = {QBattException.Num(run.Work)}");
        run = ChargingRunner.Compare(run, setup.Reference!);
        return new CooperComparison(drive.Dims.Count, run.Reference!.Protocol!, run.Protocol!, run.Advantages);
    }

    /// <summary>
    /// Gamma_C0 of a time-independent drive, fast path (exact propagator, no C1/C2): the drive rescaled to
    /// ||H|| = N (C0 saturated against N boxes under sigma_x) and max_t W(t)/t over N times the reference's.
    /// </summary>
    public static double GammaOperatorNorm(Operator drive, EvolutionOptions? evolution = null)
    {
        const string op = "CooperPairBattery.GammaOperatorNorm";
        ArgumentNullException.ThrowIfNull(drive);
        var cells = CellsOf(drive, op);
        var ev = evolution ?? new EvolutionOptions { Method = Integrators.Exact, Threads = 1 };
        var norm = drive.OperatorNorm(ev.Backend);
        if (!(norm > 0))
            throw new ValidationException(op, "drive", "a non-zero charging Hamiltonian", "H = 0");
        var referencePower = ConjectureStudy.MaximumPower(Pauli.X, CooperPairBoxes.Battery(1), CooperPairBoxes.Ground(1), 1, 1, ev).Power;
        var (_, power) = ConjectureStudy.MaximumPower(cells / norm * drive, CooperPairBoxes.Battery(cells), CooperPairBoxes.Ground(cells), cells, cells, ev);
        return power / (cells * referencePower);
    }

    /// <summary>A one-line description of the comparison, stated in every output.</summary>
    public static string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"R15 operationalised: N charge qubits, H0 = E sum (1 - sigma_z)/2, charged from |0..0> at the charge-degeneracy point by a time-independent drive (gate pulses a_l sigma_x^l and two-body couplings, k = 2); collective and reference (one box under sigma_x) both end at max_t W(t)/t; the drive is rescaled to saturate C0 (||H|| = N), C1 or C2 against N references; Gamma = P_coll / (N P_ref), set against the review's 'about 2' and PRL Theorem 1's gamma k = pi.");

    private static int CellsOf(Operator drive, string op)
    {
        var dims = drive.Dims.AsSpan();
        var cells = dims.Length;
        foreach (var d in dims)
            if (d != 2)
                throw new DimensionMismatchException(op, "drive", "an operator on two-level cells (Cooper-pair boxes)", drive.Dims.ToString());
        if (cells > CooperPairBoxes.MaxCells)
            throw new ValidationException(op, "drive", $"at most {CooperPairBoxes.MaxCells} boxes", $"{cells}");
        return cells;
    }
}
