namespace QBatt.Control;

/// <summary>What the optimiser maximises at the fixed duration T of a <see cref="ControlProblem"/> (R17, R7).</summary>
public enum ControlObjective
{
    /// <summary>The deposited energy W(T) = tr[rho(T) H0] - tr[rho(0) H0].</summary>
    Energy,

    /// <summary>
    /// The average power W(T)/T; under a fair budget (<see cref="ControlProblem.Constraint"/>) the power of the protocol rescaled
    /// (H -&gt; c H, t -&gt; t/c) to saturate it, B W(T) / (T C(u)), which does not depend on the duration chosen.
    /// </summary>
    Power,

    /// <summary>
    /// The ergotropy at T. For the pure initial state and closed evolution of a control problem it is W(T) + e(0) - e_min (the
    /// passive energy of a pure state is e_min whatever the unitary), so it is maximised by the same pulse as the energy; the
    /// reported value adds the constant.
    /// </summary>
    Ergotropy,
}
