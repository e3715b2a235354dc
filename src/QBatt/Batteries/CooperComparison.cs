using System.Globalization;
using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Studies;
using QBatt.Thermodynamics;

namespace QBatt.Batteries;

/// <summary>The fair comparison of a Cooper-pair-box drive with independent charging under C0, C1 and C2 (R9, R15).</summary>
/// <param name="Cells">N.</param>
/// <param name="Reference">One box under its gate pulse sigma_x from |0&gt;, ended at maximal average power (the parallel reference, one copy).</param>
/// <param name="Unscaled">The collective drive as given, ended at maximal average power.</param>
/// <param name="Results">Advantage.Compare under C0, C1, C2 (in that order).</param>
public sealed record CooperComparison(int Cells, ChargingResult Reference, ChargingResult Unscaled, IReadOnlyList<AdvantageResult> Results)
{
    /// <summary>The comparison under one constraint.</summary>
    public AdvantageResult Get(ChargingConstraint constraint) => Results.First(r => r.Constraint == constraint);

    /// <summary>T &gt;= T_QSL (R8) on the reference, the unscaled and every rescaled run.</summary>
    public bool SpeedLimitHolds => Reference.SpeedLimit.Holds && Unscaled.SpeedLimit.Holds && Results.All(r => r.Collective.SpeedLimit.Holds);
}
