using System.Globalization;

namespace QBatt.Dynamics;

/// <summary>
/// A real coefficient f(t) of a drive term f(t) H_k (R6). Besides its value, a time function tells
/// the solvers where it jumps or kinks (<see cref="Breakpoints"/>) and on which intervals it is
/// constant (<see cref="IsConstantOn"/>): the solvers split the time axis there, use the
/// time-independent propagators (Krylov, exact) on constant pieces and the adaptive integrator elsewhere.
/// Built-ins: <see cref="Constant"/>, <see cref="Step"/>, <see cref="Ramp"/>, <see cref="Sine"/>,
/// <see cref="GaussianPulse"/>, <see cref="PiecewiseConstant"/>; any smooth function through <see cref="Custom"/>.
/// </summary>
public abstract class TimeFunction
{
    /// <summary>Short name (the model-file <c>type</c>), e.g. <c>sine</c>.</summary>
    public abstract string Name { get; }

    /// <summary>f(t).</summary>
    public abstract double Value(double t);

    /// <summary>Times where f or its derivative is discontinuous (sorted; may be empty).</summary>
    public virtual IReadOnlyList<double> Breakpoints => [];

    /// <summary>True when f is constant on [a, b] (a &lt;= b). Conservative: false is always safe.</summary>
    public abstract bool IsConstantOn(double a, double b);

    /// <summary>A one-line description with the parameters, for outputs.</summary>
    public abstract string Describe();

    /// <summary>f(t) = value.</summary>
    public static TimeFunction Constant(double value) => new ConstantFunction(value);

    /// <summary>f(t) = amplitude for on &lt;= t &lt; off, 0 otherwise (off = +infinity: switched on for good).</summary>
    public static TimeFunction Step(double on, double amplitude = 1, double off = double.PositiveInfinity) => new StepFunction(on, off, amplitude);

    /// <summary>f linear from <paramref name="from"/> at t = start to <paramref name="to"/> at t = end, constant outside.</summary>
    public static TimeFunction Ramp(double start, double end, double from, double to) => new RampFunction(start, end, from, to);

    /// <summary>f(t) = offset + amplitude sin(frequency t + phase) (angular frequency).</summary>
    public static TimeFunction Sine(double amplitude, double frequency, double phase = 0, double offset = 0) => new SineFunction(amplitude, frequency, phase, offset);

    /// <summary>f(t) = amplitude exp(-(t - center)^2 / (2 width^2)).</summary>
    public static TimeFunction GaussianPulse(double amplitude, double center, double width) => new GaussianFunction(amplitude, center, width);

    /// <summary>
    /// f(t) = values[k] for times[k] &lt;= t &lt; times[k+1]; 0 before times[0] and values[^1] from times[^1] on
    /// (times.Length == values.Length, increasing): a bang-bang or sampled control.
    /// </summary>
    public static TimeFunction PiecewiseConstant(IReadOnlyList<double> times, IReadOnlyList<double> values) => new PiecewiseFunction(times, values);

    /// <summary>
    /// A sampled pulse: f(t_k) = v_k (times strictly increasing), interpolated on [t_0, t_last] by <paramref name="interpolation"/>
    /// (linear, natural cubic spline, or sample-and-hold) and 0 outside.
    /// </summary>
    public static TimeFunction Sampled(IReadOnlyList<double> times, IReadOnlyList<double> values, SampleInterpolation interpolation = SampleInterpolation.Cubic) =>
        new SampledFunction(times, values, interpolation);

    /// <summary>A smooth user function (never treated as constant; breakpoints optional).</summary>
    public static TimeFunction Custom(Func<double, double> f, string description, IReadOnlyList<double>? breakpoints = null) => new CustomFunction(f, description, breakpoints);

    private static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);

    private static void Finite(double x, string fn, string argument) => Guard.Finite(x, $"TimeFunction.{fn}", argument);

    private sealed class ConstantFunction : TimeFunction
    {
        private readonly double _v;

        public ConstantFunction(double v)
        {
            Finite(v, "Constant", "value");
            _v = v;
        }

        public override string Name => "constant";

        public override double Value(double t) => _v;

        public override bool IsConstantOn(double a, double b) => true;

        public override string Describe() => $"constant {F(_v)}";
    }

    private sealed class StepFunction : TimeFunction
    {
        private readonly double _on;
        private readonly double _off;
        private readonly double _amp;

        public StepFunction(double on, double off, double amp)
        {
            Finite(on, "Step", "on");
            Finite(amp, "Step", "amplitude");
            if (!(off > on))
                throw new ValidationException("TimeFunction.Step", "off", $"a time after on = {F(on)}", F(off));
            (_on, _off, _amp) = (on, off, amp);
        }

        public override string Name => "step";

        public override double Value(double t) => t >= _on && t < _off ? _amp : 0;

        public override IReadOnlyList<double> Breakpoints => double.IsFinite(_off) ? [_on, _off] : [_on];

        public override bool IsConstantOn(double a, double b) => !(a < _on && b > _on) && !(a < _off && b > _off);

        public override string Describe() => double.IsFinite(_off) ? $"step {F(_amp)} on [{F(_on)}, {F(_off)})" : $"step {F(_amp)} from {F(_on)}";
    }

    private sealed class RampFunction : TimeFunction
    {
        private readonly double _t0;
        private readonly double _t1;
        private readonly double _a;
        private readonly double _b;

        public RampFunction(double t0, double t1, double a, double b)
        {
            Finite(t0, "Ramp", "start");
            Finite(t1, "Ramp", "end");
            Finite(a, "Ramp", "from");
            Finite(b, "Ramp", "to");
            if (!(t1 > t0))
                throw new ValidationException("TimeFunction.Ramp", "end", $"a time after start = {F(t0)}", F(t1));
            (_t0, _t1, _a, _b) = (t0, t1, a, b);
        }

        public override string Name => "ramp";

        public override double Value(double t) => t <= _t0 ? _a : t >= _t1 ? _b : _a + (_b - _a) * (t - _t0) / (_t1 - _t0);

        public override IReadOnlyList<double> Breakpoints => [_t0, _t1];

        public override bool IsConstantOn(double a, double b) => _a == _b || b <= _t0 || a >= _t1;

        public override string Describe() => $"ramp {F(_a)} -> {F(_b)} on [{F(_t0)}, {F(_t1)}]";
    }

    private sealed class SineFunction : TimeFunction
    {
        private readonly double _amp;
        private readonly double _w;
        private readonly double _phi;
        private readonly double _c;

        public SineFunction(double amp, double w, double phi, double c)
        {
            Finite(amp, "Sine", "amplitude");
            Finite(w, "Sine", "frequency");
            Finite(phi, "Sine", "phase");
            Finite(c, "Sine", "offset");
            (_amp, _w, _phi, _c) = (amp, w, phi, c);
        }

        public override string Name => "sine";

        public override double Value(double t) => _c + _amp * Math.Sin(_w * t + _phi);

        public override bool IsConstantOn(double a, double b) => _amp == 0 || (_w == 0);

        public override string Describe() => $"{F(_c)} + {F(_amp)} sin({F(_w)} t + {F(_phi)})";
    }

    private sealed class GaussianFunction : TimeFunction
    {
        private readonly double _amp;
        private readonly double _t0;
        private readonly double _sigma;

        public GaussianFunction(double amp, double t0, double sigma)
        {
            Finite(amp, "GaussianPulse", "amplitude");
            Finite(t0, "GaussianPulse", "center");
            Guard.Positive(sigma, "TimeFunction.GaussianPulse", "width");
            (_amp, _t0, _sigma) = (amp, t0, sigma);
        }

        public override string Name => "gaussian";

        public override double Value(double t)
        {
            var x = (t - _t0) / _sigma;
            return _amp * Math.Exp(-0.5 * x * x);
        }

        public override bool IsConstantOn(double a, double b) => _amp == 0;

        public override string Describe() => $"gaussian {F(_amp)} at {F(_t0)}, width {F(_sigma)}";
    }

    private sealed class PiecewiseFunction : TimeFunction
    {
        private readonly double[] _t;
        private readonly double[] _v;

        public PiecewiseFunction(IReadOnlyList<double> times, IReadOnlyList<double> values)
        {
            ArgumentNullException.ThrowIfNull(times);
            ArgumentNullException.ThrowIfNull(values);
            if (times.Count == 0 || times.Count != values.Count)
                throw new DimensionMismatchException("TimeFunction.PiecewiseConstant", "values", $"one value per switching time ({times.Count})", $"{values.Count} values");
            _t = [.. times];
            _v = [.. values];
            Guard.Finite(_t, "TimeFunction.PiecewiseConstant", "times");
            Guard.Finite(_v, "TimeFunction.PiecewiseConstant", "values");
            for (var k = 1; k < _t.Length; k++)
            {
                if (!(_t[k] > _t[k - 1]))
                    throw new ValidationException("TimeFunction.PiecewiseConstant", "times", "increasing switching times", $"{F(_t[k])} after {F(_t[k - 1])} at index {k}");
            }
        }

        public override string Name => "piecewise";

        public override double Value(double t)
        {
            if (t < _t[0]) return 0;
            var k = Array.BinarySearch(_t, t);
            if (k < 0) k = ~k - 1;
            return _v[k];
        }

        public override IReadOnlyList<double> Breakpoints => _t;

        public override bool IsConstantOn(double a, double b)
        {
            foreach (var s in _t)
            {
                if (a < s && s < b) return false;
            }
            return true;
        }

        public override string Describe() => $"piecewise constant, {_t.Length} pieces from {F(_t[0])}";
    }

    private sealed class CustomFunction : TimeFunction
    {
        private readonly Func<double, double> _f;
        private readonly string _description;
        private readonly double[] _breaks;

        public CustomFunction(Func<double, double> f, string description, IReadOnlyList<double>? breakpoints)
        {
            ArgumentNullException.ThrowIfNull(f);
            _f = f;
            _description = description ?? "custom";
            _breaks = breakpoints is null ? [] : [.. breakpoints.Order()];
        }

        public override string Name => "custom";

        public override double Value(double t) => _f(t);

        public override IReadOnlyList<double> Breakpoints => _breaks;

        public override bool IsConstantOn(double a, double b) => false;

        public override string Describe() => _description;
    }
}
