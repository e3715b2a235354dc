using QBatt.Dynamics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Batteries;

/// <summary>
/// An expectation value whose largest value over the outputs must not exceed a tolerance, e.g. the population of
/// the top Fock level of a truncated cavity (R12): beyond it the run warns, or fails when strict.
/// </summary>
/// <param name="Name">What it is, e.g. "top Fock level".</param>
/// <param name="Operator">The observable (a projector for populations).</param>
/// <param name="Tolerance">Largest acceptable value.</param>
/// <param name="Advice">What to do about it, appended to the warning, e.g. "with 40 photon levels; raise the cutoff".</param>
/// <param name="Strict">Fail (<see cref="ConvergenceException"/>) instead of warning.</param>
public sealed record ObservableLimit(string Name, Operator Operator, double Tolerance, string Advice, bool Strict = false);
