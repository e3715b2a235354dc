using System.Numerics;
using System.Runtime.InteropServices;
using PureHDF;

namespace QBatt.IO;

/// <summary>
/// A group of an HDF5 file being built: datasets of doubles, integers, strings or complex numbers
/// with a shape (row-major, C order, as numpy and h5py read them), attributes and subgroups.
/// Complex data is stored as the compound <c>{r, i}</c> of two little-endian doubles, the layout
/// h5py reads as <c>complex128</c> (PureHDF's own handling of <see cref="Complex"/> writes a
/// four-member compound that h5py misreads, so it is never used). Nothing touches the disk before
/// <see cref="Hdf5File.Save"/>.
/// </summary>
public class Hdf5Group
{
    private readonly Dictionary<string, object> _children = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object> _attributes = new(StringComparer.Ordinal);

    internal Hdf5Group(string path) => Path = path;

    /// <summary>The absolute path of the group inside the file ("/" for the root).</summary>
    public string Path { get; }

    /// <summary>The subgroup <paramref name="name"/>, created when missing.</summary>
    /// <exception cref="ValidationException">The name is not a valid link name or is taken by a dataset.</exception>
    public Hdf5Group Group(string name)
    {
        CheckName(name);
        if (_children.TryGetValue(name, out var existing))
        {
            return existing as Hdf5Group
                ?? throw new ValidationException("Hdf5Group.Group", "name", "a name not used by a dataset", $"'{Child(name)}' is a dataset");
        }
        var g = new Hdf5Group(Child(name));
        _children[name] = g;
        return g;
    }

    /// <summary>A dataset of doubles; <paramref name="shape"/> defaults to one dimension of data.Length.</summary>
    /// <exception cref="DimensionMismatchException">The shape does not hold data.Length elements.</exception>
    /// <exception cref="ValidationException">The name is invalid or already used.</exception>
    public Hdf5Dataset Add(string name, double[] data, params int[] shape) => AddDataset(name, data, data?.Length ?? 0, shape);

    /// <summary>A dataset of 64-bit integers.</summary>
    /// <exception cref="DimensionMismatchException">The shape does not hold data.Length elements.</exception>
    /// <exception cref="ValidationException">The name is invalid or already used.</exception>
    public Hdf5Dataset Add(string name, long[] data, params int[] shape) => AddDataset(name, data, data?.Length ?? 0, shape);

    /// <summary>A dataset of 32-bit integers.</summary>
    /// <exception cref="DimensionMismatchException">The shape does not hold data.Length elements.</exception>
    /// <exception cref="ValidationException">The name is invalid or already used.</exception>
    public Hdf5Dataset Add(string name, int[] data, params int[] shape) => AddDataset(name, data, data?.Length ?? 0, shape);

    /// <summary>A dataset of variable-length UTF-8 strings (h5py reads them as bytes; <c>.asstr()</c> gives str).</summary>
    /// <exception cref="DimensionMismatchException">The shape does not hold data.Length elements.</exception>
    /// <exception cref="ValidationException">The name is invalid or already used, or an element is null.</exception>
    public Hdf5Dataset Add(string name, string[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        for (var k = 0; k < data.Length; k++)
        {
            if (data[k] is null)
                throw new ValidationException("Hdf5Group.Add", "data", "non-null strings", $"null at index {k} of '{Child(name)}'");
        }
        return AddDataset(name, data, data.Length, shape);
    }

    /// <summary>A dataset of complex numbers as the compound {r, i} of two doubles (h5py: complex128).</summary>
    /// <exception cref="DimensionMismatchException">The shape does not hold data.Length elements.</exception>
    /// <exception cref="ValidationException">The name is invalid or already used.</exception>
    public Hdf5Dataset Add(string name, Complex[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var pairs = new ComplexPair[data.Length];
        for (var k = 0; k < data.Length; k++) pairs[k] = new ComplexPair(data[k].Real, data[k].Imaginary);
        return AddDataset(name, pairs, data.Length, shape);
    }

    /// <summary>Sets an attribute: a double, long, int, bool (stored as 0/1), string, or an array of doubles, longs or strings.</summary>
    /// <exception cref="ValidationException">The value is null or of another type, or the name is empty.</exception>
    public Hdf5Group Attribute(string name, object value)
    {
        SetAttribute(_attributes, Path, name, value);
        return this;
    }

    internal void Fill(H5Group target)
    {
        foreach (var (k, v) in _attributes) target.Attributes[k] = v;
        foreach (var (k, v) in _children)
        {
            if (v is Hdf5Group g)
            {
                var sub = new H5Group();
                g.Fill(sub);
                target[k] = sub;
            }
            else
            {
                target[k] = ((Hdf5Dataset)v).Build();
            }
        }
    }

    internal static void SetAttribute(Dictionary<string, object> into, string owner, string name, object value)
    {
        if (string.IsNullOrEmpty(name))
            throw new ValidationException("Hdf5.Attribute", "name", "a non-empty attribute name", $"an empty name on '{owner}'");
        into[name] = value switch
        {
            double or long or int or string or double[] or long[] or string[] => value,
            bool b => (byte)(b ? 1 : 0),
            null => throw new ValidationException("Hdf5.Attribute", name, "a value", $"null on '{owner}'"),
            _ => throw new ValidationException("Hdf5.Attribute", name, "a double, long, int, bool, string or an array of doubles, longs or strings", $"{value.GetType().Name} on '{owner}'"),
        };
    }

    private Hdf5Dataset AddDataset(string name, Array data, int length, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckName(name);
        if (_children.ContainsKey(name))
            throw new ValidationException("Hdf5Group.Add", "name", "a name not used yet in the group", $"'{Child(name)}' exists");
        int[] dims = shape is null || shape.Length == 0 ? [length] : shape;
        long count = 1;
        foreach (var d in dims)
        {
            if (d < 0)
                throw new DimensionMismatchException("Hdf5Group.Add", "shape", "non-negative extents", $"[{string.Join(", ", dims)}] for '{Child(name)}'");
            count *= d;
        }
        if (count != length)
            throw new DimensionMismatchException("Hdf5Group.Add", "shape", $"extents whose product is data.Length = {length}", $"[{string.Join(", ", dims)}] for '{Child(name)}'");
        var ds = new Hdf5Dataset(Child(name), data, dims);
        _children[name] = ds;
        return ds;
    }

    private string Child(string name) => Path == "/" ? "/" + name : Path + "/" + name;

    private void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('/', StringComparison.Ordinal) || name is "." or "..")
            throw new ValidationException("Hdf5Group", "name", "a non-empty link name without '/'", $"'{name}' in '{Path}'");
    }

    /// <summary>The h5py complex layout: a compound of two doubles named r and i.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal readonly struct ComplexPair(double r, double i)
    {
#pragma warning disable IDE1006, CA1051 // the field names are the HDF5 member names h5py expects
        public readonly double r = r;
        public readonly double i = i;
#pragma warning restore IDE1006, CA1051
    }
}

/// <summary>A dataset added to an <see cref="Hdf5Group"/>; attributes can be attached to it.</summary>
public sealed class Hdf5Dataset
{
    private readonly Array _data;
    private readonly int[] _shape;
    private readonly Dictionary<string, object> _attributes = new(StringComparer.Ordinal);

    internal Hdf5Dataset(string path, Array data, int[] shape)
    {
        Path = path;
        _data = data;
        _shape = shape;
    }

    /// <summary>The absolute path of the dataset inside the file.</summary>
    public string Path { get; }

    /// <summary>The extents of the dataset (row-major).</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>Sets an attribute (types as <see cref="Hdf5Group.Attribute"/>).</summary>
    /// <exception cref="ValidationException">The value is null or of another type, or the name is empty.</exception>
    public Hdf5Dataset Attribute(string name, object value)
    {
        Hdf5Group.SetAttribute(_attributes, Path, name, value);
        return this;
    }

    internal H5Dataset Build()
    {
        var ds = new H5Dataset(_data, fileDims: [.. _shape.Select(d => (ulong)d)]);
        foreach (var (k, v) in _attributes) ds.Attributes[k] = v;
        return ds;
    }
}

/// <summary>An HDF5 file being built (its root group); <see cref="Save"/> writes it atomically with PureHDF.</summary>
public sealed class Hdf5File : Hdf5Group
{
    /// <summary>An empty file.</summary>
    public Hdf5File()
        : base("/")
    {
    }

    /// <summary>Writes the file through <see cref="AtomicFile"/>: an interrupted write leaves no half-written file.</summary>
    /// <exception cref="ValidationException">The path cannot be written.</exception>
    public void Save(string path)
    {
        var file = new H5File();
        Fill(file);
        AtomicFile.Write(path, s => file.Write(s));
    }
}
