using System.Numerics;
using QBatt.IO;
using Xunit;

namespace QBatt.Tests.IO;

/// <summary>
/// Reads fixtures written by numpy (Data/npy/make_fixtures.py); the expected values are the
/// ones that script writes.
/// </summary>
public class NpyReadTests
{
    internal static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "npy", name);

    private static readonly double[,] Real2x3 = { { 1.5, -2.0, 3.25 }, { 4.0, 0.5, -6.125 } };

    private static readonly Complex[,] Complex2x2 = { { new(1, 2), new(0, -0.5) }, { new(3, 0), new(4, -1) } };

    [Theory]
    [InlineData("f8_c.npy")]
    [InlineData("f8_fortran.npy")]
    public void ReadsFloat64MatrixInBothOrders(string file)
    {
        var a = Npy.Read(Fixture(file));
        Assert.False(a.IsComplex);
        Assert.Equal([2, 3], a.Shape);
        Assert.Equal([1.5, -2.0, 3.25, 4.0, 0.5, -6.125], a.ToDoubleArray()); // C order
        var m = a.ToComplexMatrix();
        for (var i = 0; i < 2; i++)
            for (var j = 0; j < 3; j++)
                Assert.Equal(new Complex(Real2x3[i, j], 0), m[i, j]);
    }

    [Theory]
    [InlineData("c16_c.npy")]
    [InlineData("c16_fortran.npy")]
    public void ReadsComplex128MatrixInBothOrders(string file)
    {
        var a = Npy.Read(Fixture(file));
        Assert.True(a.IsComplex);
        Assert.Null(a.RealData);
        Assert.Equal([new(1, 2), new(0, -0.5), new(3, 0), new(4, -1)], a.ComplexData!);
        var m = a.ToComplexMatrix();
        for (var i = 0; i < 2; i++)
            for (var j = 0; j < 2; j++)
                Assert.Equal(Complex2x2[i, j], m[i, j]);
    }

    [Fact]
    public void ReadsFloat32AsDouble()
    {
        var a = Npy.Read(Fixture("f4_1d.npy"));
        Assert.Equal([3], a.Shape);
        Assert.Equal([0.5, -1.25, 3.0], a.ToDoubleArray());
    }

    [Fact]
    public void ReadsComplex64AsComplex()
    {
        var a = Npy.Read(Fixture("c8_1d.npy"));
        Assert.Equal([new(1, 1), new(-2.5, 0.5)], a.ToComplexArray());
    }

    [Fact]
    public void ReadsInt64AndInt32AsDouble()
    {
        var i8 = Npy.Read(Fixture("i8_2d.npy"));
        Assert.Equal([2, 2], i8.Shape);
        Assert.Equal([1.0, -2.0, 3.0, 1099511627776.0], i8.ToDoubleArray());
        Assert.Equal([7.0, -8.0, 9.0], Npy.Read(Fixture("i4_1d.npy")).ToDoubleArray());
    }

    [Fact]
    public void ReadsOneDimensionalExactly()
    {
        var a = Npy.Read(Fixture("f8_1d.npy"));
        Assert.Equal([3], a.Shape);
        Assert.Equal("(3,)", a.ShapeText);
        Assert.Equal([0.1, 0.2, 0.3], a.ToDoubleArray());
    }

    [Fact]
    public void ReadsZeroDimensionalScalar()
    {
        var a = Npy.Read(Fixture("f8_0d.npy"));
        Assert.Empty(a.Shape);
        Assert.Equal("()", a.ShapeText);
        Assert.Equal(1, a.Length);
        Assert.Equal([2.5], a.ToDoubleArray());
    }

    [Fact]
    public void ReadsEmptyMatrix()
    {
        var m = Npy.Read(Fixture("f8_empty.npy")).ToComplexMatrix();
        Assert.Equal((0, 3), (m.Rows, m.Cols));
    }

    [Fact]
    public void ReadsFormatVersions2And3()
    {
        var v2 = Npy.Read(Fixture("f8_v2.npy"));
        Assert.Equal([2, 3], v2.Shape);
        Assert.Equal([0.0, 1, 2, 3, 4, 5], v2.ToDoubleArray());
        Assert.Equal([1.0, 2.0], Npy.Read(Fixture("f8_v3.npy")).ToDoubleArray());
    }

    [Fact]
    public void ReadsFromAStreamAndStopsAfterTheArray()
    {
        var bytes = File.ReadAllBytes(Fixture("f8_1d.npy"));
        using var stream = new MemoryStream([.. bytes, .. bytes]);
        Assert.Equal([0.1, 0.2, 0.3], Npy.Read(stream, "two arrays").ToDoubleArray());
        Assert.Equal([0.1, 0.2, 0.3], Npy.Read(stream, "two arrays").ToDoubleArray());
    }
}
