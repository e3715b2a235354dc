using QBatt.Charging;
using QBatt.Numerics;

namespace QBatt.Tests.Charging;

/// <summary>
/// ChargingCurve on the closed-form curve of one spin, W(t) = 1 - cos 2t (first maximum at t = pi/2,
/// maximal average power 2 max_x (1 - cos x)/x at x* solving x sin x = 1 - cos x), and LinearFit.
/// </summary>
public class ChargingCurveTests
{
    /// <summary>x* and (1 - cos x*)/x* by Newton on f(x) = x sin x - 1 + cos x (oracle).</summary>
    private static (double X, double Value) AveragePowerOptimum()
    {
        var x = 2.3;
        for (var i = 0; i < 50; i++) x -= (x * Math.Sin(x) - 1 + Math.Cos(x)) / (x * Math.Cos(x));
        return (x, (1 - Math.Cos(x)) / x);
    }

    [Fact]
    public void Refines_the_power_maximum_and_the_first_work_maximum()
    {
        var times = Enumerable.Range(0, 31).Select(k => 0.1 * k).ToArray();
        var w = times.Select(t => 1 - Math.Cos(2 * t)).ToArray();
        var p = times.Select(t => 2 * Math.Sin(2 * t)).ToArray();
        var (x, value) = AveragePowerOptimum();
        var withP = new ChargingCurve(times, w, p);
        // the cubic Hermite interpolant of W errs by at most h^4 max|W(4)|/384 = 1e-4 x 16/384 at h = 0.1
        Assert.InRange(withP.MaxPower - 2 * value, -5e-6, 5e-6);
        Assert.Equal(x / 2, withP.ChargingTime, 3);
        // the work at the reported charging time against the closed form W(t) = 1 - cos 2t there, to the interpolant's
        // accuracy (4e-6, above); the time itself is only known to about sqrt of the power's accuracy (flat maximum)
        Assert.InRange(withP.WorkAtChargingTime - (1 - Math.Cos(2 * withP.ChargingTime)), -1e-5, 1e-5);
        Assert.Equal(Math.PI / 2, withP.FirstMaximum!.Time, 4);
        Assert.InRange(withP.FirstMaximum.Work - 2, -5e-6, 5e-6);
        Assert.Equal(0, withP.AveragePower()[0]);
        var withoutP = new ChargingCurve(times, w);
        Assert.Equal(Math.PI / 2, withoutP.FirstMaximum!.Time, 2);
        Assert.Equal(2, withoutP.FirstMaximum.Work, 3);
        Assert.True(double.IsNaN(withoutP.AveragePower()[0]));
        var three = withP.Scaled(3);
        Assert.Equal(3 * withP.MaxPower, three.MaxPower, 12);
        Assert.Equal(withP.ChargingTime, three.ChargingTime, 7); // a flat maximum: its location is found to about sqrt(eps)
        Assert.Equal(3 * p[7], three.InstantaneousPower![7], 14);
    }

    [Fact]
    public void A_monotone_curve_has_no_first_maximum()
    {
        var times = Enumerable.Range(0, 11).Select(k => 0.1 * k).ToArray();
        var c = new ChargingCurve(times, [.. times.Select(t => t * t)]);
        Assert.Null(c.FirstMaximum);
        Assert.True(c.Maximum.AtBoundary);
    }

    [Fact]
    public void Bad_curves_are_refused()
    {
        Assert.Throws<ValidationException>(() => new ChargingCurve([0.5, 1], [0, 1]));
        Assert.Throws<ValidationException>(() => new ChargingCurve([0], [0]));
        Assert.Throws<ValidationException>(() => new ChargingCurve([0, 1, 2], [0.1, 1, 2]));
        Assert.Throws<DimensionMismatchException>(() => new ChargingCurve([0, 1, 2], [0, 1]));
        Assert.Throws<ValidationException>(() => new ChargingCurve([0, 1], [0, 1]).Scaled(0));
    }

    [Fact]
    public void Linear_fit_recovers_a_line_and_measures_scatter()
    {
        double[] x = [1, 2, 3, 4, 5];
        var exact = LinearFit.Of(x, [.. x.Select(v => 2.5 * v - 1)]);
        Assert.Equal(2.5, exact.Slope, 12);
        Assert.Equal(-1, exact.Intercept, 12);
        Assert.Equal(1, exact.RSquared, 12);
        Assert.Equal(9, exact.At(4), 12);
        // by hand: Sxy = 8, Sxx = 10, Syy = 10, residuals (0.6, -1.2, 1, -0.8, 0.4) with squares summing to 3.6
        var noisy = LinearFit.Of(x, [2, 1, 4, 3, 5]);
        Assert.Equal(0.8, noisy.Slope, 12);
        Assert.Equal(0.6, noisy.Intercept, 12);
        Assert.Equal(1 - 3.6 / 10, noisy.RSquared, 12);
        // standard errors by hand: s^2 = 3.6 / 3 = 1.2, SE(slope) = sqrt(1.2 / 10), SE(intercept) = sqrt(1.2 (1/5 + 9/10))
        Assert.Equal(Math.Sqrt(0.12), noisy.SlopeError, 12);
        Assert.Equal(Math.Sqrt(1.2 * 1.1), noisy.InterceptError, 12);
        Assert.True(double.IsNaN(LinearFit.Of([1, 2], [3, 5]).SlopeError));
        Assert.Throws<ValidationException>(() => LinearFit.Of([1, 1], [1, 2]));
        Assert.Throws<DimensionMismatchException>(() => LinearFit.Of([1, 2], [1]));
        Assert.Throws<ValidationException>(() => LinearFit.Of([1, double.NaN], [1, 2]));
    }
}
