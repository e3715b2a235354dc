using QBatt.Quantum;

namespace QBatt.Dynamics;

/// <summary>An expectation value to record along a trajectory: &lt;A&gt;(t) = tr(rho(t) A).</summary>
/// <param name="Name">Name in results and outputs.</param>
/// <param name="Operator">The operator A (on the solver's dims; Hermitian for real values).</param>
public sealed record Observable(string Name, Operator Operator);
