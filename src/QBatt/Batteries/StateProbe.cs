using QBatt.Dynamics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Batteries;

/// <summary>
/// The battery energy and the ergotropy at any time of a time-independent run, from the state (R2, R16): the state at an output
/// time (the anchor) is propagated by the engine's dispatcher to each trial time after it, so a refinement inside one output
/// interval costs one propagation over less than that interval per trial.
/// </summary>
internal sealed class StateProbe
{
    private readonly EvolutionProblem _problem;
    private readonly EvolutionOptions _options;
    private readonly ErgotropyTracker _tracker;
    private readonly double _t0;
    private double _anchorTime;
    private object _anchorState;
    private PreparedEvolution? _fromAnchor;

    public StateProbe(EvolutionProblem problem, Operator battery, double t0, EvolutionOptions options, IReadOnlyList<int>? batterySubsystems = null)
    {
        _problem = problem;
        _options = options;
        // a battery that is part of the system (the cells of a Dicke battery): battery acts on those subsystems, the state is reduced to them
        _tracker = new ErgotropyTracker(battery, options.Backend, batterySubsystems);
        _t0 = t0;
        _anchorTime = t0;
        _anchorState = (object?)problem.InitialKet ?? problem.InitialMixed!;
    }

    /// <summary>Propagations made so far.</summary>
    public int Evaluations { get; private set; }

    /// <summary>Moves the anchor to time <paramref name="t"/> (at or after the start).</summary>
    public void Anchor(double t)
    {
        if (t == _anchorTime && _fromAnchor is not null) return;
        if (t > _t0)
        {
            object? state = null;
            EvolutionDispatcher.Prepare(_problem, _options).Run([_t0, t], callback: (i, _, s) => { if (i == 1) state = s; });
            _anchorState = state!;
        }
        else
        {
            _anchorState = (object?)_problem.InitialKet ?? _problem.InitialMixed!;
        }
        _anchorTime = Math.Max(t, _t0);
        _fromAnchor = EvolutionDispatcher.Prepare(_anchorState is Ket k ? _problem with { InitialKet = k, InitialMixed = null } : _problem with { InitialKet = null, InitialMixed = (DensityMatrix)_anchorState }, _options);
    }

    /// <summary>(energy tr[rho H0], ergotropy) at time <paramref name="t"/> &gt;= the anchor.</summary>
    public (double Energy, double Ergotropy) At(double t)
    {
        if (_fromAnchor is null) Anchor(_t0);
        var s = t - _anchorTime;
        object state = _anchorState;
        if (s > 0)
        {
            _fromAnchor!.Run([0, s], callback: (i, _, x) => { if (i == 1) state = x; });
            Evaluations++;
        }
        var r = _tracker.Of(state as DensityMatrix ?? DensityMatrix.FromKet((Ket)state));
        return (r.Value + r.Passive, r.Value);
    }
}
