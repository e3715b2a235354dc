using QBatt.Numerics;

namespace QBatt.Tests.Numerics;

/// <summary>The golden-section maximiser behind the refined maxima of R7 and R16, against closed-form maxima.</summary>
public class GoldenSectionTests
{
    [Theory]
    [InlineData(0.3, 0.0, 1.0, 1e-8)]
    [InlineData(2.71828, 1.0, 5.0, 1e-13)]
    [InlineData(-0.5, -2.0, 0.25, 1e-10)]
    public void The_bracket_closes_on_the_maximum_of_a_parabola_to_its_width(double peak, double a, double b, double width)
    {
        var r = GoldenSection.Maximise(x => 1 - (x - peak) * (x - peak), a, b, width, 400, tiesKeepLower: true);
        Assert.True(r.B - r.A <= width * Math.Max(1, Math.Abs(r.B)), $"bracket {r.B - r.A}");
        // the value is flat to second order at a maximum: rounding hides differences below sqrt(machine epsilon) in x,
        // so the bracket ends within about 1e-8 of the peak (not necessarily around it), whatever width was asked for
        Assert.True(Math.Abs(0.5 * (r.A + r.B) - peak) <= 5e-8 * Math.Max(1, Math.Abs(peak)), $"midpoint {0.5 * (r.A + r.B)}");
        Assert.Equal(1.0, Math.Max(r.ValueC, r.ValueD), 15);
        Assert.True(r.A <= r.C && r.C < r.D && r.D <= r.B);
    }

    [Fact]
    public void The_maximum_of_x_exp_minus_x_is_at_one()
    {
        // d/dx (x e^-x) = (1 - x) e^-x: the maximum is at x = 1 with value 1/e
        var r = GoldenSection.Maximise(x => x * Math.Exp(-x), 0.2, 3.0, 1e-12, 400, tiesKeepLower: false);
        Assert.True(Math.Abs(0.5 * (r.A + r.B) - 1) <= 5e-8, $"midpoint {0.5 * (r.A + r.B)}");
        Assert.Equal(Math.Exp(-1), Math.Max(r.ValueC, r.ValueD), 14);
    }

    [Fact]
    public void The_step_limit_stops_the_search()
    {
        var calls = 0;
        var r = GoldenSection.Maximise(x => { calls++; return -x * x; }, -1, 1, 0, 10, tiesKeepLower: true);
        Assert.Equal(12, calls); // two interior points, then one evaluation a step
        Assert.Equal(2 * Math.Pow((Math.Sqrt(5) - 1) / 2, 10), r.B - r.A, 12);
    }

    [Fact]
    public void A_tie_keeps_the_side_asked_for()
    {
        var lower = GoldenSection.Maximise(_ => 0, 0, 1, 0, 1, tiesKeepLower: true);
        var upper = GoldenSection.Maximise(_ => 0, 0, 1, 0, 1, tiesKeepLower: false);
        Assert.Equal(0, lower.A);
        Assert.Equal(1, upper.B);
    }
}
