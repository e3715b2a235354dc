using QBatt.Quantum;

namespace QBatt.Control;

/// <summary>One controlled drive term u_k(t) H_k of a <see cref="ControlProblem"/> (R17).</summary>
/// <param name="Name">Its name on the command line and in outputs, e.g. "global", "flip0", "coupling", "drive1".</param>
/// <param name="Operator">The Hermitian operator H_k.</param>
public sealed record ControlTerm(string Name, Operator Operator);
