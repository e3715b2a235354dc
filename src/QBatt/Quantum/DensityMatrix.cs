using System.Globalization;
using System.Numerics;
using QBatt.Numerics;

namespace QBatt.Quantum;

/// <summary>Tolerances for validating a density matrix (R1; defaults 1e-10).</summary>
/// <param name="Hermiticity">Largest allowed |rho_ij - conj(rho_ji)|.</param>
/// <param name="Trace">Largest allowed |tr rho - 1|.</param>
/// <param name="Positivity">Largest allowed magnitude of a negative eigenvalue.</param>
public sealed record ValidationTolerances(double Hermiticity = 1e-10, double Trace = 1e-10, double Positivity = 1e-10)
{
    /// <summary>The defaults of R1.</summary>
    public static ValidationTolerances Default { get; } = new();
}

/// <summary>
/// A density matrix (R1): Hermitian, positive semidefinite, unit trace, each checked on
/// construction within <see cref="ValidationTolerances"/>; a violation raises
/// <see cref="ValidationException"/> naming the property and by how much. Renormalisation is
/// explicit (<see cref="Normalize"/>). Immutable; the eigendecomposition is computed once and cached.
/// </summary>
public sealed class DensityMatrix
{
    private readonly ComplexMatrix _m;
    private HermitianEigen? _eigen;

    private DensityMatrix(ComplexMatrix m, Dims dims, HermitianEigen? eigen)
    {
        _m = m;
        Dims = dims;
        _eigen = eigen;
    }

    /// <summary>A state known to be valid (built from validated parts); no checks.</summary>
    private static DensityMatrix Trusted(ComplexMatrix m, Dims dims, HermitianEigen? eigen = null) => new(m, dims, eigen);

    /// <summary>Validates and copies <paramref name="matrix"/>.</summary>
    public DensityMatrix(ComplexMatrix matrix, Dims? dims = null, ValidationTolerances? tolerances = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var m = matrix.Clone();
        Dims = CheckShape(m, dims, "DensityMatrix");
        _eigen = Validate(m, tolerances ?? ValidationTolerances.Default, requireUnitTrace: true, "DensityMatrix");
        _m = m;
    }

    /// <summary>Takes ownership of a state computed by the library (no validation; the caller guarantees it).</summary>
    internal static DensityMatrix Own(ComplexMatrix matrix, Dims dims) => Trusted(matrix, dims);

    private static Dims CheckShape(ComplexMatrix m, Dims? dims, string op)
    {
        m.RequireSquare(op, "rho");
        var d = dims ?? new Dims(Math.Max(1, m.Rows));
        if (d.Total != m.Rows)
            throw new DimensionMismatchException(op, "dims", $"dims whose product is {m.Rows}", $"{d} (product {d.Total})");
        return d;
    }

    private static HermitianEigen Validate(ComplexMatrix m, ValidationTolerances tol, bool requireUnitTrace, string op)
    {
        m.RequireFinite(op, "rho");
        var herm = m.HermiticityError();
        if (herm > tol.Hermiticity)
            throw new ValidationException(op, "rho", $"a Hermitian matrix (max |rho - rho^dag| <= {QBattException.Num(tol.Hermiticity)})", $"max |rho - rho^dag| = {QBattException.Num(herm)}");
        var tr = m.Trace();
        if (requireUnitTrace && Math.Abs(tr.Real - 1) > tol.Trace)
            throw new ValidationException(op, "rho", $"unit trace (|tr rho - 1| <= {QBattException.Num(tol.Trace)})", $"trace {tr.Real.ToString("R", CultureInfo.InvariantCulture)}");
        var eig = MatrixFunctions.Eigh(m, hermitianTol: double.PositiveInfinity);
        if (eig.Values.Length > 0 && eig.Values[0] < -tol.Positivity)
            throw new ValidationException(op, "rho", $"a positive semidefinite matrix (eigenvalues >= -{QBattException.Num(tol.Positivity)})", $"smallest eigenvalue {eig.Values[0].ToString("g6", CultureInfo.InvariantCulture)}");
        return eig;
    }

    /// <summary>
    /// Explicit renormalisation: rho / tr(rho), validated Hermitian and positive semidefinite.
    /// Returns the state and the factor 1 / tr(rho) that was applied, so callers can report it.
    /// </summary>
    public static (DensityMatrix State, double Factor) Normalize(ComplexMatrix matrix, Dims? dims = null, ValidationTolerances? tolerances = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var m = matrix.Clone();
        var d = CheckShape(m, dims, "DensityMatrix.Normalize");
        var tol = tolerances ?? ValidationTolerances.Default;
        m.RequireFinite("DensityMatrix.Normalize", "rho");
        var tr = m.Trace().Real;
        if (!(tr > 0))
            throw new ValidationException("DensityMatrix.Normalize", "rho", "a positive trace", $"trace {tr.ToString("R", CultureInfo.InvariantCulture)}");
        VectorOps.Scale(1 / tr, m.Span);
        var eig = Validate(m, tol, requireUnitTrace: false, "DensityMatrix.Normalize");
        return (Trusted(m, d, eig), 1 / tr);
    }

    /// <summary>|psi&gt;&lt;psi|.</summary>
    public static DensityMatrix FromKet(Ket psi)
    {
        ArgumentNullException.ThrowIfNull(psi);
        return Trusted(ComplexMatrix.Outer(psi.Amplitudes, psi.Amplitudes), psi.Dims);
    }

    /// <summary>The diagonal state sum_i p_i |i&gt;&lt;i| (populations validated: finite, &gt;= 0, sum 1 within tolerance).</summary>
    public static DensityMatrix Diagonal(ReadOnlySpan<double> populations, Dims? dims = null, ValidationTolerances? tolerances = null)
    {
        Guard.Finite(populations, "DensityMatrix.Diagonal", "populations");
        var tol = tolerances ?? ValidationTolerances.Default;
        double sum = 0;
        for (var i = 0; i < populations.Length; i++)
        {
            if (populations[i] < -tol.Positivity)
                throw new ValidationException("DensityMatrix.Diagonal", "populations", "non-negative populations", $"{populations[i].ToString("R", CultureInfo.InvariantCulture)} at index {i}");
            sum += populations[i];
        }
        if (Math.Abs(sum - 1) > tol.Trace)
            throw new ValidationException("DensityMatrix.Diagonal", "populations", $"populations summing to 1 (within {QBattException.Num(tol.Trace)})", $"sum {sum.ToString("R", CultureInfo.InvariantCulture)}");
        var m = ComplexMatrix.Diagonal(populations);
        var d = CheckShape(m, dims, "DensityMatrix.Diagonal");
        return Trusted(m, d);
    }

    /// <summary>The maximally mixed state 1/D.</summary>
    public static DensityMatrix MaximallyMixed(Dims dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        var p = Enumerable.Repeat(1.0 / dims.Total, dims.Total).ToArray();
        return Trusted(ComplexMatrix.Diagonal(p), dims);
    }

    /// <summary>Subsystem dimensions.</summary>
    public Dims Dims { get; }

    /// <summary>Dimension of the space.</summary>
    public int Dimension => _m.Rows;

    /// <summary>Column-major entries.</summary>
    public ReadOnlySpan<Complex> Data => _m.ReadOnlySpan;

    /// <summary>Entry (i, j).</summary>
    public Complex this[int i, int j] => _m[i, j];

    /// <summary>A copy of the matrix.</summary>
    public ComplexMatrix ToMatrix() => _m.Clone();

    /// <summary>Eigenvalues (ascending) and eigenvectors, computed once.</summary>
    public HermitianEigen Eigen() => _eigen ??= MatrixFunctions.Eigh(_m, hermitianTol: double.PositiveInfinity);

    /// <summary>Eigenvalues in ascending order (a copy).</summary>
    public double[] Eigenvalues() => (double[])Eigen().Values.Clone();

    /// <summary>Populations rho_ii (real parts of the diagonal).</summary>
    public double[] Populations()
    {
        var p = new double[Dimension];
        for (var i = 0; i < p.Length; i++) p[i] = _m[i, i].Real;
        return p;
    }

    /// <summary>The trace (1 within validation tolerance).</summary>
    public double Trace() => _m.Trace().Real;

    /// <summary>The purity tr(rho^2) = ||rho||_F^2.</summary>
    public double Purity()
    {
        var f = _m.FrobeniusNorm();
        return f * f;
    }

    /// <summary>tr(rho A).</summary>
    public Complex Expectation(Operator a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.Expectation(this);
    }

    /// <summary>Reduced state on the listed subsystems (the others are traced out).</summary>
    public DensityMatrix PartialTraceKeep(params int[] keep) =>
        Trusted(Subsystems.PartialTraceKeep(_m, Dims.AsSpan(), keep), Dims.Keep(keep));

    /// <summary>Reduced state after tracing out the listed subsystems.</summary>
    public DensityMatrix PartialTraceOver(params int[] traced)
    {
        ArgumentNullException.ThrowIfNull(traced);
        var keep = Enumerable.Range(0, Dims.Count).Except(traced).ToArray();
        if (keep.Length == 0)
            throw new ValidationException("DensityMatrix.PartialTraceOver", "traced", "at least one subsystem left", "every subsystem traced");
        return Trusted(Subsystems.PartialTraceOver(_m, Dims.AsSpan(), traced), Dims.Keep(keep));
    }

    /// <summary>The partial transpose on the listed subsystems (not a state in general).</summary>
    public ComplexMatrix PartialTranspose(params int[] subsystems) => Subsystems.PartialTranspose(_m, Dims.AsSpan(), subsystems);

    /// <summary>rho_a (x) rho_b.</summary>
    public static DensityMatrix Tensor(DensityMatrix a, DensityMatrix b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Trusted(ComplexMatrix.Kron(a._m, b._m), a.Dims.Concat(b.Dims));
    }

    /// <summary>The tensor product of several states, left to right.</summary>
    public static DensityMatrix Tensor(params DensityMatrix[] states)
    {
        ArgumentNullException.ThrowIfNull(states);
        if (states.Length == 0)
            throw new ValidationException("DensityMatrix.Tensor", "states", "at least one state", "none");
        var r = states[0];
        for (var k = 1; k < states.Length; k++) r = Tensor(r, states[k]);
        return r;
    }

    /// <summary>U rho U^dag for a unitary U (checked to <paramref name="unitaryTol"/>).</summary>
    public DensityMatrix Transform(ComplexMatrix u, double unitaryTol = 1e-10, ILinearAlgebraBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(u);
        if (u.Rows != Dimension || u.Cols != Dimension)
            throw new DimensionMismatchException("DensityMatrix.Transform", "u", $"a {Dimension}x{Dimension} matrix", $"{u.Rows}x{u.Cols}");
        var err = u.UnitarityError(backend);
        if (err > unitaryTol)
            throw new ValidationException("DensityMatrix.Transform", "u", $"a unitary matrix (max |U U^dag - 1| <= {QBattException.Num(unitaryTol)})", $"max |U U^dag - 1| = {QBattException.Num(err)}");
        var t = ComplexMatrix.Product(u, Op.None, _m, Op.None, backend);
        var r = ComplexMatrix.Product(t, Op.None, u, Op.Adjoint, backend);
        return Trusted(r, Dims);
    }

    /// <summary>Short description.</summary>
    public override string ToString() => $"DensityMatrix dims {Dims}";
}
