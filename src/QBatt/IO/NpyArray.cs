using System.Globalization;
using System.Numerics;
using QBatt.Numerics;

namespace QBatt.IO;

/// <summary>
/// An array read from a NumPy <c>.npy</c> file: its shape (0, 1 or 2 dimensions) and its data in
/// C (row-major) order, either real (<see cref="RealData"/>) or complex (<see cref="ComplexData"/>),
/// whatever the file's own order and dtype were.
/// </summary>
public sealed class NpyArray
{
    private readonly double[]? _real;
    private readonly Complex[]? _complex;

    internal NpyArray(string source, int[] shape, double[]? real, Complex[]? complex)
    {
        Source = source;
        Shape = shape;
        _real = real;
        _complex = complex;
    }

    /// <summary>Where the array came from (a file path, or a name given for a stream); used in error messages.</summary>
    public string Source { get; }

    /// <summary>The shape: empty for a 0-d array (a scalar), one entry for a vector, two for a matrix.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>True when the file held a complex dtype (<c>&lt;c16</c> or <c>&lt;c8</c>).</summary>
    public bool IsComplex => _complex is not null;

    /// <summary>The data of a real array in C order; null for a complex array.</summary>
    public IReadOnlyList<double>? RealData => _real;

    /// <summary>The data of a complex array in C order; null for a real array.</summary>
    public IReadOnlyList<Complex>? ComplexData => _complex;

    /// <summary>Number of elements (1 for a 0-d array).</summary>
    public int Length => _real?.Length ?? _complex!.Length;

    /// <summary>The shape as NumPy prints it, e.g. <c>(3, 4)</c> or <c>(5,)</c>.</summary>
    public string ShapeText => FormatShape(Shape);

    /// <summary>A 2-d array as a matrix (real data become complex with zero imaginary part).</summary>
    /// <exception cref="ValidationException">The array is not 2-d.</exception>
    public ComplexMatrix ToComplexMatrix()
    {
        RequireDimensions(2, "ToComplexMatrix", "a 2-d array");
        int rows = Shape[0], cols = Shape[1];
        var m = new ComplexMatrix(rows, cols);
        var dst = m.Span;
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++)
                dst[i + j * rows] = At(i * cols + j);
        return m;
    }

    /// <summary>The elements in C order as complex numbers (any number of dimensions).</summary>
    public Complex[] ToComplexArray()
    {
        var r = new Complex[Length];
        for (var k = 0; k < r.Length; k++) r[k] = At(k);
        return r;
    }

    /// <summary>The elements of a real array in C order (any number of dimensions).</summary>
    /// <exception cref="ValidationException">The array is complex.</exception>
    public double[] ToDoubleArray()
    {
        if (_real is null)
            throw new ValidationException("Npy.ToDoubleArray", "array", "a real array", $"{Source}: a complex array of shape {ShapeText}");
        return (double[])_real.Clone();
    }

    /// <summary>Requires a given number of dimensions, naming the file when it does not match.</summary>
    /// <exception cref="ValidationException">The array has another number of dimensions.</exception>
    public void RequireDimensions(int dimensions, string operation, string expected)
    {
        if (Shape.Count != dimensions)
            throw new ValidationException(operation, "array", expected, $"{Source}: shape {ShapeText}");
    }

    private Complex At(int k) => _real is not null ? _real[k] : _complex![k];

    internal static string FormatShape(IReadOnlyList<int> shape) => shape.Count switch
    {
        0 => "()",
        1 => string.Create(CultureInfo.InvariantCulture, $"({shape[0]},)"),
        _ => "(" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")",
    };
}
