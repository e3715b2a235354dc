using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using QBatt.Numerics;

namespace QBatt.IO;

/// <summary>
/// Matrices and vectors in files, chosen by extension: <c>.npy</c> (see <see cref="Npy"/>) or
/// <c>.json</c>. The JSON form of a matrix is an array of rows, <c>[[1, [0, -1]], [[0, 1], 2]]</c>,
/// whose entries are numbers (real) or <c>[re, im]</c> pairs (complex), mixed freely; a vector is
/// a flat array of such entries.
/// </summary>
public static class MatrixFile
{
    private const string MatrixForm = "a JSON array of equally long rows of numbers or [re, im] pairs";
    private const string VectorForm = "a JSON array of numbers or [re, im] pairs";

    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads a matrix from a <c>.npy</c> file (real or complex, 2-d) or a <c>.json</c> file.</summary>
    /// <exception cref="ValidationException">The file is missing, unreadable, of another extension or not a matrix.</exception>
    public static ComplexMatrix ReadMatrix(string path) => Dispatch(path, "MatrixFile.ReadMatrix",
        npy => npy.ToComplexMatrix(), json => ParseMatrix(json, path));

    /// <summary>Reads a vector from a 1-d <c>.npy</c> file or a flat <c>.json</c> array.</summary>
    /// <exception cref="ValidationException">The file is missing, unreadable, of another extension or not a vector.</exception>
    public static Complex[] ReadVector(string path) => Dispatch(path, "MatrixFile.ReadVector", npy =>
    {
        npy.RequireDimensions(1, "MatrixFile.ReadVector", "a 1-d array");
        return npy.ToComplexArray();
    }, json => ParseEntries(json, path, "MatrixFile.ReadVector", VectorForm, "element"));

    /// <summary>Writes a matrix to <c>.npy</c> (complex128) or <c>.json</c>, chosen by the extension of <paramref name="path"/>.</summary>
    /// <exception cref="ValidationException">The extension is neither, the matrix is not finite (JSON), or the path cannot be written.</exception>
    public static void WriteMatrix(string path, ComplexMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(path);
        switch (Path.GetExtension(path).ToUpperInvariant())
        {
            case ".NPY": Npy.Write(path, matrix); break;
            case ".JSON": WriteJson(path, matrix); break;
            default: throw UnknownExtension("MatrixFile.WriteMatrix", path);
        }
    }

    /// <summary>
    /// Writes a matrix as JSON, one row per line: an entry is a number when its imaginary part is
    /// exactly zero and an <c>[re, im]</c> pair otherwise; numbers use the shortest round-trip form.
    /// </summary>
    /// <exception cref="ValidationException">An entry is NaN or infinite (JSON has no such numbers), or the path cannot be written.</exception>
    public static void WriteJson(string path, ComplexMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        AtomicFile.WriteAllText(path, ToJson(matrix));
    }

    /// <summary>The JSON text <see cref="WriteJson"/> writes.</summary>
    /// <exception cref="ValidationException">An entry is NaN or infinite.</exception>
    public static string ToJson(ComplexMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        matrix.RequireFinite("MatrixFile.ToJson", "matrix");
        var sb = new StringBuilder("[");
        for (var i = 0; i < matrix.Rows; i++)
        {
            sb.Append(i == 0 ? "\n  [" : ",\n  [");
            for (var j = 0; j < matrix.Cols; j++)
            {
                if (j > 0) sb.Append(", ");
                AppendEntry(sb, matrix[i, j]);
            }
            sb.Append(']');
        }
        return sb.Append(matrix.Rows == 0 ? "]\n" : "\n]\n").ToString();
    }

    private static void AppendEntry(StringBuilder sb, Complex z)
    {
        if (z.Imaginary == 0)
            sb.Append(Json(z.Real));
        else
            sb.Append('[').Append(Json(z.Real)).Append(", ").Append(Json(z.Imaginary)).Append(']');
    }

    private static string Json(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static T Dispatch<T>(string path, string operation, Func<NpyArray, T> fromNpy, Func<JsonElement, T> fromJson)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = Path.GetExtension(path).ToUpperInvariant();
        if (extension is not (".NPY" or ".JSON"))
            throw UnknownExtension(operation, path);
        if (!File.Exists(path))
            throw new ValidationException(operation, "path", "an existing file", $"{path}: no such file");
        if (extension == ".NPY")
            return fromNpy(Npy.Read(path));
        using var stream = Files.OpenRead(path, operation, "a readable JSON file");
        using var doc = ParseJson(stream, path, operation);
        return fromJson(doc.RootElement);
    }

    private static JsonDocument ParseJson(Stream stream, string path, string operation)
    {
        try
        {
            return JsonDocument.Parse(stream, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new ValidationException(operation, "path", "a valid JSON document", $"{path}: {Files.OneLine(e.Message)}");
        }
    }

    private static ComplexMatrix ParseMatrix(JsonElement root, string path)
    {
        const string op = "MatrixFile.ReadMatrix";
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() == 0)
            throw Bad(op, MatrixForm, path, $"{Describe(root)} at the top level");
        var rows = new List<Complex[]>();
        foreach (var row in root.EnumerateArray())
        {
            var where = $"row {rows.Count}";
            if (row.ValueKind != JsonValueKind.Array)
                throw Bad(op, MatrixForm, path, $"{Describe(row)} as {where}");
            var entries = ParseEntries(row, path, op, MatrixForm, where + ", column");
            if (rows.Count > 0 && entries.Length != rows[0].Length)
                throw Bad(op, MatrixForm, path, $"{where} with {entries.Length} entries after row 0 with {rows[0].Length} (ragged rows)");
            rows.Add(entries);
        }
        var m = new ComplexMatrix(rows.Count, rows[0].Length);
        for (var i = 0; i < m.Rows; i++)
            for (var j = 0; j < m.Cols; j++)
                m[i, j] = rows[i][j];
        return m;
    }

    private static Complex[] ParseEntries(JsonElement array, string path, string op, string form, string label)
    {
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
            throw Bad(op, form, path, Describe(array));
        var result = new Complex[array.GetArrayLength()];
        var k = 0;
        foreach (var e in array.EnumerateArray())
        {
            result[k] = ParseEntry(e) ?? throw Bad(op, form, path, $"{Describe(e)} at {label} {k}");
            k++;
        }
        return result;
    }

    private static Complex? ParseEntry(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Number)
            return Number(e) is { } x ? new Complex(x, 0) : null;
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() != 2)
            return null;
        return Number(e[0]) is { } re && Number(e[1]) is { } im ? new Complex(re, im) : null;
    }

    private static double? Number(JsonElement e) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var x) && double.IsFinite(x) ? x : null;

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => e.GetArrayLength() == 0 ? "an empty array" : $"an array of {e.GetArrayLength()} elements",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static ValidationException Bad(string op, string form, string path, string actual) =>
        new(op, "path", form, $"{path}: {actual}");

    private static ValidationException UnknownExtension(string op, string path) =>
        new(op, "path", "a file ending in .npy or .json", path);
}
