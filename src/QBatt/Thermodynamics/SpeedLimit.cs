using System.Numerics;
using QBatt.Dynamics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Thermodynamics;

/// <summary>
/// Quantum speed limit of a charging trajectory (R8, Rev eq 14, PRL).
/// </summary>
/// <param name="Duration">T, the protocol time.</param>
/// <param name="BuresAngle">L(rho(0), rho(T)).</param>
/// <param name="MeanEnergyAboveGround">E = (1/T) int (&lt;H(t)&gt; - h_g(t)) dt.</param>
/// <param name="MeanEnergySpread">dE = (1/T) int Delta H(t) dt.</param>
/// <param name="MandelstamTamm">L / dE: valid for every unitary evolution (mixed states and time-dependent H included).</param>
/// <param name="MargolusLevitin">pi / (2 E) when the initial and final states are orthogonal pure states and H is time-independent, else NaN.</param>
/// <param name="Rigorous">T_QSL: the larger of the bounds that apply.</param>
/// <param name="PrlForm">L / min(E, dE) as written in Rev eq 14 and the PRL (a bound only for orthogonal pure states).</param>
/// <param name="PrlFormApplies">True when the PRL form is guaranteed (orthogonal pure initial and final states).</param>
/// <param name="Holds">T &gt;= <paramref name="Rigorous"/> within <paramref name="Tolerance"/> (relative).</param>
/// <param name="Tolerance">Relative slack of the check (time-average quadrature and integration error).</param>
public sealed record SpeedLimitReport(
    double Duration,
    double BuresAngle,
    double MeanEnergyAboveGround,
    double MeanEnergySpread,
    double MandelstamTamm,
    double MargolusLevitin,
    double Rigorous,
    double PrlForm,
    bool PrlFormApplies,
    bool Holds,
    double Tolerance);

/// <summary>
/// T_QSL of R8 from the time series of a trajectory: the rigorous bound max(L/dE, and pi/(2E) for
/// orthogonal pure states under a time-independent H), and the PRL form L/min(E, dE) reported beside
/// it, labelled, never asserted outside its validity.
/// </summary>
public static class SpeedLimit
{
    /// <summary>
    /// The speed limit from samples on the output grid: &lt;H(t)&gt; - h_g(t) and Delta H(t) are averaged over
    /// [times[0], times[^1]] (composite Simpson on uniform grids with an even number of intervals,
    /// trapezoid otherwise). <paramref name="orthogonalPureStates"/>: initial and final states are pure and orthogonal.
    /// </summary>
    public static SpeedLimitReport Evaluate(IReadOnlyList<double> times, IReadOnlyList<double> energyAboveGround, IReadOnlyList<double> energySpread,
        double buresAngle, bool orthogonalPureStates, bool timeIndependent, double tolerance = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(energyAboveGround);
        ArgumentNullException.ThrowIfNull(energySpread);
        if (times.Count < 2)
            throw new ValidationException("SpeedLimit.Evaluate", "times", "at least two output times", $"{times.Count}");
        if (energyAboveGround.Count != times.Count || energySpread.Count != times.Count)
            throw new DimensionMismatchException("SpeedLimit.Evaluate", "energyAboveGround", $"{times.Count} samples (one per output time)", $"{energyAboveGround.Count} and {energySpread.Count}");
        Guard.NonNegative(buresAngle, "SpeedLimit.Evaluate", "buresAngle");
        Guard.NonNegative(tolerance, "SpeedLimit.Evaluate", "tolerance");
        var duration = times[^1] - times[0];
        Guard.Positive(duration, "SpeedLimit.Evaluate", "times");
        var e = Integrate(times, energyAboveGround) / duration;
        var de = Integrate(times, energySpread) / duration;
        var mt = de > 0 ? buresAngle / de : buresAngle > 0 ? double.PositiveInfinity : 0;
        var ml = orthogonalPureStates && timeIndependent ? (e > 0 ? Math.PI / (2 * e) : double.PositiveInfinity) : double.NaN;
        var rigorous = double.IsNaN(ml) ? mt : Math.Max(mt, ml);
        var m = Math.Min(e, de);
        var prl = m > 0 ? buresAngle / m : buresAngle > 0 ? double.PositiveInfinity : 0;
        var holds = duration >= rigorous * (1 - tolerance);
        return new SpeedLimitReport(duration, buresAngle, e, de, mt, ml, rigorous, prl, orthogonalPureStates, holds, tolerance);
    }

    /// <summary>int f dt over the samples: composite Simpson on uniform grids with an even number of intervals, else trapezoid.</summary>
    public static double Integrate(IReadOnlyList<double> t, IReadOnlyList<double> f)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(f);
        var n = t.Count;
        if (f.Count != n)
            throw new DimensionMismatchException("SpeedLimit.Integrate", "f", $"{n} samples", $"{f.Count}");
        if (n < 2) return 0;
        var h = (t[^1] - t[0]) / (n - 1);
        var uniform = true;
        for (var k = 1; k < n && uniform; k++) uniform = Math.Abs(t[k] - t[k - 1] - h) <= 1e-9 * Math.Abs(h);
        if (uniform && (n - 1) % 2 == 0)
        {
            double s = f[0] + f[^1];
            for (var k = 1; k < n - 1; k++) s += (k % 2 == 1 ? 4 : 2) * f[k];
            return s * h / 3;
        }
        double sum = 0;
        for (var k = 1; k < n; k++) sum += 0.5 * (f[k] + f[k - 1]) * (t[k] - t[k - 1]);
        return sum;
    }
}

/// <summary>
/// An output callback that records, from the state at every output time, what the speed limit and the
/// power need (R7, R8): &lt;H(t)&gt;, Delta H(t) (from H(t)|psi&gt;), the instantaneous ground energy h_g(t),
/// the battery energy tr[rho H0] and P(t) = i tr(rho [H(t), H0]). Pass <see cref="OnKet"/> or
/// <see cref="OnDensityMatrix"/> to a solver's Run as the callback.
/// </summary>
public sealed class EnergyStatistics
{
    private readonly Hamiltonian _h;
    private readonly Operator? _h0;
    private readonly ILinearAlgebraBackend? _backend;
    private readonly SortedDictionary<int, (double T, double E, double Spread, double Ground, double Battery, double Power)> _rows = [];
    private double? _constantGround;

    /// <summary>Statistics of H(t); battery energy and power when <paramref name="h0"/> is given.</summary>
    public EnergyStatistics(Hamiltonian hamiltonian, Operator? h0 = null, ILinearAlgebraBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(hamiltonian);
        if (h0 is not null) hamiltonian.Dims.RequireSame(h0.Dims, "EnergyStatistics", "h0");
        _h = hamiltonian;
        _h0 = h0;
        _backend = backend;
    }

    private double Ground(Operator ht)
    {
        if (_h.IsTimeIndependent) return _constantGround ??= ht.LowestEigenvalue(_backend);
        return ht.LowestEigenvalue(_backend);
    }

    /// <summary>Records the output at index <paramref name="index"/> (time t, pure state).</summary>
    public void OnKet(int index, double t, Ket psi)
    {
        ArgumentNullException.ThrowIfNull(psi);
        var ht = _h.At(t);
        var hp = ht.Apply(psi.Amplitudes);
        var e = VectorOps.Dot(psi.Amplitudes, hp).Real;
        var e2 = VectorOps.Dot(hp, hp).Real;
        double battery = double.NaN, power = double.NaN;
        if (_h0 is not null)
        {
            var h0p = _h0.Apply(psi.Amplitudes);
            battery = VectorOps.Dot(psi.Amplitudes, h0p).Real;
            power = -2 * VectorOps.Dot(hp, h0p).Imaginary;
        }
        _rows[index] = (t, e, Math.Sqrt(Math.Max(0, e2 - e * e)), Ground(ht), battery, power);
    }

    /// <summary>Records the output at index <paramref name="index"/> (time t, density matrix).</summary>
    public void OnDensityMatrix(int index, double t, DensityMatrix rho)
    {
        ArgumentNullException.ThrowIfNull(rho);
        var ht = _h.At(t);
        var e = ht.Expectation(rho).Real;
        var e2 = (ht * ht).Expectation(rho).Real;
        double battery = double.NaN, power = double.NaN;
        if (_h0 is not null)
        {
            battery = _h0.Expectation(rho).Real;
            power = Thermodynamics.Power.Instantaneous(rho, ht, _h0);
        }
        _rows[index] = (t, e, Math.Sqrt(Math.Max(0, e2 - e * e)), Ground(ht), battery, power);
    }

    /// <summary>Output times recorded, in index order.</summary>
    public double[] Times => [.. _rows.Values.Select(r => r.T)];

    /// <summary>&lt;H(t)&gt;.</summary>
    public double[] MeanEnergy => [.. _rows.Values.Select(r => r.E)];

    /// <summary>Delta H(t) = sqrt(&lt;H^2&gt; - &lt;H&gt;^2).</summary>
    public double[] EnergySpread => [.. _rows.Values.Select(r => r.Spread)];

    /// <summary>h_g(t), the smallest eigenvalue of H(t).</summary>
    public double[] GroundEnergy => [.. _rows.Values.Select(r => r.Ground)];

    /// <summary>&lt;H(t)&gt; - h_g(t).</summary>
    public double[] EnergyAboveGround => [.. _rows.Values.Select(r => r.E - r.Ground)];

    /// <summary>tr[rho(t) H0] (NaN without H0).</summary>
    public double[] BatteryEnergy => [.. _rows.Values.Select(r => r.Battery)];

    /// <summary>P(t) = i tr(rho [H(t), H0]) (NaN without H0).</summary>
    public double[] Power => [.. _rows.Values.Select(r => r.Power)];

    /// <summary>
    /// The speed limit of the recorded trajectory from its Bures angle L(rho(0), rho(T)) and whether the
    /// end states are orthogonal pure states.
    /// </summary>
    public SpeedLimitReport SpeedLimitReport(double buresAngle, bool orthogonalPureStates, double tolerance = 1e-6) =>
        Thermodynamics.SpeedLimit.Evaluate(Times, EnergyAboveGround, EnergySpread, buresAngle, orthogonalPureStates, _h.IsTimeIndependent, tolerance);
}
