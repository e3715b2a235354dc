using QBatt.Dynamics;
using QBatt.Quantum;

namespace QBatt.Thermodynamics;

/// <summary>
/// The expectation values a solver records so that a trajectory yields the battery energy, the
/// deposited work W(t) and the instantaneous power P(t) = i tr(rho [H(t), H0]) computed from the state
/// (R7): H0 itself and i[H_k, H0] for every term of H(t) = H_0 + sum_k f_k(t) H_k, combined with the
/// coefficients f_k(t) afterwards. Add <see cref="Observables"/> to a solver's observables.
/// </summary>
public sealed class ChargingObservables
{
    /// <summary>Name of the battery-energy observable.</summary>
    public const string EnergyName = "charging:H0";

    private readonly Hamiltonian _h;
    private readonly Observable[] _observables;

    /// <summary>Observables for charging under <paramref name="hamiltonian"/> with battery Hamiltonian <paramref name="h0"/> (instantaneous power included unless <paramref name="includePower"/> is false).</summary>
    public ChargingObservables(Hamiltonian hamiltonian, Operator h0, bool includePower = true)
    {
        ArgumentNullException.ThrowIfNull(hamiltonian);
        ArgumentNullException.ThrowIfNull(h0);
        hamiltonian.Dims.RequireSame(h0.Dims, "ChargingObservables", "h0");
        h0.RequireHermitian("ChargingObservables", "h0", hamiltonian.HermitianTolerance);
        _h = hamiltonian;
        H0 = h0;
        var list = new List<Observable> { new(EnergyName, h0) };
        if (includePower)
        {
            list.Add(new Observable(PowerName(0), Power.Operator(hamiltonian.Constant, h0)));
            for (var k = 0; k < hamiltonian.Drives.Count; k++)
                list.Add(new Observable(PowerName(k + 1), Power.Operator(hamiltonian.Drives[k].Operator, h0)));
        }
        IncludesPower = includePower;
        _observables = [.. list];
    }

    /// <summary>The battery Hamiltonian.</summary>
    public Operator H0 { get; }

    /// <summary>True when the power observables are included.</summary>
    public bool IncludesPower { get; }

    /// <summary>The observables to record (battery energy, then i[H_k, H0] for each term).</summary>
    public IReadOnlyList<Observable> Observables => _observables;

    /// <summary>Name of the power observable of term k (0: the constant part).</summary>
    public static string PowerName(int k) => $"charging:P{k}";

    /// <summary>tr[rho(t) H0] at the output times.</summary>
    public double[] Energy<TState>(Trajectory<TState> trajectory) where TState : class
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        return trajectory.Expectation(EnergyName);
    }

    /// <summary>W(t) = tr[rho(t) H0] - tr[rho(0) H0] at the output times.</summary>
    public double[] Work<TState>(Trajectory<TState> trajectory) where TState : class => Thermodynamics.Power.Work(Energy(trajectory));

    /// <summary>P(t) = sum_k f_k(t) &lt;i[H_k, H0]&gt;(t) at the output times (f_0 = 1).</summary>
    public double[] InstantaneousPower<TState>(Trajectory<TState> trajectory) where TState : class
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        if (!IncludesPower)
            throw new ValidationException("ChargingObservables.InstantaneousPower", "includePower", "observables built with the power terms", "includePower = false");
        var t = trajectory.Times;
        var p = trajectory.Expectation(PowerName(0));
        for (var k = 0; k < _h.Drives.Count; k++)
        {
            var pk = trajectory.Expectation(PowerName(k + 1));
            var f = _h.Drives[k].Coefficient;
            for (var i = 0; i < p.Length; i++) p[i] += f.Value(t[i]) * pk[i];
        }
        return p;
    }

    /// <summary>max_t W(t)/t and the charging time, refined with the Hermite interpolant when P is recorded.</summary>
    public MaxAveragePower MaximumAveragePower<TState>(Trajectory<TState> trajectory) where TState : class
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var w = Work(trajectory);
        var t = trajectory.Times.Select(x => x - trajectory.Times[0]).ToArray();
        var r = Thermodynamics.Power.MaximumAverage(t, w, IncludesPower ? InstantaneousPower(trajectory) : null);
        return r with { Time = r.Time + trajectory.Times[0], GridTime = r.GridTime + trajectory.Times[0] };
    }
}
