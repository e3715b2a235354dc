using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Thermodynamics;

/// <summary>
/// Local ergotropy (R18; Salvia, De Palma, Giovannetti, arXiv:2206.14842 [SDG22]; Castellano, Farina,
/// Giovannetti, Acín, PRL 133, 150402 (2024) [CFGA24]): the work a unitary on one subsystem A alone extracts
/// from a battery whose Hamiltonian H couples A to the rest R,
/// W_A = max over U of tr[rho H] - tr[(U (x) 1_R) rho (U (x) 1_R)^dag H]; never above the global ergotropy.
/// Writing rho = sum |a&gt;&lt;b| (x) rho_ab and H = sum |a&gt;&lt;b| (x) H_ab, the energy after U is the quadratic form
/// sum U_bc conj(U_ad) Z_(ab,cd), Z_(ab,cd) = tr[H_ab rho_cd], built once in O(d_A^2 D^2).
/// For a qubit A: H = sum_mu sigma_mu (x) h_mu and rho = (1/2) sum_nu sigma_nu (x) rho_nu, U sigma_j U^dag =
/// sum_i R_ij sigma_i with R in SO(3), so the energy is tr[h_0 rho_0] + sum_ij R_ij N_ij with N_ij = tr[h_i rho_j],
/// and its minimum over SO(3) is -(s_1 + s_2 - sgn(det N) s_3) (s the singular values of N, descending):
/// W_A = tr N + s_1 + s_2 - sgn(det N) s_3, exact, evaluated as tr N + the largest eigenvalue of Horn's 4x4
/// quaternion matrix of -N. Otherwise the descent of R18 over U(d_A) from several
/// starts, with the certified upper bound of <see cref="LocalErgotropyResult.UpperBound"/>.
/// </summary>
public static class LocalErgotropy
{
    private const string Op = "LocalErgotropy.Compute";

    /// <summary>The local ergotropy of subsystem <paramref name="subsystem"/> (0-based in rho's dims) under the full H.</summary>
    /// <exception cref="DimensionMismatchException">H and rho differ in dimension.</exception>
    /// <exception cref="ValidationException">H not Hermitian, the subsystem out of range, or an option out of range.</exception>
    public static LocalErgotropyResult Compute(DensityMatrix rho, Operator h, int subsystem, LocalErgotropyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rho);
        ArgumentNullException.ThrowIfNull(h);
        var o = options ?? LocalErgotropyOptions.Default;
        if (o.Starts < 1) throw new ValidationException(Op, "Starts", "at least 1 start", $"{o.Starts}");
        if (o.MaxIterations < 0) throw new ValidationException(Op, "MaxIterations", "a non-negative count", $"{o.MaxIterations}");
        if (!(o.GradientTolerance > 0) || !double.IsFinite(o.GradientTolerance))
            throw new ValidationException(Op, "GradientTolerance", "a positive finite tolerance", QBattException.Num(o.GradientTolerance));
        Validation.SameDimension(rho.Dimension, h.Dimension, Op);
        var dims = rho.Dims;
        if (subsystem < 0 || subsystem >= dims.Count)
            throw new ValidationException(Op, "subsystem", $"a subsystem index in 0..{dims.Count - 1} (dims {dims})", $"{subsystem}");
        var global = Ergotropy.Compute(rho, h.WithDims(dims)).Value;
        var d = dims[subsystem];
        long left = 1, right = 1;
        for (var i = 0; i < subsystem; i++) left *= dims[i];
        for (var i = subsystem + 1; i < dims.Count; i++) right *= dims[i];
        var z = FormMatrix(rho.ToMatrix(), h.ToDense(), d, (int)left, (int)right);
        var energy = Form(z, ComplexMatrix.Identity(d));
        var scale = 1 + h.MaxAbs() * d;
        var lowest = MatrixFunctions.EigvalsH(z, hermitianTol: double.PositiveInfinity)[0];
        var bound = Math.Min(global, energy - d * lowest);

        var rng = new RandomMatrices(o.Seed);
        UnitaryDescent.Outcome? best = null;
        for (var s = 0; s < o.Starts; s++)
        {
            var start = s == 0 ? ComplexMatrix.Identity(d) : rng.HaarUnitary(d);
            var r = UnitaryDescent.Minimise(u => (Form(z, u), Gradient(z, u)), start, o.MaxIterations, o.GradientTolerance * scale);
            if (best is null || r.Value < best.Value.Value) best = r;
        }
        var b = best!.Value;
        var optimised = energy - b.Value;
        var closed = d == 2;
        var value = closed ? QubitClosedForm(z) : optimised;
        return new LocalErgotropyResult(value, optimised, bound, global, energy, b.V, closed, b.GradientNorm);
    }

    /// <summary>
    /// The Hermitian d^2 x d^2 matrix Zt with Zt[(a,d),(b,c)] = Z_(ab,cd) = sum_(x,y) H[(x,a),(y,b)] rho[(y,c),(x,d)]
    /// (x, y indices of the rest), so that tr[H (U (x) 1) rho (U (x) 1)^dag] = u^dag Zt u with u[(b,c)] = U_bc.
    /// </summary>
    private static ComplexMatrix FormMatrix(ComplexMatrix rho, ComplexMatrix h, int d, int left, int right)
    {
        var rest = left * right;
        int Index(int x, int a) => ((x / right) * d + a) * right + x % right;
        var zt = new ComplexMatrix(d * d, d * d);
        for (var a = 0; a < d; a++)
            for (var b = 0; b < d; b++)
                for (var c = 0; c < d; c++)
                    for (var dd = 0; dd < d; dd++)
                    {
                        var s = Complex.Zero;
                        for (var x = 0; x < rest; x++)
                        {
                            var ix = Index(x, a);
                            var jx = Index(x, dd);
                            for (var y = 0; y < rest; y++)
                                s += h[ix, Index(y, b)] * rho[Index(y, c), jx];
                        }
                        zt[a * d + dd, b * d + c] = s;
                    }
        var n = d * d;
        for (var j = 0; j < n; j++)
        {
            zt[j, j] = zt[j, j].Real;
            for (var i = j + 1; i < n; i++)
            {
                var m = 0.5 * (zt[i, j] + Complex.Conjugate(zt[j, i]));
                zt[i, j] = m;
                zt[j, i] = Complex.Conjugate(m);
            }
        }
        return zt;
    }

    private static Complex[] Vec(ComplexMatrix u)
    {
        var d = u.Rows;
        var v = new Complex[d * d];
        for (var b = 0; b < d; b++)
            for (var c = 0; c < d; c++)
                v[b * d + c] = u[b, c];
        return v;
    }

    private static double Form(ComplexMatrix zt, ComplexMatrix u)
    {
        var v = Vec(u);
        var w = zt.Multiply(v);
        var s = Complex.Zero;
        for (var i = 0; i < v.Length; i++) s += Complex.Conjugate(v[i]) * w[i];
        return s.Real;
    }

    private static ComplexMatrix Gradient(ComplexMatrix zt, ComplexMatrix u)
    {
        var d = u.Rows;
        var w = zt.Multiply(Vec(u));
        var g = new ComplexMatrix(d, d);
        for (var a = 0; a < d; a++)
            for (var dd = 0; dd < d; dd++)
                g[a, dd] = w[a * d + dd];
        return g;
    }

    private static readonly Complex[][,] Sigma =
    [
        new Complex[,] { { 0, 1 }, { 1, 0 } },
        new Complex[,] { { 0, -Complex.ImaginaryOne }, { Complex.ImaginaryOne, 0 } },
        new Complex[,] { { 1, 0 }, { 0, -1 } },
    ];

    /// <summary>W_A = tr N + s_1 + s_2 - sgn(det N) s_3 with N_ij = (1/2) sum (sigma_i)_ba (sigma_j)_dc Z_(ab,cd).</summary>
    private static double QubitClosedForm(ComplexMatrix zt)
    {
        var n = new double[3, 3];
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
            {
                var s = Complex.Zero;
                for (var a = 0; a < 2; a++)
                    for (var b = 0; b < 2; b++)
                        for (var c = 0; c < 2; c++)
                            for (var dd = 0; dd < 2; dd++)
                                s += Sigma[i][b, a] * Sigma[j][dd, c] * zt[a * 2 + dd, b * 2 + c];
                n[i, j] = 0.5 * s.Real;
            }
        // max over SO(3) of sum R_ij A_ij with A = -N is the largest eigenvalue of Horn's symmetric 4x4 matrix
        // (B. K. P. Horn, J. Opt. Soc. Am. A 4, 629 (1987)): equal to s_1 + s_2 - sgn(det N) s_3, but with no
        // square roots of rounded eigenvalues of N^T N (which cost 1e-8 when N is nearly singular)
        double A(int i, int j) => -n[i, j];
        double[,] k =
        {
            { A(0, 0) + A(1, 1) + A(2, 2), A(1, 2) - A(2, 1), A(2, 0) - A(0, 2), A(0, 1) - A(1, 0) },
            { A(1, 2) - A(2, 1), A(0, 0) - A(1, 1) - A(2, 2), A(0, 1) + A(1, 0), A(2, 0) + A(0, 2) },
            { A(2, 0) - A(0, 2), A(0, 1) + A(1, 0), -A(0, 0) + A(1, 1) - A(2, 2), A(1, 2) + A(2, 1) },
            { A(0, 1) - A(1, 0), A(2, 0) + A(0, 2), A(1, 2) + A(2, 1), -A(0, 0) - A(1, 1) + A(2, 2) },
        };
        var largest = MatrixFunctions.EigvalsH(ComplexMatrix.FromRows(k), hermitianTol: double.PositiveInfinity)[3];
        return n[0, 0] + n[1, 1] + n[2, 2] + largest;
    }
}
