using System.Globalization;
using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Charging;

/// <summary>A transposition |alpha&gt; &lt;-&gt; |beta&gt; of populations and its decomposition into 2h - 1 single-cell steps.</summary>
/// <param name="Index">Position in the plan.</param>
/// <param name="Alpha">First product state.</param>
/// <param name="Beta">Second product state.</param>
/// <param name="Distance">h, the number of cells in which they differ.</param>
/// <param name="FirstStep">Index of its first step.</param>
/// <param name="StepCount">2h - 1.</param>
public sealed record ExtractionTransposition(int Index, int Alpha, int Beta, int Distance, int FirstStep, int StepCount);
