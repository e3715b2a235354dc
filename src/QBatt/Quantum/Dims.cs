using QBatt.Numerics;

namespace QBatt.Quantum;

/// <summary>
/// Subsystem dimensions <c>[d1, d2, ...]</c> of a composite Hilbert space (R1); the first
/// subsystem is the most significant factor of the tensor product. Immutable.
/// </summary>
public sealed class Dims : IEquatable<Dims>
{
    private readonly int[] _d;

    /// <summary>Dimensions of the subsystems, each at least 1.</summary>
    public Dims(params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        if (dims.Length == 0)
            throw new ValidationException("Dims", "dims", "at least one subsystem", "none");
        _d = (int[])dims.Clone();
        Total = Subsystems.Total(_d, "Dims");
    }

    /// <summary>n cells of dimension d each.</summary>
    public static Dims Uniform(int d, int n)
    {
        Guard.AtLeast(n, 1, "Dims.Uniform", "n");
        Guard.AtLeast(d, 1, "Dims.Uniform", "d");
        return new Dims(Enumerable.Repeat(d, n).ToArray());
    }

    /// <summary>Number of subsystems.</summary>
    public int Count => _d.Length;

    /// <summary>Dimension of subsystem k.</summary>
    public int this[int k] => _d[k];

    /// <summary>Dimension of the whole space (product of the subsystem dimensions).</summary>
    public int Total { get; }

    /// <summary>The dimensions as a span.</summary>
    public ReadOnlySpan<int> AsSpan() => _d;

    /// <summary>The dimensions as a new array.</summary>
    public int[] ToArray() => (int[])_d.Clone();

    /// <summary>The dimensions of this space followed by those of <paramref name="other"/>.</summary>
    public Dims Concat(Dims other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new Dims([.. _d, .. other._d]);
    }

    /// <summary>The dimensions of the listed subsystems, in original order.</summary>
    public Dims Keep(ReadOnlySpan<int> keep) => new(Subsystems.KeptDims(_d, keep));

    /// <summary>Throws <see cref="DimensionMismatchException"/> unless <paramref name="other"/> equals this.</summary>
    public void RequireSame(Dims other, string operation, string argument)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!Equals(other))
            throw new DimensionMismatchException(operation, argument, $"dims {this}", $"dims {other}");
    }

    /// <inheritdoc/>
    public bool Equals(Dims? other) => other is not null && _d.AsSpan().SequenceEqual(other._d);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Dims);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var d in _d) h.Add(d);
        return h.ToHashCode();
    }

    /// <summary>"[2, 2, 3]".</summary>
    public override string ToString() => $"[{string.Join(", ", _d)}]";
}
