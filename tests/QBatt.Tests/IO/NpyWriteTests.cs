using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using QBatt.IO;
using QBatt.Numerics;
using Xunit;

namespace QBatt.Tests.IO;

/// <summary>
/// Writing .npy: round trips through <see cref="Npy.Read(string)"/> and the format's layout
/// rules. numpy itself checked these files once outside the suite (Data/npy/check_written.py).
/// </summary>
public class NpyWriteTests
{
    private static readonly double[] Special =
        [0.0, -0.0, 1.0, -1.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, double.MaxValue, 1e-310];

    private static double[] RandomDoubles(int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n)
            .Select(i => i < Special.Length ? Special[i] : BitConverter.Int64BitsToDouble(rng.NextInt64()))
            .ToArray();
    }

    private static void SameBits(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var k = 0; k < expected.Length; k++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected[k]), BitConverter.DoubleToInt64Bits(actual[k]));
    }

    private static string HeaderOf(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal("\u0093NUMPY", Encoding.Latin1.GetString(bytes, 0, 6));
        Assert.Equal((1, 0), (bytes[6], bytes[7]));
        var length = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        Assert.Equal(0, (10 + length) % 64);
        Assert.Equal((byte)'\n', bytes[10 + length - 1]);
        return Encoding.ASCII.GetString(bytes, 10, length).TrimEnd();
    }

    [Fact]
    public void ComplexMatrixRoundTripsBitForBitInFortranOrder()
    {
        using var dir = new TempDir();
        var data = RandomDoubles(2 * 5 * 3, 11);
        var m = ComplexMatrix.FromColumnMajor(5, 3, Enumerable.Range(0, 15).Select(k => new Complex(data[2 * k], data[2 * k + 1])).ToArray());
        var path = dir.File("m.npy");
        Npy.Write(path, m);
        Assert.Equal("{'descr': '<c16', 'fortran_order': True, 'shape': (5, 3), }", HeaderOf(path));
        var back = Npy.Read(path).ToComplexMatrix();
        Assert.Equal((5, 3), (back.Rows, back.Cols));
        SameBits(System.Runtime.InteropServices.MemoryMarshal.Cast<Complex, double>(m.ReadOnlySpan),
            System.Runtime.InteropServices.MemoryMarshal.Cast<Complex, double>(back.ReadOnlySpan));
    }

    [Fact]
    public void RealMatrixRoundTripsInCOrder()
    {
        using var dir = new TempDir();
        var values = RandomDoubles(12, 12);
        var m = new double[3, 4];
        for (var k = 0; k < 12; k++) m[k / 4, k % 4] = values[k];
        var path = dir.File("r.npy");
        Npy.Write(path, m);
        Assert.Equal("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }", HeaderOf(path));
        var back = Npy.Read(path);
        Assert.Equal([3, 4], back.Shape);
        SameBits(values, back.ToDoubleArray());
    }

    [Fact]
    public void VectorsRoundTrip()
    {
        using var dir = new TempDir();
        var real = RandomDoubles(1000, 13);
        Npy.Write(dir.File("v.npy"), real);
        Assert.Equal("{'descr': '<f8', 'fortran_order': False, 'shape': (1000,), }", HeaderOf(dir.File("v.npy")));
        SameBits(real, Npy.Read(dir.File("v.npy")).ToDoubleArray());

        var complex = new Complex[] { new(1, -1), Complex.ImaginaryOne, new(double.NaN, 2) };
        Npy.Write(dir.File("c.npy"), complex);
        var back = Npy.Read(dir.File("c.npy")).ToComplexArray();
        Assert.Equal(complex[..2], back[..2]);
        Assert.True(double.IsNaN(back[2].Real) && back[2].Imaginary == 2);
    }

    [Fact]
    public void LargeVectorCrossesChunkBoundaries()
    {
        using var dir = new TempDir();
        var values = RandomDoubles(3 * 8192 + 5, 14);
        Npy.Write(dir.File("big.npy"), values);
        SameBits(values, Npy.Read(dir.File("big.npy")).ToDoubleArray());
    }

    [Fact]
    public void EmptyVector()
    {
        using var dir = new TempDir();
        Npy.Write(dir.File("e.npy"), Array.Empty<double>());
        var a = Npy.Read(dir.File("e.npy"));
        Assert.Equal([0], a.Shape);
        Assert.Empty(a.ToDoubleArray());
    }

    [Fact]
    public void HugeHeaderSwitchesToVersion2()
    {
        var dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'pad': '" + new string('x', 70_000) + "', }";
        var bytes = Npy.Preamble(dict);
        Assert.Equal((2, 0), (bytes[6], bytes[7]));
        var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        Assert.Equal(bytes.Length, 12 + (int)length);
        Assert.Equal(0, bytes.Length % 64);
        Assert.Equal((byte)'\n', bytes[^1]);
        using var stream = new MemoryStream([.. bytes, .. new byte[8]]);
        Assert.Equal([0.0], Npy.Read(stream).ToDoubleArray());
    }

    [Fact]
    public void UnwritablePathIsAValidationError()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<ValidationException>(() => Npy.Write(dir.Root, new[] { 1.0 }));
        Assert.Contains(dir.Root, e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The files Data/npy/check_written.py loads with numpy; set QBATT_NPY_OUT to keep them.
    /// The values must match EXPECTED in that script.
    /// </summary>
    [Fact]
    public void WritesFilesForNumpy()
    {
        using var dir = new TempDir();
        var folder = Environment.GetEnvironmentVariable("QBATT_NPY_OUT") is { Length: > 0 } keep ? keep : dir.Root;
        var cm = ComplexMatrix.FromRows(new Complex[,] { { new(1, 2), new(0, -0.5), 3 }, { 0.25, new(4, -1), new(-7.5, 1e-300) } });
        double[,] rm = { { 1.5, -2.0, 3.25 }, { 4.0, 0.5, -6.125 } };
        double[] rv = [0.1, -0.2, 1e300, 5e-324];
        Complex[] cv = [Complex.ImaginaryOne, -1, new(2.5, -3.5)];
        Npy.Write(Path.Combine(folder, "complex_matrix.npy"), cm);
        Npy.Write(Path.Combine(folder, "real_matrix.npy"), rm);
        Npy.Write(Path.Combine(folder, "real_vector.npy"), rv);
        Npy.Write(Path.Combine(folder, "complex_vector.npy"), cv);
        Npy.Write(Path.Combine(folder, "empty_vector.npy"), Array.Empty<double>());
        Assert.Equal(0, ComplexMatrix.MaxAbsDifference(cm, Npy.Read(Path.Combine(folder, "complex_matrix.npy")).ToComplexMatrix()));
        Assert.Equal(0, ComplexMatrix.MaxAbsDifference(ComplexMatrix.FromRows(rm), Npy.Read(Path.Combine(folder, "real_matrix.npy")).ToComplexMatrix()));
        Assert.Equal(rv, Npy.Read(Path.Combine(folder, "real_vector.npy")).ToDoubleArray());
        Assert.Equal(cv, Npy.Read(Path.Combine(folder, "complex_vector.npy")).ToComplexArray());
    }
}
