using System.Globalization;
using QBatt.Batteries;
using QBatt.Dynamics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Charging;

/// <summary>How a charging protocol ends (R7).</summary>
public enum ChargingEnd
{
    /// <summary>At the first time the state reaches the target state (searched up to a horizon).</summary>
    Target,

    /// <summary>At a fixed time T.</summary>
    Duration,

    /// <summary>At the time in (0, horizon] that maximises the average power W(t)/t (R7's charging time).</summary>
    MaximumAveragePower,
}

/// <summary>
/// A charging protocol (R7, R9): an initial state of the battery, the battery Hamiltonian H0 that
/// measures the stored energy, and the driving Hamiltonian H(t) that generates the evolution over
/// [0, T], where T is fixed, the first time a target state is reached, or the time of maximal
/// average power. As in the PRL and the review's eqs 18-22, H(t) alone generates the evolution (the
/// cells' own H0 is switched off during charging, or included in H(t) by the caller) and is what the
/// constraints C0-C2 and the rescaling H -&gt; c H act on. Immutable; run it with <see cref="Run"/>.
/// </summary>
public sealed class ChargingProtocol
{
    private ChargingProtocol(Hamiltonian drive, Operator battery, Ket? initialKet, DensityMatrix? initialMixed,
        Ket? targetKet, DensityMatrix? targetMixed, ChargingEnd end, double time, string operation)
    {
        ArgumentNullException.ThrowIfNull(drive);
        ArgumentNullException.ThrowIfNull(battery);
        drive.Dims.RequireSame(battery.Dims, operation, "battery");
        battery.RequireHermitian(operation, "battery", drive.HermitianTolerance);
        if (initialKet is not null) drive.Dims.RequireSame(initialKet.Dims, operation, "initial");
        if (initialMixed is not null) drive.Dims.RequireSame(initialMixed.Dims, operation, "initial");
        if (targetKet is not null) drive.Dims.RequireSame(targetKet.Dims, operation, "target");
        if (targetMixed is not null)
        {
            drive.Dims.RequireSame(targetMixed.Dims, operation, "target");
            // a unitary protocol cannot change the spectrum (PRL: rho and sigma on the same unitary orbit)
            var a = initialMixed!.Eigenvalues();
            var b = targetMixed.Eigenvalues();
            var gap = a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
            if (gap > 1e-8)
                throw new ValidationException(operation, "target", "a state with the initial state's spectrum (on its unitary orbit)", $"spectra differing by {QBattException.Num(gap)}");
        }
        if (!(time > 0) || !double.IsFinite(time))
            throw new ValidationException(operation, end == ChargingEnd.Duration ? "duration" : "horizon", "a positive finite time", time.ToString(CultureInfo.InvariantCulture));
        Drive = drive;
        Battery = battery;
        InitialKet = initialKet;
        InitialMixed = initialMixed;
        TargetKet = targetKet;
        TargetMixed = targetMixed;
        End = end;
        Time = time;
    }

    /// <summary>Charging from a pure state until the pure target is reached (first time, searched in (0, horizon]).</summary>
    public static ChargingProtocol ToTarget(Hamiltonian drive, Operator battery, Ket initial, Ket target, double horizon)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(target);
        return new(drive, battery, initial, null, target, null, ChargingEnd.Target, horizon, "ChargingProtocol.ToTarget");
    }

    /// <summary>Charging from a mixed state until the target (same spectrum) is reached (first time, searched in (0, horizon]).</summary>
    public static ChargingProtocol ToTarget(Hamiltonian drive, Operator battery, DensityMatrix initial, DensityMatrix target, double horizon)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(target);
        return new(drive, battery, null, initial, null, target, ChargingEnd.Target, horizon, "ChargingProtocol.ToTarget");
    }

    /// <summary>Charging from a pure state for a fixed time.</summary>
    public static ChargingProtocol ForDuration(Hamiltonian drive, Operator battery, Ket initial, double duration)
    {
        ArgumentNullException.ThrowIfNull(initial);
        return new(drive, battery, initial, null, null, null, ChargingEnd.Duration, duration, "ChargingProtocol.ForDuration");
    }

    /// <summary>Charging from a mixed state for a fixed time.</summary>
    public static ChargingProtocol ForDuration(Hamiltonian drive, Operator battery, DensityMatrix initial, double duration)
    {
        ArgumentNullException.ThrowIfNull(initial);
        return new(drive, battery, null, initial, null, null, ChargingEnd.Duration, duration, "ChargingProtocol.ForDuration");
    }

    /// <summary>Charging from a pure state until the time of maximal average power in (0, horizon] (R7).</summary>
    public static ChargingProtocol ToMaximumPower(Hamiltonian drive, Operator battery, Ket initial, double horizon)
    {
        ArgumentNullException.ThrowIfNull(initial);
        return new(drive, battery, initial, null, null, null, ChargingEnd.MaximumAveragePower, horizon, "ChargingProtocol.ToMaximumPower");
    }

    /// <summary>Charging from a mixed state until the time of maximal average power in (0, horizon] (R7).</summary>
    public static ChargingProtocol ToMaximumPower(Hamiltonian drive, Operator battery, DensityMatrix initial, double horizon)
    {
        ArgumentNullException.ThrowIfNull(initial);
        return new(drive, battery, null, initial, null, null, ChargingEnd.MaximumAveragePower, horizon, "ChargingProtocol.ToMaximumPower");
    }

    /// <summary>The driving Hamiltonian H(t), which generates the evolution.</summary>
    public Hamiltonian Drive { get; }

    /// <summary>The battery Hamiltonian H0 (energies, work and power are measured with it).</summary>
    public Operator Battery { get; }

    /// <summary>The initial state when pure.</summary>
    public Ket? InitialKet { get; }

    /// <summary>The initial state when mixed.</summary>
    public DensityMatrix? InitialMixed { get; }

    /// <summary>The target when pure (<see cref="ChargingEnd.Target"/>).</summary>
    public Ket? TargetKet { get; }

    /// <summary>The target when mixed (<see cref="ChargingEnd.Target"/>).</summary>
    public DensityMatrix? TargetMixed { get; }

    /// <summary>How the protocol ends.</summary>
    public ChargingEnd End { get; }

    /// <summary>The search horizon (<see cref="ChargingEnd.Target"/>, <see cref="ChargingEnd.MaximumAveragePower"/>) or the duration.</summary>
    public double Time { get; }

    /// <summary>True for a pure initial state.</summary>
    public bool IsPure => InitialKet is not null;

    /// <summary>Subsystem dimensions.</summary>
    public Dims Dims => Drive.Dims;

    /// <summary>
    /// The rescaled protocol H(t) -&gt; c H(c t) on [0, T/c] (R9): the same trajectory traversed c times
    /// faster, so every constraint functional (a time average of a quantity linear in H) is multiplied by c.
    /// </summary>
    public ChargingProtocol Scaled(double c)
    {
        Guard.Positive(c, "ChargingProtocol.Scaled", "c");
        var drives = Drive.Drives.Select(d => new DriveTerm(d.Operator, ScaledTimeFunction.Of(d.Coefficient, c)));
        var h = new Hamiltonian(c * Drive.Constant, drives, Drive.HermitianTolerance);
        return new ChargingProtocol(h, Battery, InitialKet, InitialMixed, TargetKet, TargetMixed, End, Time / c, "ChargingProtocol.Scaled");
    }

    /// <summary>Runs the protocol through the one runner (<see cref="Batteries.ChargingRunner"/>) and evaluates work, power, the constraints C0-C2 and the speed limit.</summary>
    public ChargingResult Run(ChargingOptions? options = null) => Batteries.ChargingRunner.Run(Batteries.ChargingSetup.For(this, options)).Protocol!;

    /// <summary>A one-line description of the end condition.</summary>
    public string DescribeEnd() => End switch
    {
        ChargingEnd.Target => $"first time the target is reached (searched in (0, {QBattException.Num(Time)}])",
        ChargingEnd.Duration => $"fixed duration {QBattException.Num(Time)}",
        _ => $"maximal average power W(t)/t in (0, {QBattException.Num(Time)}]",
    };
}

/// <summary>c f(c t): a drive coefficient of a protocol rescaled by c (constant pieces stay constant, breakpoints move to t/c).</summary>
internal sealed class ScaledTimeFunction : TimeFunction
{
    private readonly TimeFunction _f;
    private readonly double _c;
    private readonly double[] _breaks;

    private ScaledTimeFunction(TimeFunction f, double c)
    {
        _f = f;
        _c = c;
        _breaks = [.. f.Breakpoints.Select(t => t / c)];
    }

    public static TimeFunction Of(TimeFunction f, double c) =>
        f.IsConstantOn(double.NegativeInfinity, double.PositiveInfinity) ? Constant(c * f.Value(0)) : new ScaledTimeFunction(f, c);

    public override string Name => _f.Name;

    public override double Value(double t) => _c * _f.Value(_c * t);

    public override IReadOnlyList<double> Breakpoints => _breaks;

    public override bool IsConstantOn(double a, double b) => _f.IsConstantOn(_c * a, _c * b);

    public override string Describe() => $"{_c.ToString("G6", CultureInfo.InvariantCulture)} x ({_f.Describe()}) at {_c.ToString("G6", CultureInfo.InvariantCulture)} t";
}
