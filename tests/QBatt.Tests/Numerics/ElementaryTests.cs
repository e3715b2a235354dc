using QBatt.Numerics;

namespace QBatt.Tests.Numerics;

/// <summary>log1p and expm1 against their Taylor series (small x) and the plain formulas (large x).</summary>
public class ElementaryTests
{
    [Theory]
    [InlineData(1e-20)]
    [InlineData(-3e-12)]
    [InlineData(2.5e-7)]
    [InlineData(-1e-5)]
    public void Small_arguments_match_the_taylor_series(double x)
    {
        var log1p = x - x * x / 2 + x * x * x / 3 - x * x * x * x / 4;
        var expm1 = x + x * x / 2 + x * x * x / 6 + x * x * x * x / 24;
        Assert.InRange(Math.Abs(Elementary.Log1p(x) - log1p), 0, 4e-16 * Math.Abs(x));
        Assert.InRange(Math.Abs(Elementary.Expm1(x) - expm1), 0, 4e-16 * Math.Abs(x));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(-0.9)]
    [InlineData(30)]
    [InlineData(1e200)]
    public void Large_arguments_match_the_plain_formulas(double x)
    {
        Assert.InRange(Math.Abs(Elementary.Log1p(x) - Math.Log(1 + x)), 0, 1e-15 * Math.Abs(Math.Log(1 + x)));
        if (x < 700)
            Assert.InRange(Math.Abs(Elementary.Expm1(x) - (Math.Exp(x) - 1)), 0, 1e-15 * Math.Abs(Math.Exp(x) - 1));
        Assert.Equal(-1, Elementary.Expm1(-800));
        Assert.Equal(double.PositiveInfinity, Elementary.Expm1(800));
    }
}
