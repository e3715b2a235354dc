using System.Numerics;
using QBatt.IO;
using QBatt.Numerics;
using Xunit;

namespace QBatt.Tests.IO;

public class MatrixFileTests
{
    private static string Json(TempDir dir, string text, string name = "m.json")
    {
        var path = dir.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    private static void Refused(Action read, string path, string mustContain)
    {
        var e = Assert.Throws<ValidationException>(read);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(mustContain, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void ReadsJsonMatrixWithMixedEntries()
    {
        using var dir = new TempDir();
        var m = MatrixFile.ReadMatrix(Json(dir, "[[1, [0, -1]], [[0, 1], 2.5e-3]]"));
        Assert.Equal((2, 2), (m.Rows, m.Cols));
        Assert.Equal(new Complex(1, 0), m[0, 0]);
        Assert.Equal(new Complex(0, -1), m[0, 1]);
        Assert.Equal(new Complex(0, 1), m[1, 0]);
        Assert.Equal(new Complex(0.0025, 0), m[1, 1]);
    }

    [Fact]
    public void ReadsNonSquareJsonMatrix()
    {
        using var dir = new TempDir();
        var m = MatrixFile.ReadMatrix(Json(dir, "[[1, 2, 3]]"));
        Assert.Equal((1, 3), (m.Rows, m.Cols));
        Assert.Equal(new Complex(3, 0), m[0, 2]);
    }

    [Fact]
    public void ReadsNpyMatricesAndVectors()
    {
        var real = MatrixFile.ReadMatrix(NpyReadTests.Fixture("f8_fortran.npy"));
        Assert.Equal(new Complex(-6.125, 0), real[1, 2]);
        var complex = MatrixFile.ReadMatrix(NpyReadTests.Fixture("c16_c.npy"));
        Assert.Equal(new Complex(4, -1), complex[1, 1]);
        Assert.Equal([new(0.1, 0), new(0.2, 0), new(0.3, 0)], MatrixFile.ReadVector(NpyReadTests.Fixture("f8_1d.npy")));
    }

    [Fact]
    public void ReadsJsonVector()
    {
        using var dir = new TempDir();
        Assert.Equal([new(1, 0), new(0, 1), new(-2, 0)], MatrixFile.ReadVector(Json(dir, "[1, [0, 1], -2]", "v.json")));
    }

    [Fact]
    public void WriteJsonRoundTripsAndUsesPlainNumbersForRealEntries()
    {
        using var dir = new TempDir();
        var m = ComplexMatrix.FromRows(new Complex[,] { { 0.1, new(0, 1) }, { new(-2.5, 1e-300), 1e300 } });
        var path = dir.File("out.json");
        MatrixFile.WriteJson(path, m);
        Assert.Equal("[\n  [0.1, [0, 1]],\n  [[-2.5, 1E-300], 1E+300]\n]\n", File.ReadAllText(path));
        Assert.Equal(0, ComplexMatrix.MaxAbsDifference(m, MatrixFile.ReadMatrix(path)));
    }

    [Fact]
    public void WriteMatrixDispatchesOnExtension()
    {
        using var dir = new TempDir();
        var m = ComplexMatrix.FromRows(new Complex[,] { { 1, new(2, 3) } });
        MatrixFile.WriteMatrix(dir.File("a.npy"), m);
        MatrixFile.WriteMatrix(dir.File("a.json"), m);
        Assert.Equal(0, ComplexMatrix.MaxAbsDifference(m, MatrixFile.ReadMatrix(dir.File("a.npy"))));
        Assert.Equal(0, ComplexMatrix.MaxAbsDifference(m, MatrixFile.ReadMatrix(dir.File("a.json"))));
        Refused(() => MatrixFile.WriteMatrix(dir.File("a.txt"), m), dir.File("a.txt"), ".npy or .json");
    }

    [Fact]
    public void WriteJsonRefusesNonFiniteEntries()
    {
        using var dir = new TempDir();
        var m = ComplexMatrix.FromRows(new[,] { { double.NaN } });
        Assert.Throws<ValidationException>(() => MatrixFile.WriteJson(dir.File("nan.json"), m));
        Assert.Empty(dir.Entries());
    }

    [Theory]
    [InlineData("[[1, 2], [3]]", "ragged rows")]
    [InlineData("[[1, \"2\"]]", "a string at row 0, column 1")]
    [InlineData("[[1, [2, 3, 4]]]", "an array of 3 elements at row 0, column 1")]
    [InlineData("[[1, [2, null]]]", "row 0, column 1")]
    [InlineData("[1, 2]", "the number 1 as row 0")]
    [InlineData("{\"rows\": []}", "an object at the top level")]
    [InlineData("[]", "an empty array at the top level")]
    [InlineData("[[]]", "an empty array")]
    [InlineData("[[1, 2]", "a valid JSON document")]
    [InlineData("[[1e999]]", "the number 1e999")]
    public void BadJsonMatrices(string text, string mustContain)
    {
        using var dir = new TempDir();
        var path = Json(dir, text);
        Refused(() => MatrixFile.ReadMatrix(path), path, mustContain);
    }

    [Theory]
    [InlineData("[[1, 2], [3, 4, 5]]", "an array of 3 elements at element 1")]
    [InlineData("[true]", "a boolean at element 0")]
    [InlineData("3", "the number 3")]
    public void BadJsonVectors(string text, string mustContain)
    {
        using var dir = new TempDir();
        var path = Json(dir, text, "v.json");
        Refused(() => MatrixFile.ReadVector(path), path, mustContain);
    }

    [Fact]
    public void MissingFileUnknownExtensionAndWrongDimensions()
    {
        using var dir = new TempDir();
        Refused(() => MatrixFile.ReadMatrix(dir.File("none.json")), dir.File("none.json"), "no such file");
        Refused(() => MatrixFile.ReadMatrix(dir.File("none.npy")), dir.File("none.npy"), "no such file");
        Refused(() => MatrixFile.ReadMatrix(dir.File("m.csv")), dir.File("m.csv"), "a file ending in .npy or .json");
        var vector = NpyReadTests.Fixture("f8_1d.npy");
        Refused(() => MatrixFile.ReadMatrix(vector), vector, "a 2-d array");
        var matrix = NpyReadTests.Fixture("f8_c.npy");
        Refused(() => MatrixFile.ReadVector(matrix), matrix, "a 1-d array");
    }

    [Fact]
    public void UnreadableNpyInsideMatrixFileNamesTheFile()
    {
        using var dir = new TempDir();
        var path = Json(dir, "not npy", "x.npy");
        Refused(() => MatrixFile.ReadMatrix(path), path, "magic");
    }
}
