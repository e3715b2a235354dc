using QBatt.Dynamics;
using QBatt.Quantum;

namespace QBatt.Thermodynamics;

/// <summary>
/// The expectation values a solver records so that a trajectory yields the battery energy, the
/// deposited work W(t) and the instantaneous power P(t) = dW/dt computed from the state (R7, R16):
/// H0 itself, i[H_k, H0] for every term of H(t) = H_0 + sum_k f_k(t) H_k (combined with the
/// coefficients f_k(t) afterwards), and for open dynamics the dissipative part
/// tr(D[rho] H0) = tr(rho D^dag[H0]) with D^dag[H0] = sum_k (C_k^dag H0 C_k - {C_k^dag C_k, H0}/2).
/// Add <see cref="Observables"/> to a solver's observables.
/// </summary>
public sealed class ChargingObservables
{
    /// <summary>Name of the battery-energy observable.</summary>
    public const string EnergyName = "charging:H0";

    private readonly Hamiltonian _h;
    private readonly Observable[] _observables;

    /// <summary>Name of the dissipative power observable (open dynamics).</summary>
    public const string DissipativePowerName = "charging:PD";

    /// <summary>
    /// Observables for charging under <paramref name="hamiltonian"/> with battery Hamiltonian <paramref name="h0"/> (instantaneous
    /// power included unless <paramref name="includePower"/> is false), with the dissipative part of the power for the collapse
    /// operators <paramref name="collapse"/> of open dynamics.
    /// </summary>
    public ChargingObservables(Hamiltonian hamiltonian, Operator h0, bool includePower = true, IReadOnlyList<Operator>? collapse = null)
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
            if (collapse is { Count: > 0 })
            {
                list.Add(new Observable(DissipativePowerName, Power.DissipativeOperator(collapse, h0)));
                IsOpen = true;
            }
        }
        IncludesPower = includePower;
        _observables = [.. list];
    }

    /// <summary>The battery Hamiltonian.</summary>
    public Operator H0 { get; }

    /// <summary>True when the power observables are included.</summary>
    public bool IncludesPower { get; }

    /// <summary>True when the dissipative part of the power is recorded (open dynamics).</summary>
    public bool IsOpen { get; }

    /// <summary>The observables to record (battery energy, then i[H_k, H0] for each term).</summary>
    public IReadOnlyList<Observable> Observables => _observables;

    /// <summary>Name of the power observable of term k (0: the constant part).</summary>
    public static string PowerName(int k) => $"charging:P{k}";

    /// <summary>tr[rho(t) H0] at the output times.</summary>
    public double[] Energy(Trajectory trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        return trajectory.Expectation(EnergyName);
    }

    /// <summary>W(t) = tr[rho(t) H0] - tr[rho(0) H0] at the output times.</summary>
    public double[] Work(Trajectory trajectory) => Thermodynamics.Power.Work(Energy(trajectory));

    /// <summary>P(t) = sum_k f_k(t) &lt;i[H_k, H0]&gt;(t) + &lt;D^dag[H0]&gt;(t) at the output times (f_0 = 1; the last term for open dynamics).</summary>
    public double[] InstantaneousPower(Trajectory trajectory)
    {
        var p = HamiltonianPower(trajectory);
        if (IsOpen)
        {
            var d = trajectory.Expectation(DissipativePowerName);
            for (var i = 0; i < p.Length; i++) p[i] += d[i];
        }
        return p;
    }

    /// <summary>The Hamiltonian part i tr(rho [H(t), H0]) of the power at the output times (all of it for closed dynamics).</summary>
    public double[] HamiltonianPower(Trajectory trajectory)
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
    public MaxAveragePower MaximumAveragePower(Trajectory trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var w = Work(trajectory);
        var t = trajectory.Times.Select(x => x - trajectory.Times[0]).ToArray();
        var r = Thermodynamics.Power.MaximumAverage(t, w, IncludesPower ? InstantaneousPower(trajectory) : null);
        return r with { Time = r.Time + trajectory.Times[0], GridTime = r.GridTime + trajectory.Times[0] };
    }
}
