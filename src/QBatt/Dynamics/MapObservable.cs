using QBatt.Numerics;

namespace QBatt.Dynamics;

/// <summary>An expectation value to record along a trajectory, with the operator given as a linear map (matrix-free; Hermitian for real values).</summary>
/// <param name="Name">Name in results and outputs.</param>
/// <param name="Map">The operator A as a map on the solver's space.</param>
public sealed record MapObservable(string Name, ILinearMap Map);
