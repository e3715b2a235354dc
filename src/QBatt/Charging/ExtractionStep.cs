using System.Globalization;
using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Charging;

/// <summary>One step of the plan: a full two-level rotation (swap) between product states that differ in one cell (R5, Rev eq 12).</summary>
/// <param name="Index">Position in the plan.</param>
/// <param name="Transposition">The direct transposition this step belongs to.</param>
/// <param name="From">Product state |mu&gt; (flat index; cell 0 most significant).</param>
/// <param name="To">Product state |mu'&gt;, equal to |mu&gt; except in <paramref name="Cell"/>.</param>
/// <param name="Cell">The one cell whose level changes.</param>
/// <param name="FromLevel">Its level in |mu&gt;.</param>
/// <param name="ToLevel">Its level in |mu'&gt;.</param>
/// <param name="Trivial">True when the two populations are equal at that point, so the step leaves the state unchanged and is skipped.</param>
public sealed record ExtractionStep(int Index, int Transposition, int From, int To, int Cell, int FromLevel, int ToLevel, bool Trivial);
