using QBatt.Numerics;

namespace QBatt.Charging;

/// <summary>
/// A fair comparison of collective against parallel charging (R9; PRL eqs 1-5): the collective
/// Hamiltonian rescaled so that the chosen constraint is saturated against N copies of the one-cell
/// reference, and the quantum advantage Gamma = &lt;P_coll&gt; / &lt;P_par&gt; (= T_par / T_coll at equal work).
/// </summary>
/// <param name="Constraint">The saturated constraint.</param>
/// <param name="Copies">N: the reference protocol is one of N parallel copies (1 when it already acts on all cells).</param>
/// <param name="Budget">The constraint value allowed to the collective protocol: N (C0, C2) or sqrt(N) (C1) times the reference's.</param>
/// <param name="Scale">c in H -&gt; c H(c t): budget over the unscaled collective value.</param>
/// <param name="Gamma">The quantum advantage (collective power over the N-copy parallel power).</param>
/// <param name="Reference">The reference run (one copy), its time T_par computed from its own evolution.</param>
/// <param name="CollectiveUnscaled">The collective protocol as given.</param>
/// <param name="Collective">The rescaled collective protocol's run.</param>
public sealed record AdvantageResult(ChargingConstraint Constraint, int Copies, double Budget, double Scale, double Gamma,
    ChargingResult Reference, ChargingResult CollectiveUnscaled, ChargingResult Collective)
{
    /// <summary>T_par, from the reference's evolution.</summary>
    public double ParallelTime => Reference.ChargingTime;

    /// <summary>T_coll of the rescaled collective protocol, from its evolution.</summary>
    public double CollectiveTime => Collective.ChargingTime;

    /// <summary>Work of the N parallel copies.</summary>
    public double ParallelWork => Copies * Reference.Work;

    /// <summary>Work of the rescaled collective protocol.</summary>
    public double CollectiveWork => Collective.Work;

    /// <summary>Average power of the N parallel copies.</summary>
    public double ParallelPower => ParallelWork / ParallelTime;

    /// <summary>Average power of the rescaled collective protocol.</summary>
    public double CollectivePower => Collective.AveragePower;

    /// <summary>|W_coll - W_par| / |W_par|: zero when the comparison is at equal work (then Gamma = T_par / T_coll).</summary>
    public double WorkMismatch => Math.Abs(CollectiveWork - ParallelWork) / Math.Abs(ParallelWork);
}
