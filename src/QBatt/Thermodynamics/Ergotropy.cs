using System.Globalization;
using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Thermodynamics;

/// <summary>
/// Ergotropy and passive states (R2, Rev eqs 4-7): W_max = tr[rho H0] - sum_j r_j e_j with
/// r_1 &gt;= r_2 &gt;= ... the eigenvalues of rho and e_1 &lt;= e_2 &lt;= ... those of H0. Works for any
/// Hermitian H0, degenerate or not diagonal: the passive state is built in H0's eigenbasis.
/// </summary>
public static class Ergotropy
{
    /// <summary>Largest energy magnitude accepted (1e150): beyond it squared energy spreads overflow a double.</summary>
    public const double MaxEnergyMagnitude = EnergyBasis.MaxMagnitude;

    /// <summary>
    /// The ergotropy with the passive state, an optimal unitary (verified: U rho U^dag equals the
    /// passive state within <see cref="ErgotropyOptions.VerificationTolerance"/>), and the incoherent
    /// and coherent parts.
    /// </summary>
    /// <exception cref="DimensionMismatchException">H0 and rho have different dimensions.</exception>
    /// <exception cref="ValidationException">H0 is not Hermitian or not finite.</exception>
    /// <exception cref="ConvergenceException">The verification of the unitary failed (an eigensolver failure).</exception>
    public static ErgotropyResult Compute(DensityMatrix rho, Operator h0, ErgotropyOptions? options = null)
    {
        const string op = "Ergotropy.Compute";
        ArgumentNullException.ThrowIfNull(rho);
        ArgumentNullException.ThrowIfNull(h0);
        var o = options ?? ErgotropyOptions.Default;
        var be = o.Backend;
        Validation.SameDimension(rho.Dimension, h0.Dimension, op);
        var basis = EnergyBasis.Of(h0, o.DegeneracyTolerance, op, o.HermitianTolerance, be);
        var e = basis.Energies;
        var n = e.Length;
        var (r, rOrder, rVectors) = DescendingSpectrum(rho);
        var energy = h0.WithDims(rho.Dims).Expectation(rho).Real;
        var passiveEnergy = Dot(r, e);

        // passive state sigma = sum_j r_j |e_j><e_j| and U = sum_j |e_j><r_j|
        ComplexMatrix sigma, u;
        if (basis.Vectors is null)
        {
            sigma = new ComplexMatrix(n, n);
            for (var j = 0; j < n; j++) sigma[basis.Order![j], basis.Order[j]] = r[j];
        }
        else
        {
            sigma = basis.FromEnergyBasis(ComplexMatrix.Diagonal(r), be);
            Gibbs.Symmetrise(sigma);
        }
        if (basis.Vectors is null && rVectors is null)
        {
            u = new ComplexMatrix(n, n);
            for (var j = 0; j < n; j++) u[basis.Order![j], rOrder![j]] = Complex.One;
        }
        else
        {
            var w = rVectors ?? Permutation(rOrder!);
            u = ComplexMatrix.Product(basis.VectorMatrix(), Op.None, w, Op.Adjoint, be);
        }
        var rotated = ComplexMatrix.Product(ComplexMatrix.Product(u, Op.None, rho.ToMatrix(), Op.None, be), Op.None, u, Op.Adjoint, be);
        var residual = ComplexMatrix.MaxAbsDifference(rotated, sigma);
        if (!(residual <= o.VerificationTolerance))
            throw new ConvergenceException($"{op}: the extraction unitary does not map rho to its passive state (max |U rho U^dag - sigma| = {QBattException.Num(residual)} > {QBattException.Num(o.VerificationTolerance)}); the eigensolver is inaccurate for this input.");

        var incoherentPassive = Dot(DephasedSpectrumDescending(rho, basis, be), e);
        var value = energy - passiveEnergy;
        var incoherent = energy - incoherentPassive;
        return new ErgotropyResult(value, energy, passiveEnergy, e[0], (double[])e.Clone(), r,
            DensityMatrix.Own(sigma, rho.Dims), u, residual, incoherent, value - incoherent);
    }

    /// <summary>The ergotropy alone, from the eigenvalues of rho and H0 (no eigenvectors of H0, no unitary).</summary>
    public static double Value(DensityMatrix rho, Operator h0, ILinearAlgebraBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(rho);
        ArgumentNullException.ThrowIfNull(h0);
        Validation.SameDimension(rho.Dimension, h0.Dimension, "Ergotropy.Value");
        h0.RequireHermitian("Ergotropy.Value", "h0");
        var e = h0.IsSparse && IsDiagonalSparse(h0) ? h0.DiagonalReal() : MatrixFunctions.EigvalsH(h0.ToDense(), backend, double.PositiveInfinity);
        return h0.WithDims(rho.Dims).Expectation(rho).Real - PassiveEnergy(rho.Eigen().Values, e);
    }

    /// <summary>
    /// The ergotropy of a density matrix given as a plain matrix, for large dense problems (BENCHMARKS.md
    /// W1): rho is validated (finite, Hermitian, unit trace, positive semidefinite within
    /// <paramref name="tolerances"/>) and H0 checked Hermitian (1e-10 relative to its largest entry)
    /// in one cache-blocked pass each, positivity through the eigenvalues the ergotropy needs anyway,
    /// so the cost is two eigenvalue-only decompositions plus O(D^2).
    /// </summary>
    public static double Value(ComplexMatrix rho, ComplexMatrix h0, ValidationTolerances? tolerances = null, ILinearAlgebraBackend? backend = null)
    {
        var (energy, r, e) = DenseSpectra(rho, h0, tolerances, backend, "Ergotropy.Value");
        return energy - PassiveEnergy(r, e);
    }

    /// <summary>
    /// tr[rho H0] with the eigenvalues of rho and of H0 (ascending) for plain dense matrices, after the
    /// one-pass validation described at <see cref="Value(ComplexMatrix, ComplexMatrix, ValidationTolerances?, ILinearAlgebraBackend?)"/>:
    /// everything the spectral measures of R2 and R18 (ergotropy, capacity, antiergotropy) need.
    /// </summary>
    internal static (double Energy, double[] Spectrum, double[] Energies) DenseSpectra(ComplexMatrix rho, ComplexMatrix h0, ValidationTolerances? tolerances, ILinearAlgebraBackend? backend, string op)
    {
        ArgumentNullException.ThrowIfNull(rho);
        ArgumentNullException.ThrowIfNull(h0);
        var tol = tolerances ?? ValidationTolerances.Default;
        rho.RequireSquare(op, "rho");
        h0.RequireSquare(op, "h0");
        Validation.SameDimension(rho.Rows, h0.Rows, op);
        var (herm, _, tr) = Scan(rho, op, "rho");
        if (herm > tol.Hermiticity)
            throw new ValidationException(op, "rho", $"a Hermitian matrix (max |rho - rho^dag| <= {QBattException.Num(tol.Hermiticity)})", $"max |rho - rho^dag| = {QBattException.Num(herm)}");
        if (Math.Abs(tr - 1) > tol.Trace)
            throw new ValidationException(op, "rho", $"unit trace (|tr rho - 1| <= {QBattException.Num(tol.Trace)})", $"trace {tr.ToString("R", CultureInfo.InvariantCulture)}");
        var (hermH, maxH, _) = Scan(h0, op, "h0");
        if (hermH > 1e-10 * Math.Max(1, maxH))
            throw new ValidationException(op, "h0", $"a Hermitian matrix (max |A - A^dag| <= {QBattException.Num(1e-10 * Math.Max(1, maxH))})", $"max |A - A^dag| = {QBattException.Num(hermH)}");
        var be = backend ?? LinearAlgebra.Default;
        var n = rho.Rows;
        var r = new double[n];
        be.HermitianEigen(n, rho.Clone().Span, r, false);
        if (n > 0 && r[0] < -tol.Positivity)
            throw new ValidationException(op, "rho", $"a positive semidefinite matrix (eigenvalues >= -{QBattException.Num(tol.Positivity)})", $"smallest eigenvalue {QBattException.Num(r[0])}");
        var e = new double[n];
        be.HermitianEigen(n, h0.Clone().Span, e, false);
        return (LowerTraceProduct(rho, h0), r, e);
    }

    /// <summary>Ergotropy of a state diagonal in the energy basis: populations p_j of levels e_j (validated).</summary>
    public static double OfDiagonal(ReadOnlySpan<double> populations, ReadOnlySpan<double> energies)
    {
        Validation.DiagonalState(populations, energies, "Ergotropy.OfDiagonal");
        return Dot(populations, energies) - PassiveEnergy(populations, energies);
    }

    /// <summary>
    /// The ergotropy of a subsystem (R2, "useful extras"): the reduced state on the subsystems
    /// <paramref name="keep"/> with its local Hamiltonian <paramref name="localH0"/>.
    /// </summary>
    public static ErgotropyResult OfSubsystem(DensityMatrix rho, int[] keep, Operator localH0, ErgotropyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rho);
        ArgumentNullException.ThrowIfNull(keep);
        return Compute(rho.PartialTraceKeep(keep), localH0, options);
    }

    /// <summary>
    /// The passive energy sum_j r_j e_j of a spectrum r paired in decreasing order with energies e in
    /// increasing order (the rearrangement inequality: the minimum of tr[U rho U^dag H0] over U).
    /// </summary>
    public static double PassiveEnergy(ReadOnlySpan<double> spectrum, ReadOnlySpan<double> energies)
    {
        if (spectrum.Length != energies.Length)
            throw new DimensionMismatchException("Ergotropy.PassiveEnergy", "energies", $"{spectrum.Length} energies (one per eigenvalue)", $"{energies.Length}");
        var r = spectrum.ToArray();
        var e = energies.ToArray();
        Array.Sort(r);
        Array.Reverse(r);
        Array.Sort(e);
        return Dot(r, e);
    }

    internal static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var s = new CompensatedSum();
        for (var i = 0; i < a.Length; i++) s.Add(a[i] * b[i]);
        return s.Value;
    }

    /// <summary>
    /// Re tr(A B) for the Hermitian matrices given by the lower triangles of A and B (what the
    /// eigensolver reads): sum_i a_ii b_ii + 2 Re sum_(i&gt;j) a_ij conj(b_ij), column by column.
    /// </summary>
    private static double LowerTraceProduct(ComplexMatrix a, ComplexMatrix b)
    {
        var n = a.Rows;
        var pa = a.ReadOnlySpan;
        var pb = b.ReadOnlySpan;
        double diag = 0, off = 0;
        for (var j = 0; j < n; j++)
        {
            diag += pa[j + j * n].Real * pb[j + j * n].Real;
            var colA = pa.Slice(j * n + j + 1, n - j - 1);
            var colB = pb.Slice(j * n + j + 1, n - j - 1);
            for (var i = 0; i < colA.Length; i++)
                off += colA[i].Real * colB[i].Real + colA[i].Imaginary * colB[i].Imaginary;
        }
        return diag + 2 * off;
    }

    /// <summary>
    /// One pass in 64x64 tiles: max |a_ij - conj(a_ji)|, max |a_ij| and Re tr(a); refuses NaN or
    /// infinite entries naming the first one.
    /// </summary>
    private static (double Hermiticity, double MaxAbs, double Trace) Scan(ComplexMatrix a, string op, string argument)
    {
        const int tile = 64;
        var n = a.Rows;
        var p = a.ReadOnlySpan;
        double herm = 0, max2 = 0, trace = 0;
        for (var jb = 0; jb < n; jb += tile)
        {
            var jEnd = Math.Min(n, jb + tile);
            for (var ib = jb; ib < n; ib += tile)
            {
                var iEnd = Math.Min(n, ib + tile);
                for (var j = jb; j < jEnd; j++)
                {
                    for (var i = Math.Max(ib, j); i < iEnd; i++)
                    {
                        var x = p[i + j * n];
                        var y = p[j + i * n];
                        if (!(double.IsFinite(x.Real) && double.IsFinite(x.Imaginary) && double.IsFinite(y.Real) && double.IsFinite(y.Imaginary)))
                        {
                            var bad = double.IsFinite(x.Real) && double.IsFinite(x.Imaginary) ? (j, i) : (i, j);
                            throw new ValidationException(op, argument, "finite entries", $"{p[bad.Item1 + bad.Item2 * n]} at ({bad.Item1}, {bad.Item2})");
                        }
                        var dr = x.Real - y.Real;
                        var di = x.Imaginary + y.Imaginary;
                        herm = Math.Max(herm, dr * dr + di * di);
                        max2 = Math.Max(max2, Math.Max(x.Real * x.Real + x.Imaginary * x.Imaginary, y.Real * y.Real + y.Imaginary * y.Imaginary));
                        if (i == j) trace += x.Real;
                    }
                }
            }
        }
        return (Math.Sqrt(herm), Math.Sqrt(max2), trace);
    }

    private static bool IsDiagonalSparse(Operator h0)
    {
        var s = h0.SparseStorage!;
        var rp = s.RowPointers;
        var ci = s.ColumnIndices;
        var v = s.Values;
        for (var i = 0; i < s.Rows; i++)
            for (var k = rp[i]; k < rp[i + 1]; k++)
                if (ci[k] != i && v[k] != Complex.Zero) return false;
        return true;
    }

    /// <summary>
    /// Eigenvalues of rho in descending order with either the basis order (rho diagonal: r_j =
    /// rho[order[j], order[j]], ties in index order) or the eigenvectors in that order.
    /// </summary>
    internal static (double[] Values, int[]? Order, ComplexMatrix? Vectors) DescendingSpectrum(DensityMatrix rho)
    {
        var n = rho.Dimension;
        if (IsDiagonal(rho.Data, n))
        {
            var p = rho.Populations();
            var order = Enumerable.Range(0, n).ToArray();
            // descending by value, ties by index: sort (-p, index)
            Array.Sort(order, (a, b) => p[a] != p[b] ? p[b].CompareTo(p[a]) : a.CompareTo(b));
            var values = new double[n];
            for (var j = 0; j < n; j++) values[j] = p[order[j]];
            return (values, order, null);
        }
        var eig = rho.Eigen();
        var r = new double[n];
        var v = new ComplexMatrix(n, n);
        for (var j = 0; j < n; j++)
        {
            r[j] = eig.Values[n - 1 - j];
            eig.Vectors.Column(n - 1 - j).CopyTo(v.Column(j));
        }
        return (r, null, v);
    }

    internal static bool IsDiagonal(ReadOnlySpan<Complex> m, int n)
    {
        for (var j = 0; j < n; j++)
            for (var i = 0; i < n; i++)
                if (i != j && m[i + j * n] != Complex.Zero) return false;
        return true;
    }

    private static ComplexMatrix Permutation(int[] order)
    {
        var n = order.Length;
        var w = new ComplexMatrix(n, n);
        for (var j = 0; j < n; j++) w[order[j], j] = Complex.One;
        return w;
    }

    /// <summary>
    /// Eigenvalues, in descending order, of the state dephased in H0's eigenbasis: the union of the
    /// eigenvalues of the diagonal blocks of V^dag rho V over the degenerate eigenspaces.
    /// </summary>
    internal static double[] DephasedSpectrumDescending(DensityMatrix rho, EnergyBasis basis, ILinearAlgebraBackend? backend)
    {
        var inBasis = basis.ToEnergyBasis(rho.ToMatrix(), backend);
        var values = BlockSpectra(inBasis, basis, backend).SelectMany(x => x).ToArray();
        Array.Sort(values);
        Array.Reverse(values);
        return values;
    }

    /// <summary>Eigenvalues (descending) of each diagonal block of a matrix given in H0's eigenbasis.</summary>
    internal static double[][] BlockSpectra(ComplexMatrix inBasis, EnergyBasis basis, ILinearAlgebraBackend? backend)
    {
        var blocks = new double[basis.BlockCount][];
        for (var b = 0; b < basis.BlockCount; b++)
        {
            var start = basis.BlockStarts[b];
            var size = basis.BlockStarts[b + 1] - start;
            if (size == 1)
            {
                blocks[b] = [inBasis[start, start].Real];
                continue;
            }
            var block = new ComplexMatrix(size, size);
            for (var j = 0; j < size; j++)
                for (var i = 0; i < size; i++)
                    block[i, j] = inBasis[start + i, start + j];
            var w = MatrixFunctions.EigvalsH(block, backend, double.PositiveInfinity);
            Array.Reverse(w);
            blocks[b] = w;
        }
        return blocks;
    }
}
