using System.Globalization;

namespace QBatt.Dynamics;

/// <summary>How a sampled drive f(t_k) = v_k is interpolated between its samples (R6).</summary>
public enum SampleInterpolation
{
    /// <summary>Piecewise linear: |f - f_lin| &lt;= h^2 max|f''| / 8 on a sample spacing h; a kink at every sample.</summary>
    Linear,

    /// <summary>
    /// The natural cubic spline (second derivative 0 at the first and last sample): C^2 between the end samples; error
    /// O(h^4 max|f''''|) in the interior (5 h^4 max|f''''| / 384 for the clamped spline) and O(h^2 |f''|) at an end where f''
    /// is not 0 there.
    /// </summary>
    Cubic,

    /// <summary>Sample and hold: f(t) = v_k on [t_k, t_k+1) (piecewise constant; each piece propagated exactly).</summary>
    Hold,
}

/// <summary>
/// A drive coefficient given by samples (t_k, v_k), t strictly increasing: interpolated on [t_0, t_n-1] as
/// <see cref="SampleInterpolation"/> says, 0 outside (the pulse is off before its first and after its last sample).
/// </summary>
internal sealed class SampledFunction : TimeFunction
{
    private readonly double[] _t;
    private readonly double[] _v;
    private readonly double[]? _m;
    private readonly SampleInterpolation _scheme;

    public SampledFunction(IReadOnlyList<double> times, IReadOnlyList<double> values, SampleInterpolation scheme)
    {
        const string op = "TimeFunction.Sampled";
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(values);
        if (times.Count < 2)
            throw new ValidationException(op, "times", "at least two samples", $"{times.Count}");
        if (values.Count != times.Count)
            throw new DimensionMismatchException(op, "values", $"one value per sample time ({times.Count})", $"{values.Count} values");
        if (!Enum.IsDefined(scheme))
            throw new ValidationException(op, "interpolation", "linear, cubic or hold", scheme.ToString());
        _t = [.. times];
        _v = [.. values];
        Guard.Finite(_t, op, "times");
        Guard.Finite(_v, op, "values");
        for (var k = 1; k < _t.Length; k++)
            if (!(_t[k] > _t[k - 1]))
                throw new ValidationException(op, "times", "strictly increasing sample times", $"{_t[k].ToString("R", CultureInfo.InvariantCulture)} after {_t[k - 1].ToString("R", CultureInfo.InvariantCulture)} at index {k}");
        _scheme = scheme;
        if (scheme == SampleInterpolation.Cubic) _m = NaturalSplineMoments(_t, _v);
    }

    public override string Name => "samples";

    public override double Value(double t)
    {
        if (t < _t[0] || t > _t[^1]) return 0;
        var k = Array.BinarySearch(_t, t);
        if (k >= 0) return _v[k];
        k = ~k - 1;
        var h = _t[k + 1] - _t[k];
        var s = (t - _t[k]) / h;
        switch (_scheme)
        {
            case SampleInterpolation.Hold:
                return _v[k];
            case SampleInterpolation.Linear:
                return _v[k] + s * (_v[k + 1] - _v[k]);
            default:
            {
                // f = (1-s) v_k + s v_k+1 + h^2/6 [((1-s)^3 - (1-s)) m_k + (s^3 - s) m_k+1]
                var a = 1 - s;
                return a * _v[k] + s * _v[k + 1] + h * h / 6 * ((a * a * a - a) * _m![k] + (s * s * s - s) * _m[k + 1]);
            }
        }
    }

    public override IReadOnlyList<double> Breakpoints => _scheme == SampleInterpolation.Cubic ? [_t[0], _t[^1]] : _t;

    public override bool IsConstantOn(double a, double b)
    {
        if (b < _t[0] || a > _t[^1]) return true;
        if (_scheme != SampleInterpolation.Hold) return false;
        foreach (var s in _t)
            if (a < s && s < b) return false;
        return !(a < _t[0] && b > _t[0]);
    }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{_t.Length} samples on [{_t[0]:G6}, {_t[^1]:G6}], {_scheme.ToString().ToLowerInvariant()} interpolation, 0 outside");

    /// <summary>Second derivatives m_k of the natural cubic spline (m_0 = m_n-1 = 0), by the tridiagonal (Thomas) solve.</summary>
    private static double[] NaturalSplineMoments(double[] t, double[] v)
    {
        var n = t.Length;
        var m = new double[n];
        if (n < 3) return m;
        var c = new double[n];
        var d = new double[n];
        for (var i = 1; i < n - 1; i++)
        {
            var h0 = t[i] - t[i - 1];
            var h1 = t[i + 1] - t[i];
            var a = h0 / 6;
            var b = (h0 + h1) / 3;
            var cc = h1 / 6;
            var r = (v[i + 1] - v[i]) / h1 - (v[i] - v[i - 1]) / h0;
            var denom = b - a * c[i - 1];
            c[i] = cc / denom;
            d[i] = (r - a * d[i - 1]) / denom;
        }
        for (var i = n - 2; i >= 1; i--) m[i] = d[i] - c[i] * m[i + 1];
        return m;
    }
}
