using System.Numerics;
using QBatt.Numerics;

namespace QBatt.Quantum;

/// <summary>
/// A pure state |psi&gt; on a space with dims <c>[d1, d2, ...]</c> (R1). Immutable; validated
/// finite and of unit norm within an explicit tolerance. Renormalisation is explicit
/// (<see cref="Normalize"/>).
/// </summary>
public sealed class Ket
{
    /// <summary>Default tolerance on | ||psi|| - 1 |.</summary>
    public const double DefaultNormTolerance = 1e-10;

    private readonly Complex[] _amp;

    /// <summary>A ket from amplitudes (copied), finite and of unit norm within <paramref name="normTolerance"/>.</summary>
    public Ket(ReadOnlySpan<Complex> amplitudes, Dims? dims = null, double normTolerance = DefaultNormTolerance)
    {
        Guard.Finite(amplitudes, "Ket", "amplitudes");
        Dims = dims ?? new Dims(amplitudes.Length);
        if (Dims.Total != amplitudes.Length)
            throw new DimensionMismatchException("Ket", "dims", $"dims whose product is {amplitudes.Length}", $"{Dims} (product {Dims.Total})");
        var norm = VectorOps.Norm(amplitudes);
        if (Math.Abs(norm - 1) > normTolerance)
            throw new ValidationException("Ket", "amplitudes", $"unit norm (| ||psi|| - 1 | <= {QBattException.Num(normTolerance)})", $"norm {norm.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
        _amp = amplitudes.ToArray();
    }

    private Ket(Complex[] amplitudes, Dims dims)
    {
        _amp = amplitudes;
        Dims = dims;
    }

    /// <summary>Takes ownership of a vector computed by the library (finite, unit norm to rounding).</summary>
    internal static Ket Own(Complex[] amplitudes, Dims dims) => new(amplitudes, dims);

    /// <summary>Explicit renormalisation: returns v/||v|| and the factor 1/||v|| that was applied.</summary>
    public static (Ket State, double Factor) Normalize(ReadOnlySpan<Complex> vector, Dims? dims = null)
    {
        Guard.Finite(vector, "Ket.Normalize", "vector");
        var norm = VectorOps.Norm(vector);
        if (!(norm > 0))
            throw new ValidationException("Ket.Normalize", "vector", "a non-zero vector", "the zero vector");
        var a = vector.ToArray();
        VectorOps.Scale(1 / norm, a);
        var d = dims ?? new Dims(a.Length);
        if (d.Total != a.Length)
            throw new DimensionMismatchException("Ket.Normalize", "dims", $"dims whose product is {a.Length}", $"{d} (product {d.Total})");
        return (new Ket(a, d), 1 / norm);
    }

    /// <summary>The basis state |i&gt; of a d-level system (0-based level).</summary>
    public static Ket Basis(int d, int i)
    {
        Guard.AtLeast(d, 1, "Ket.Basis", "d");
        if ((uint)i >= (uint)d)
            throw new ValidationException("Ket.Basis", "i", $"a level in 0..{d - 1}", $"{i}");
        var a = new Complex[d];
        a[i] = 1;
        return new Ket(a, new Dims(d));
    }

    /// <summary>The product basis state |l1, l2, ...&gt; on a composite space (0-based levels).</summary>
    public static Ket Basis(Dims dims, params int[] levels)
    {
        ArgumentNullException.ThrowIfNull(dims);
        ArgumentNullException.ThrowIfNull(levels);
        if (levels.Length != dims.Count)
            throw new DimensionMismatchException("Ket.Basis", "levels", $"{dims.Count} levels for dims {dims}", $"{levels.Length}");
        var idx = 0;
        for (var k = 0; k < levels.Length; k++)
        {
            if ((uint)levels[k] >= (uint)dims[k])
                throw new ValidationException("Ket.Basis", "levels", $"level of subsystem {k} in 0..{dims[k] - 1}", $"{levels[k]}");
            idx = idx * dims[k] + levels[k];
        }
        var a = new Complex[dims.Total];
        a[idx] = 1;
        return new Ket(a, dims);
    }

    /// <summary>Subsystem dimensions.</summary>
    public Dims Dims { get; }

    /// <summary>Dimension of the space.</summary>
    public int Dimension => _amp.Length;

    /// <summary>The amplitudes.</summary>
    public ReadOnlySpan<Complex> Amplitudes => _amp;

    /// <summary>Amplitude i.</summary>
    public Complex this[int i] => _amp[i];

    /// <summary>A copy of the amplitudes.</summary>
    public Complex[] ToArray() => (Complex[])_amp.Clone();

    /// <summary>&lt;this|other&gt;.</summary>
    public Complex Inner(Ket other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Dims.RequireSame(other.Dims, "Ket.Inner", "other");
        return VectorOps.Dot(_amp, other._amp);
    }

    /// <summary>The tensor product |a&gt; (x) |b&gt;.</summary>
    public static Ket Tensor(Ket a, Ket b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var r = new Complex[checked(a.Dimension * b.Dimension)];
        for (var i = 0; i < a.Dimension; i++)
            for (var j = 0; j < b.Dimension; j++)
                r[i * b.Dimension + j] = a._amp[i] * b._amp[j];
        return new Ket(r, a.Dims.Concat(b.Dims));
    }

    /// <summary>The tensor product of several kets, left to right.</summary>
    public static Ket Tensor(params Ket[] kets)
    {
        ArgumentNullException.ThrowIfNull(kets);
        if (kets.Length == 0)
            throw new ValidationException("Ket.Tensor", "kets", "at least one ket", "none");
        var r = kets[0];
        for (var k = 1; k < kets.Length; k++) r = Tensor(r, kets[k]);
        return r;
    }

    /// <summary>|psi&gt;&lt;psi|.</summary>
    public DensityMatrix ToDensityMatrix() => DensityMatrix.FromKet(this);

    /// <summary>Short description.</summary>
    public override string ToString() => $"Ket dims {Dims}";
}
