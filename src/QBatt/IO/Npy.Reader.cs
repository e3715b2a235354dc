using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace QBatt.IO;

public static partial class Npy
{
    private const string Supported = "<f8, <c16, <f4, <c8, <i8 or <i4";

    [GeneratedRegex(@"^\{.*['""]descr['""]\s*:\s*['""](?<v>[^'""]*)['""]", RegexOptions.Singleline)]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"^\{.*['""]fortran_order['""]\s*:\s*(?<v>True|False)\b", RegexOptions.Singleline)]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"^\{.*['""]shape['""]\s*:\s*\((?<v>[^)]*)\)", RegexOptions.Singleline)]
    private static partial Regex ShapePattern();

    private static Header ReadHeader(Stream stream, string name)
    {
        Span<byte> lead = stackalloc byte[8];
        var got = stream.ReadAtLeast(lead, lead.Length, throwOnEndOfStream: false);
        if (got < lead.Length || !lead[..6].SequenceEqual(Magic))
            throw Malformed(name, "the .npy magic string \\x93NUMPY", got == 0 ? "an empty file" : "bytes " + Convert.ToHexString(lead[..Math.Min(got, 6)]));
        int major = lead[6], minor = lead[7];
        if (major is < 1 or > 3 || minor != 0)
            throw Malformed(name, "format version 1.0, 2.0 or 3.0", $"version {major}.{minor}");
        var length = ReadHeaderLength(stream, major == 1 ? 2 : 4, name);
        var text = new byte[length];
        got = stream.ReadAtLeast(text, length, throwOnEndOfStream: false);
        if (got < length)
            throw Malformed(name, $"a header of {length} bytes", $"{got} bytes (truncated file)");
        var encoding = major == 3 ? Encoding.UTF8 : Encoding.Latin1;
        return ParseHeader(encoding.GetString(text).Trim(), name);
    }

    private static int ReadHeaderLength(Stream stream, int size, string name)
    {
        Span<byte> field = stackalloc byte[4];
        if (stream.ReadAtLeast(field[..size], size, throwOnEndOfStream: false) < size)
            throw Malformed(name, "a header length field", "a truncated file");
        var length = size == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(field) : BinaryPrimitives.ReadUInt32LittleEndian(field);
        if (length > MaxHeaderBytes)
            throw Malformed(name, $"a header of at most {MaxHeaderBytes} bytes", $"{length} bytes");
        return (int)length;
    }

    private static Header ParseHeader(string dict, string name)
    {
        var descr = Field(DescrPattern(), dict, "'descr'", name);
        if (!Dtypes.TryGetValue(descr, out var dtype))
        {
            var expected = descr.StartsWith('>') ? $"a little-endian dtype ({Supported})" : $"a dtype among {Supported}";
            throw Malformed(name, expected, $"dtype '{descr}'");
        }
        var fortran = Field(FortranPattern(), dict, "'fortran_order'", name) == "True";
        var shape = ParseShape(Field(ShapePattern(), dict, "'shape'", name), name);
        long count = 1;
        foreach (var d in shape) count *= d;
        if (count > Array.MaxLength / (dtype.IsComplex ? 2 : 1))
            throw Malformed(name, $"at most {Array.MaxLength} elements", $"shape {NpyArray.FormatShape(shape)}");
        return new Header(dtype, descr, fortran, shape, (int)count);
    }

    private static string Field(Regex pattern, string dict, string key, string name)
    {
        var m = pattern.Match(dict);
        if (!m.Success)
        {
            var shown = dict.Length > 120 ? dict[..120] + "..." : dict;
            throw Malformed(name, $"a header dict with a {key} entry", $"header {Files.OneLine(shown)}");
        }
        return m.Groups["v"].Value;
    }

    private static int[] ParseShape(string text, string name)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > 2)
            throw Malformed(name, "a 0-d, 1-d or 2-d array", $"shape ({text})");
        var shape = new int[parts.Length];
        for (var k = 0; k < parts.Length; k++)
        {
            if (!int.TryParse(parts[k].TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out shape[k]))
                throw Malformed(name, "a shape of non-negative integers", $"shape ({text})");
        }
        return shape;
    }

    private static void ReadScalars(Stream stream, Header header, Span<double> destination, string name)
    {
        var size = header.Dtype.ScalarBytes;
        var buffer = new byte[ChunkBytes];
        long done = 0;
        while (!destination.IsEmpty)
        {
            var want = Math.Min(destination.Length, ChunkBytes / size) * size;
            var got = stream.ReadAtLeast(buffer.AsSpan(0, want), want, throwOnEndOfStream: false);
            if (got < want)
                throw Truncated(name, header, done + got);
            Decode(buffer.AsSpan(0, got), destination[..(got / size)], header.Dtype.Kind);
            destination = destination[(got / size)..];
            done += got;
        }
    }

    private static void Decode(ReadOnlySpan<byte> src, Span<double> dst, ScalarKind kind)
    {
        for (var k = 0; k < dst.Length; k++)
        {
            dst[k] = kind switch
            {
                ScalarKind.Float64 => BinaryPrimitives.ReadDoubleLittleEndian(src[(8 * k)..]),
                ScalarKind.Float32 => BinaryPrimitives.ReadSingleLittleEndian(src[(4 * k)..]),
                ScalarKind.Int64 => BinaryPrimitives.ReadInt64LittleEndian(src[(8 * k)..]),
                _ => BinaryPrimitives.ReadInt32LittleEndian(src[(4 * k)..]),
            };
        }
    }

    /// <summary>Reorders the column-major data of a 2-d Fortran-order array into C order.</summary>
    private static T[] ToCOrder<T>(T[] data, Header header)
    {
        if (!header.FortranOrder || header.Shape.Length < 2)
            return data;
        int rows = header.Shape[0], cols = header.Shape[1];
        var c = new T[data.Length];
        for (var j = 0; j < cols; j++)
            for (var i = 0; i < rows; i++)
                c[i * cols + j] = data[i + j * rows];
        return c;
    }

    private static ValidationException Truncated(string name, Header header, long got) =>
        Malformed(name, $"{header.DataBytes} bytes of data for shape {NpyArray.FormatShape(header.Shape)} of dtype '{header.Descr}'", $"{got} bytes (truncated file)");

    private static ValidationException Malformed(string name, string expected, string actual) =>
        new("Npy.Read", "file", expected, $"{name}: {actual}");
}
