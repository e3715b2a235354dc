using System.Globalization;
using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Charging;

/// <summary>What <see cref="EntanglementFreeExtraction.Verify"/> found.</summary>
/// <param name="FinalIsPassive">The final state's populations do not increase with energy (within the tolerance).</param>
/// <param name="MaxShellDeviation">Largest difference between the final populations and the passive state's, energy shell by energy shell (sorted inside a shell, since any order is passive there).</param>
/// <param name="FinalEnergy">Energy of the final state.</param>
/// <param name="PassiveEnergy">Energy of the passive state (sorted pairing).</param>
/// <param name="SeparableThroughout">Every sampled intermediate state is PPT across every bipartition.</param>
/// <param name="MinPptEigenvalue">Smallest partial-transpose eigenvalue over the sampled states and bipartitions.</param>
/// <param name="WorstCut">The bipartition where it occurs.</param>
/// <param name="StatesChecked">Number of sampled intermediate states.</param>
/// <param name="Bipartitions">Number of bipartitions checked per state (2^(n-1) - 1).</param>
/// <param name="Direct">The direct route's most negative partial-transpose eigenvalue, when some transposition changes two or more cells; null otherwise.</param>
public sealed record ExtractionVerification(
    bool FinalIsPassive,
    double MaxShellDeviation,
    double FinalEnergy,
    double PassiveEnergy,
    bool SeparableThroughout,
    double MinPptEigenvalue,
    int[] WorstCut,
    int StatesChecked,
    int Bipartitions,
    DirectRouteEntanglement? Direct)
{
    /// <summary>True when the direct route produced a negative partial-transpose eigenvalue beyond the tolerance.</summary>
    public bool DirectRouteEntangles { get; init; }
}
