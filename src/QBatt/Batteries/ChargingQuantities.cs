using QBatt.Thermodynamics;

namespace QBatt.Batteries;

/// <summary>What a charging run computes besides W(t) and the maximal average power (R7-R9, R16).</summary>
[Flags]
public enum ChargingQuantities
{
    /// <summary>W(t), E(t) and the maximal average power only.</summary>
    None = 0,

    /// <summary>P(t) = dW/dt from the state (also refines the charging time by Hermite interpolation).</summary>
    Power = 1,

    /// <summary>The ergotropy along the trajectory (closed dynamics: E(t) minus the conserved passive energy; open: from the states).</summary>
    Ergotropy = 2,

    /// <summary>Also the incoherent and coherent parts of the ergotropy, the passive energy and the entropy (from the states).</summary>
    ErgotropyParts = 4,

    /// <summary>The constraint functionals C0, C1, C2 and the speed limit on [0, T] of the charging time T (operator systems).</summary>
    Constraints = 8,

    /// <summary>Keep the states at the output times in the run.</summary>
    States = 16,
}
