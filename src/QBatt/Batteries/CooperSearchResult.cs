using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Studies;

namespace QBatt.Batteries;

/// <summary>The result of <see cref="CooperPairBattery.Search"/>.</summary>
/// <param name="Options">The options.</param>
/// <param name="SampleGammas">Gamma_C0 of every random instance.</param>
/// <param name="RandomBest">The largest Gamma_C0 among the random instances (before the structured start and the refinement).</param>
/// <param name="Best">The best instance after the refinement.</param>
/// <param name="BestGamma">Its Gamma_C0 (fast path: exact propagator, max_t W(t)/t).</param>
/// <param name="Comparison">The best instance compared through <see cref="Advantage.Compare(ChargingProtocol, ChargingProtocol, int, ChargingConstraint, ChargingOptions?)"/> under C0, C1, C2.</param>
public sealed record CooperSearchResult(CooperSearchOptions Options, IReadOnlyList<double> SampleGammas, double RandomBest, CooperInstance Best, double BestGamma, CooperComparison Comparison);
