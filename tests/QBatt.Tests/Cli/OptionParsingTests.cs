using System.Numerics;
using QBatt.Cli;

namespace QBatt.Tests.Cli;

public class OptionParsingTests
{
    [Theory]
    [InlineData("1.5+0.2i", 1.5, 0.2)]
    [InlineData("-0.2i", 0, -0.2)]
    [InlineData("i", 0, 1)]
    [InlineData("-i", 0, -1)]
    [InlineData("3", 3, 0)]
    [InlineData("1e-3-2.5e1j", 1e-3, -25)]
    [InlineData(" 2 - 1i ", 2, -1)]
    public void Complex_numbers(string text, double re, double im) =>
        Assert.Equal(new Complex(re, im), CliOptions.ParseComplex(text, "--x"));

    [Theory]
    [InlineData("1+")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1..2i")]
    public void Bad_complex_numbers_are_refused(string text) =>
        Assert.Contains("--x: expected a complex number", Assert.Throws<UsageException>(() => CliOptions.ParseComplex(text, "--x")).Message, StringComparison.Ordinal);

    [Fact]
    public void Integer_lists_and_ranges()
    {
        Assert.Equal([1, 2, 3, 10, 11, 12], CliOptions.ParseIntRanges("1,2,3,10..12", "--n"));
        Assert.Equal([5], CliOptions.ParseIntRanges("5..5", "--n"));
        Assert.Contains("a <= b", Assert.Throws<UsageException>(() => CliOptions.ParseIntRanges("5..2", "--n")).Message, StringComparison.Ordinal);
        Assert.Contains("got 'x'", Assert.Throws<UsageException>(() => CliOptions.ParseIntRanges("1,x", "--n")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Number_lists()
    {
        Assert.Equal([0, 0.579, 1], CliOptions.ParseDoubles("0, 0.579,1", "--energies"));
        Assert.Equal("--energies: expected comma-separated finite numbers, got 'a' at position 2", Assert.Throws<UsageException>(() => CliOptions.ParseDoubles("1,a", "--energies")).Message);
        Assert.Contains("empty item at position 2", Assert.Throws<UsageException>(() => CliOptions.ParseDoubles("1,,2", "--energies")).Message, StringComparison.Ordinal);
        Assert.Throws<UsageException>(() => CliOptions.ParseDoubles("1,NaN", "--energies"));
    }
}
