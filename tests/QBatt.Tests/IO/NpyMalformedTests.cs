using System.Text;
using QBatt.IO;
using Xunit;

namespace QBatt.Tests.IO;

/// <summary>Every refusal of a malformed .npy file: a one-line ValidationException naming the file.</summary>
public class NpyMalformedTests
{
    private static ValidationException Refused(string path, string mustContain)
    {
        var e = Assert.Throws<ValidationException>(() => Npy.Read(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(mustContain, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    private static string WriteBytes(TempDir dir, byte[] bytes)
    {
        var path = dir.File("bad.npy");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Fixture(string name) => File.ReadAllBytes(NpyReadTests.Fixture(name));

    [Fact]
    public void MissingFile()
    {
        using var dir = new TempDir();
        Refused(dir.File("absent.npy"), "a readable .npy file");
    }

    [Fact]
    public void BadMagic()
    {
        using var dir = new TempDir();
        Refused(WriteBytes(dir, Encoding.ASCII.GetBytes("PK\u0003\u0004 this is a zip file")), "magic");
    }

    [Fact]
    public void EmptyFile()
    {
        using var dir = new TempDir();
        Refused(WriteBytes(dir, []), "an empty file");
    }

    [Fact]
    public void UnknownVersion()
    {
        using var dir = new TempDir();
        var bytes = Fixture("f8_1d.npy");
        bytes[6] = 4;
        Refused(WriteBytes(dir, bytes), "version 4.0");
    }

    [Fact]
    public void BigEndianDtype() =>
        Refused(NpyReadTests.Fixture("bad_bigendian.npy"), "expected a little-endian dtype");

    [Fact]
    public void UnsupportedDtype() =>
        Refused(NpyReadTests.Fixture("bad_bool.npy"), "dtype '|b1'");

    [Fact]
    public void ThreeDimensions() =>
        Refused(NpyReadTests.Fixture("bad_3d.npy"), "a 0-d, 1-d or 2-d array");

    [Fact]
    public void TruncatedData()
    {
        using var dir = new TempDir();
        var bytes = Fixture("f8_c.npy");
        var e = Refused(WriteBytes(dir, bytes[..^8]), "truncated");
        Assert.Contains("expected 48 bytes of data for shape (2, 3)", e.Message, StringComparison.Ordinal);
        Assert.Contains("40 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedHeader()
    {
        using var dir = new TempDir();
        Refused(WriteBytes(dir, Fixture("f8_c.npy")[..30]), "truncated");
    }

    [Fact]
    public void MoreDataThanTheShapeHolds()
    {
        using var dir = new TempDir();
        Refused(WriteBytes(dir, [.. Fixture("f8_1d.npy"), .. new byte[8]]), "trailing bytes");
    }

    [Theory]
    [InlineData("{'descr': '<f8', 'fortran_order': False, }", "'shape'")]
    [InlineData("{'fortran_order': False, 'shape': (2,), }", "'descr'")]
    [InlineData("{'descr': '<f8', 'shape': (2,), }", "'fortran_order'")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }", "non-negative integers")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2, x), }", "non-negative integers")]
    [InlineData("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (2,), }", "'descr'")]
    [InlineData("not a dict", "header dict")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (100000000, 20), }", "expected 16000000000 bytes of data")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2000000000, 2), }", "at most")]
    public void BadHeaders(string header, string mustContain)
    {
        using var dir = new TempDir();
        Refused(WriteBytes(dir, [.. Npy.Preamble(header), .. new byte[16]]), mustContain);
    }

    [Fact]
    public void MatrixWantedButVectorFound()
    {
        var path = NpyReadTests.Fixture("f8_1d.npy");
        var e = Assert.Throws<ValidationException>(() => Npy.Read(path).ToComplexMatrix());
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("expected a 2-d array, got", e.Message, StringComparison.Ordinal);
        Assert.Contains("shape (3,)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RealWantedButComplexFound()
    {
        var path = NpyReadTests.Fixture("c16_c.npy");
        var e = Assert.Throws<ValidationException>(() => Npy.Read(path).ToDoubleArray());
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("a real array", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StreamErrorsUseTheGivenName()
    {
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes("garbage"));
        var e = Assert.Throws<ValidationException>(() => Npy.Read(stream, "upload #3"));
        Assert.Contains("upload #3", e.Message, StringComparison.Ordinal);
    }
}
