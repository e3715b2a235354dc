using System.Numerics;

namespace QBatt.Numerics;

/// <summary>
/// The map c [A, B] = c (A B - B A) of two maps, applied as four mat-vecs without storing anything but
/// two scratch vectors: with c = i and Hermitian A, B it is the Hermitian operator i[A, B] whose
/// expectation gives a power dW/dt = i&lt;[H, H0]&gt; (R7) when H and H0 are matrix-free. The expectation value of
/// two Hermitian <see cref="Quantum.XxzMap"/>s (or <see cref="Quantum.SectorXxzMap"/>s on one sector) is
/// c (&lt;A psi|B psi&gt; - conj(&lt;A psi|B psi&gt;)), block by block without scratch vectors.
/// </summary>
public sealed class CommutatorMap : ILinearMap, IExpectationMap
{
    private readonly ILinearMap _a;
    private readonly ILinearMap _b;
    private readonly Complex _factor;
    private readonly Lock _gate = new();
    private Complex[]? _s1;
    private Complex[]? _s2;

    /// <summary>c [A, B] for maps of equal dimension.</summary>
    public CommutatorMap(ILinearMap a, ILinearMap b, Complex factor)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Dimension != b.Dimension)
            throw new DimensionMismatchException("CommutatorMap", "b", $"a map of dimension {a.Dimension}", $"dimension {b.Dimension}");
        if (!double.IsFinite(factor.Real) || !double.IsFinite(factor.Imaginary))
            throw new ValidationException("CommutatorMap", "factor", "a finite number", factor.ToString());
        _a = a;
        _b = b;
        _factor = factor;
    }

    /// <inheritdoc/>
    public int Dimension => _a.Dimension;

    /// <inheritdoc/>
    public double Cost => 2 * (_a.Cost + _b.Cost);

    /// <inheritdoc/>
    Complex IExpectationMap.Expectation(ReadOnlySpan<Complex> psi)
    {
        if (_a is Quantum.XxzMap a && _b is Quantum.XxzMap b && a.Qubits == b.Qubits)
        {
            var z = a.Bilinear(b, psi);
            return _factor * (z - Complex.Conjugate(z));
        }
        if (_a is Quantum.SectorXxzMap sa && _b is Quantum.SectorXxzMap sb && ReferenceEquals(sa.Sector, sb.Sector))
        {
            var z = sa.Bilinear(sb, psi);
            return _factor * (z - Complex.Conjugate(z));
        }
        var y = new Complex[Dimension];
        Apply(psi, y);
        return VectorOps.Dot(psi, y);
    }

    /// <inheritdoc/>
    public void Apply(ReadOnlySpan<Complex> x, Span<Complex> y)
    {
        y.Clear();
        ApplyAdd(Complex.One, x, y);
    }

    /// <inheritdoc/>
    public void ApplyAdd(Complex alpha, ReadOnlySpan<Complex> x, Span<Complex> y)
    {
        lock (_gate)
        {
            _s1 ??= new Complex[Dimension];
            _s2 ??= new Complex[Dimension];
            _b.Apply(x, _s1);
            _a.ApplyAdd(alpha * _factor, _s1, y);
            _a.Apply(x, _s2);
            _b.ApplyAdd(-alpha * _factor, _s2, y);
        }
    }
}
