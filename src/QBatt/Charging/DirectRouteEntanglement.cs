using System.Globalization;
using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Charging;

/// <summary>The direct route's most entangled sampled state (R5: the two-level rotation between states differing in several cells).</summary>
/// <param name="Transposition">Which transposition, rotated directly.</param>
/// <param name="Alpha">Its first product state.</param>
/// <param name="Beta">Its second product state.</param>
/// <param name="Angle">Rotation angle theta in (0, pi/2).</param>
/// <param name="MinPptEigenvalue">Smallest partial-transpose eigenvalue over every bipartition (negative: entangled).</param>
/// <param name="Cut">The subsystems transposed at that minimum.</param>
public sealed record DirectRouteEntanglement(int Transposition, int Alpha, int Beta, double Angle, double MinPptEigenvalue, int[] Cut);
