using System.Globalization;
using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Studies;
using QBatt.Thermodynamics;

namespace QBatt.Batteries;

/// <summary>A time-independent charging Hamiltonian of N Cooper-pair boxes: one gate amplitude per box and two-body couplings (R15).</summary>
/// <param name="Gates">a_l of the gate pulses a_l sigma_x^l, one per box.</param>
/// <param name="Couplings">The two-body terms.</param>
public sealed record CooperInstance(IReadOnlyList<double> Gates, IReadOnlyList<PairCoupling> Couplings)
{
    /// <summary>Number of boxes.</summary>
    public int Cells => Gates.Count;

    /// <summary>sum_l a_l sigma_x^l + sum over the couplings (J_xx XX + J_yy YY + J_zz ZZ).</summary>
    public Operator ToOperator() => CooperPairBoxes.GatePulses(Gates) + CooperPairBoxes.Couplings(Cells, Couplings);
}
