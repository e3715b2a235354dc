using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using QBatt.Numerics;

namespace QBatt.IO;

/// <summary>
/// Reads and writes NumPy <c>.npy</c> files (format versions 1.0, 2.0 and 3.0 of
/// <c>numpy.lib.format</c>) with 0, 1 or 2 dimensions in C or Fortran order. Reading accepts the
/// little-endian dtypes <c>&lt;f8</c>, <c>&lt;f4</c>, <c>&lt;i8</c>, <c>&lt;i4</c> (as double) and
/// <c>&lt;c16</c>, <c>&lt;c8</c> (as complex); writing produces <c>&lt;f8</c> or <c>&lt;c16</c>
/// in version 1.0 (2.0 only for a header beyond 65535 bytes). Files are written through
/// <see cref="AtomicFile"/>.
/// </summary>
public static partial class Npy
{
    private const int ChunkBytes = 1 << 16;
    private const int MaxHeaderBytes = 1 << 20;
    private const int Alignment = 64;

    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    private enum ScalarKind { Float64, Float32, Int64, Int32 }

    private sealed record Dtype(ScalarKind Kind, int ScalarBytes, bool IsComplex);

    private static readonly Dictionary<string, Dtype> Dtypes = new(StringComparer.Ordinal)
    {
        ["<f8"] = new(ScalarKind.Float64, 8, false),
        ["<c16"] = new(ScalarKind.Float64, 8, true),
        ["<f4"] = new(ScalarKind.Float32, 4, false),
        ["<c8"] = new(ScalarKind.Float32, 4, true),
        ["<i8"] = new(ScalarKind.Int64, 8, false),
        ["<i4"] = new(ScalarKind.Int32, 4, false),
    };

    private sealed record Header(Dtype Dtype, string Descr, bool FortranOrder, int[] Shape, int Count)
    {
        public long DataBytes => (long)Count * Dtype.ScalarBytes * (Dtype.IsComplex ? 2 : 1);
    }

    /// <summary>Reads a <c>.npy</c> file; the whole file must be one array.</summary>
    /// <exception cref="ValidationException">The file is missing, unreadable or not a supported <c>.npy</c> array.</exception>
    public static NpyArray Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = Files.OpenRead(path, "Npy.Read", "a readable .npy file");
        var array = Read(stream, path);
        if (stream.ReadByte() != -1)
            throw Malformed(path, $"no bytes after the data of shape {array.ShapeText}", "trailing bytes");
        return array;
    }

    /// <summary>
    /// Reads one array from <paramref name="stream"/> and leaves the stream just after its data.
    /// <paramref name="name"/> stands for the source in error messages.
    /// </summary>
    /// <exception cref="ValidationException">The stream does not hold a supported <c>.npy</c> array.</exception>
    public static NpyArray Read(Stream stream, string name = "stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = ReadHeader(stream, name);
        if (stream.CanSeek && stream.Length - stream.Position < header.DataBytes)
            throw Truncated(name, header, stream.Length - stream.Position);
        if (header.Dtype.IsComplex)
        {
            var data = new Complex[header.Count];
            ReadScalars(stream, header, MemoryMarshal.Cast<Complex, double>(data.AsSpan()), name);
            return new NpyArray(name, header.Shape, null, ToCOrder(data, header));
        }
        var real = new double[header.Count];
        ReadScalars(stream, header, real, name);
        return new NpyArray(name, header.Shape, ToCOrder(real, header), null);
    }

    /// <summary>Writes a matrix as complex128 in Fortran order (its own column-major storage).</summary>
    /// <exception cref="ValidationException">The path cannot be written.</exception>
    public static void Write(string path, ComplexMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        AtomicFile.Write(path, s => Write(s, matrix));
    }

    /// <summary>Writes a real matrix as float64 in C order.</summary>
    /// <exception cref="ValidationException">The path cannot be written.</exception>
    public static void Write(string path, double[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        AtomicFile.Write(path, s => Write(s, matrix));
    }

    /// <summary>Writes a real vector as a 1-d float64 array.</summary>
    /// <exception cref="ValidationException">The path cannot be written.</exception>
    public static void Write(string path, double[] vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        AtomicFile.Write(path, s => Write(s, vector));
    }

    /// <summary>Writes a complex vector as a 1-d complex128 array.</summary>
    /// <exception cref="ValidationException">The path cannot be written.</exception>
    public static void Write(string path, Complex[] vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        AtomicFile.Write(path, s => Write(s, vector));
    }

    /// <summary>Writes a matrix to a stream as complex128 in Fortran order.</summary>
    public static void Write(Stream stream, ComplexMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        WriteArray(stream, "<c16", true, [matrix.Rows, matrix.Cols], MemoryMarshal.Cast<Complex, double>(matrix.ReadOnlySpan));
    }

    /// <summary>Writes a real matrix to a stream as float64 in C order.</summary>
    public static void Write(Stream stream, double[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var flat = new double[matrix.Length];
        Buffer.BlockCopy(matrix, 0, flat, 0, flat.Length * sizeof(double));
        WriteArray(stream, "<f8", false, [matrix.GetLength(0), matrix.GetLength(1)], flat);
    }

    /// <summary>Writes a real vector to a stream as a 1-d float64 array.</summary>
    public static void Write(Stream stream, ReadOnlySpan<double> vector) =>
        WriteArray(stream, "<f8", false, [vector.Length], vector);

    /// <summary>Writes a complex vector to a stream as a 1-d complex128 array.</summary>
    public static void Write(Stream stream, ReadOnlySpan<Complex> vector) =>
        WriteArray(stream, "<c16", false, [vector.Length], MemoryMarshal.Cast<Complex, double>(vector));

    private static void WriteArray(Stream stream, string descr, bool fortranOrder, int[] shape, ReadOnlySpan<double> scalars)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var order = fortranOrder ? "True" : "False";
        stream.Write(Preamble($"{{'descr': '{descr}', 'fortran_order': {order}, 'shape': {NpyArray.FormatShape(shape)}, }}"));
        var buffer = new byte[ChunkBytes];
        while (!scalars.IsEmpty)
        {
            var n = Math.Min(scalars.Length, ChunkBytes / sizeof(double));
            for (var k = 0; k < n; k++)
                BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(k * sizeof(double)), scalars[k]);
            stream.Write(buffer, 0, n * sizeof(double));
            scalars = scalars[n..];
        }
    }

    /// <summary>
    /// Magic, version, header length and the header dictionary padded with spaces and a newline
    /// so that the data start on a 64-byte boundary; version 1.0 unless the header needs 2.0.
    /// </summary>
    internal static byte[] Preamble(string dict)
    {
        var (major, prefix) = (1, 10);
        var total = Align(prefix + dict.Length + 1);
        if (total - prefix > ushort.MaxValue)
        {
            (major, prefix) = (2, 12);
            total = Align(prefix + dict.Length + 1);
        }
        var bytes = new byte[total];
        Magic.CopyTo(bytes);
        bytes[6] = (byte)major;
        var headerLength = total - prefix;
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)headerLength);
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)headerLength);
        Encoding.ASCII.GetBytes(dict, bytes.AsSpan(prefix));
        bytes.AsSpan(prefix + dict.Length, headerLength - dict.Length - 1).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    private static int Align(int n) => (n + Alignment - 1) / Alignment * Alignment;
}
