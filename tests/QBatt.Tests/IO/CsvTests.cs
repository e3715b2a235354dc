using System.Globalization;
using System.Numerics;
using QBatt.IO;
using Xunit;

namespace QBatt.Tests.IO;

public class CsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\rhere", "\"cr\rhere\"")]
    [InlineData(" padded", "\" padded\"")]
    [InlineData("", "")]
    public void QuotesAsRfc4180(string value, string expected) => Assert.Equal(expected, Csv.Field(value));

    [Fact]
    public void FormatsNumbersInvariantAndRoundTrip()
    {
        Assert.Equal("0.1", Csv.Field(0.1));
        Assert.Equal("0.30000000000000004", Csv.Field(0.1 + 0.2));
        Assert.Equal("1E-300", Csv.Field(1e-300));
        Assert.Equal("-0", Csv.Field(-0.0));
        Assert.Equal("NaN", Csv.Field(double.NaN));
        Assert.Equal("Infinity", Csv.Field(double.PositiveInfinity));
        Assert.Equal("-Infinity", Csv.Field(double.NegativeInfinity));
        Assert.Equal("0.1", Csv.Field(0.1f));
        Assert.Equal("12345678901", Csv.Field(12345678901L));
        Assert.Equal("1.5+0.25i", Csv.Field(new Complex(1.5, 0.25)));
        Assert.Equal("1.5-0.25i", Csv.Field(new Complex(1.5, -0.25)));
        Assert.Equal("true", Csv.Field(true));
        Assert.Equal("", Csv.Field(null));
        Assert.Equal("2.5", Csv.Field(2.5m));
    }

    [Fact]
    public void IgnoresTheCurrentCulture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            CultureInfo.CurrentCulture = comma;
            Assert.Equal("a,b\nx,1.5\n", Csv.ToString(["a", "b"], [["x", 1.5]]));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void DoublesReadBackBitForBit()
    {
        var rng = new Random(5);
        for (var k = 0; k < 2000; k++)
        {
            var x = BitConverter.Int64BitsToDouble(rng.NextInt64());
            if (!double.IsFinite(x)) continue;
            var back = double.Parse(Csv.Field(x), CultureInfo.InvariantCulture);
            Assert.Equal(BitConverter.DoubleToInt64Bits(x), BitConverter.DoubleToInt64Bits(back));
        }
    }

    [Fact]
    public void WritesHeaderAndRows()
    {
        var text = Csv.ToString(["t", "E, stored", "note"], [[0.0, 1.5, null], [0.5, -2e-10, "ok \"fine\""]]);
        Assert.Equal("t,\"E, stored\",note\n0,1.5,\n0.5,-2E-10,\"ok \"\"fine\"\"\"\n", text);
    }

    [Fact]
    public void RowOfWrongWidthIsAValidationError()
    {
        var e = Assert.Throws<ValidationException>(() => Csv.ToString(["a", "b"], [[1.0, 2.0], [3.0]]));
        Assert.Contains("row 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteIsAtomicToAFile()
    {
        using var dir = new TempDir();
        var path = dir.File("sub/table.csv");
        Csv.Write(path, ["x"], [[1.0], [2.0]]);
        Assert.Equal("x\n1\n2\n", File.ReadAllText(path));
        Assert.Equal(["table.csv"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }
}
