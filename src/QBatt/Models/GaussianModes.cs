using System.Globalization;
using System.Numerics;
using QBatt.Numerics;

namespace QBatt.Models;

/// <summary>
/// A Gaussian state of N bosonic modes described exactly by its first moments and covariance matrix
/// (R14: no Fock cutoff). Conventions: quadratures r = (x_1, p_1, x_2, p_2, ..., x_N, p_N) with
/// x = (a + a^dag)/sqrt 2 and p = (a - a^dag)/(i sqrt 2), hbar = 1, [r_i, r_j] = i Omega_ij with
/// Omega = diag of [[0, 1], [-1, 0]] blocks; means d_i = &lt;r_i&gt;; covariance
/// sigma_ij = &lt;{r_i - d_i, r_j - d_j}&gt;/2, so the vacuum has sigma = I/2 and a thermal mode with
/// mean photon number n has sigma = (n + 1/2) I. Physical covariances satisfy sigma + (i/2) Omega &gt;= 0.
/// Immutable: arrays are copied in and out.
/// </summary>
public sealed class GaussianState
{
    private readonly double[] _means;
    private readonly double[,] _cov;

    private GaussianState(double[] means, double[,] cov)
    {
        _means = means;
        _cov = cov;
    }

    /// <summary>Number of modes N.</summary>
    public int Modes => _means.Length / 2;

    /// <summary>The first moments (x_1, p_1, ..., x_N, p_N) (a copy).</summary>
    public double[] Means => (double[])_means.Clone();

    /// <summary>The 2N x 2N covariance matrix sigma (a copy; vacuum = I/2).</summary>
    public double[,] Covariance => (double[,])_cov.Clone();

    internal ReadOnlySpan<double> MeansSpan => _means;

    internal double[,] CovarianceView => _cov;

    /// <summary>The vacuum of <paramref name="modes"/> modes: zero means, sigma = I/2.</summary>
    public static GaussianState Vacuum(int modes)
    {
        Guard.AtLeast(modes, 1, "GaussianState.Vacuum", "modes");
        var cov = new double[2 * modes, 2 * modes];
        for (var i = 0; i < 2 * modes; i++) cov[i, i] = 0.5;
        return new GaussianState(new double[2 * modes], cov);
    }

    /// <summary>
    /// The Gibbs state of H0 = sum_j w_j a_j^dag a_j at inverse temperature <paramref name="beta"/> (R14):
    /// zero means and sigma_j = (n_j + 1/2) I with n_j = 1/(e^(beta w_j) - 1), i.e. coth(beta w_j / 2)/2.
    /// beta = +infinity gives the vacuum. Frequencies must be positive and finite, beta positive.
    /// </summary>
    public static GaussianState Thermal(IReadOnlyList<double> frequencies, double beta)
    {
        ArgumentNullException.ThrowIfNull(frequencies);
        const string op = "GaussianState.Thermal";
        if (frequencies.Count == 0)
            throw new ValidationException(op, "frequencies", "at least one mode frequency", "none");
        for (var j = 0; j < frequencies.Count; j++)
        {
            if (!(frequencies[j] > 0) || !double.IsFinite(frequencies[j]))
                throw new ValidationException(op, "frequencies", "positive finite frequencies", $"{frequencies[j].ToString(CultureInfo.InvariantCulture)} at index {j}");
        }
        if (!(beta > 0))
            throw new ValidationException(op, "beta", "a positive inverse temperature (or +infinity for the vacuum)", beta.ToString(CultureInfo.InvariantCulture));
        var n = frequencies.Count;
        var cov = new double[2 * n, 2 * n];
        for (var j = 0; j < n; j++)
        {
            var v = 0.5 + ThermalOccupation(frequencies[j], beta);
            if (!double.IsFinite(v))
                throw new ValidationException(op, "beta", "a temperature with finite mode occupations", $"beta = {QBattException.Num(beta)} for w = {QBattException.Num(frequencies[j])}");
            cov[2 * j, 2 * j] = v;
            cov[2 * j + 1, 2 * j + 1] = v;
        }
        return new GaussianState(new double[2 * n], cov);
    }

    /// <summary>The Bose-Einstein occupation 1/(e^(beta w) - 1) (0 for beta = +infinity).</summary>
    public static double ThermalOccupation(double frequency, double beta)
    {
        Guard.Positive(frequency, "GaussianState.ThermalOccupation", "frequency");
        if (!(beta > 0))
            throw new ValidationException("GaussianState.ThermalOccupation", "beta", "a positive inverse temperature (or +infinity)", beta.ToString(CultureInfo.InvariantCulture));
        return double.IsPositiveInfinity(beta) ? 0 : 1 / double.ExpM1(beta * frequency);
    }

    /// <summary>
    /// A state from given moments, validated: finite entries, a symmetric covariance (to 1e-12 relative)
    /// and the uncertainty principle sigma + (i/2) Omega &gt;= 0 (smallest eigenvalue &gt;= -1e-10 (1 + ||sigma||)).
    /// </summary>
    public static GaussianState FromMoments(ReadOnlySpan<double> means, double[,] covariance)
    {
        ArgumentNullException.ThrowIfNull(covariance);
        const string op = "GaussianState.FromMoments";
        if (means.Length == 0 || means.Length % 2 != 0)
            throw new DimensionMismatchException(op, "means", "an even, non-zero length 2N", means.Length.ToString(CultureInfo.InvariantCulture));
        var m = means.Length;
        if (covariance.GetLength(0) != m || covariance.GetLength(1) != m)
            throw new DimensionMismatchException(op, "covariance", $"a {m} x {m} matrix", $"{covariance.GetLength(0)} x {covariance.GetLength(1)}");
        Guard.Finite(means, op, "means");
        double scale = 0;
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                if (!double.IsFinite(covariance[i, j]))
                    throw new ValidationException(op, "covariance", "finite entries", $"{covariance[i, j].ToString(CultureInfo.InvariantCulture)} at ({i}, {j})");
                scale = Math.Max(scale, Math.Abs(covariance[i, j]));
            }
        }
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (Math.Abs(covariance[i, j] - covariance[j, i]) > 1e-12 * (1 + scale))
                    throw new ValidationException(op, "covariance", "a symmetric matrix", $"entries ({i}, {j}) and ({j}, {i}) differ by {QBattException.Num(covariance[i, j] - covariance[j, i])}");
            }
        }
        var h = new ComplexMatrix(m, m);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
                h[i, j] = new Complex(0.5 * (covariance[i, j] + covariance[j, i]), 0.5 * Omega(i, j));
        }
        var min = MatrixFunctions.EigvalsH(h)[0];
        if (min < -1e-10 * (1 + scale))
            throw new ValidationException(op, "covariance", "a physical covariance (sigma + i Omega/2 positive semidefinite)", $"smallest eigenvalue {QBattException.Num(min)}");
        var cov = new double[m, m];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++) cov[i, j] = 0.5 * (covariance[i, j] + covariance[j, i]);
        }
        return new GaussianState(means.ToArray(), cov);
    }

    /// <summary>The state U rho U^dag after the Gaussian unitary <paramref name="u"/>: d -&gt; S d + delta, sigma -&gt; S sigma S^T.</summary>
    public GaussianState Apply(GaussianUnitary u)
    {
        ArgumentNullException.ThrowIfNull(u);
        if (u.Modes != Modes)
            throw new DimensionMismatchException("GaussianState.Apply", "u", $"a unitary on {Modes} modes", $"{u.Modes} modes");
        var s = u.SymplecticView;
        var m = 2 * Modes;
        var means = new double[m];
        var disp = u.DisplacementSpan;
        for (var i = 0; i < m; i++)
        {
            var acc = disp[i];
            for (var k = 0; k < m; k++) acc += s[i, k] * _means[k];
            means[i] = acc;
        }
        var cov = GaussianUnitary.Multiply(GaussianUnitary.Multiply(s, _cov), GaussianUnitary.Transpose(s));
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var avg = 0.5 * (cov[i, j] + cov[j, i]);
                cov[i, j] = avg;
                cov[j, i] = avg;
            }
        }
        return new GaussianState(means, cov);
    }

    /// <summary>Mean photon number &lt;a_j^dag a_j&gt; = (sigma_xx + sigma_pp + x^2 + p^2 - 1)/2 of mode <paramref name="mode"/>.</summary>
    public double MeanPhotons(int mode)
    {
        GaussianUnitary.RequireMode(mode, Modes, "GaussianState.MeanPhotons", "mode");
        int x = 2 * mode, p = x + 1;
        return 0.5 * (_cov[x, x] + _cov[p, p] + _means[x] * _means[x] + _means[p] * _means[p] - 1);
    }

    /// <summary>The symplectic form Omega_ij: +1 at (2j, 2j+1), -1 at (2j+1, 2j), else 0.</summary>
    public static double Omega(int i, int j) =>
        i / 2 != j / 2 ? 0 : (i % 2 == 0 && j == i + 1) ? 1 : (i % 2 == 1 && j == i - 1) ? -1 : 0;
}

/// <summary>
/// A Gaussian unitary U on N modes as its action on the quadratures (Heisenberg picture, R14):
/// U^dag r U = S r + delta with S symplectic (S Omega S^T = Omega); on states, d -&gt; S d + delta and
/// sigma -&gt; S sigma S^T (conventions of <see cref="GaussianState"/>). Every generator is stated as an
/// exponential of a quadratic (or linear) form in a, a^dag, so that the tests can build it in a truncated
/// Fock space. Immutable.
/// </summary>
public sealed class GaussianUnitary
{
    private readonly double[,] _s;
    private readonly double[] _d;

    private GaussianUnitary(double[,] s, double[] d)
    {
        _s = s;
        _d = d;
    }

    /// <summary>Number of modes N.</summary>
    public int Modes => _d.Length / 2;

    /// <summary>The symplectic matrix S (2N x 2N, a copy).</summary>
    public double[,] Symplectic => (double[,])_s.Clone();

    /// <summary>The displacement delta (length 2N, a copy).</summary>
    public double[] Displacement => (double[])_d.Clone();

    internal double[,] SymplecticView => _s;

    internal ReadOnlySpan<double> DisplacementSpan => _d;

    /// <summary>The identity on <paramref name="modes"/> modes.</summary>
    public static GaussianUnitary Identity(int modes)
    {
        Guard.AtLeast(modes, 1, "GaussianUnitary.Identity", "modes");
        var s = new double[2 * modes, 2 * modes];
        for (var i = 0; i < 2 * modes; i++) s[i, i] = 1;
        return new GaussianUnitary(s, new double[2 * modes]);
    }

    /// <summary>
    /// D(alpha) = exp(alpha a^dag - conj(alpha) a) on mode <paramref name="mode"/>: a -&gt; a + alpha, so
    /// x -&gt; x + sqrt2 Re alpha, p -&gt; p + sqrt2 Im alpha.
    /// </summary>
    public static GaussianUnitary Displace(int modes, int mode, Complex alpha)
    {
        const string op = "GaussianUnitary.Displace";
        Guard.AtLeast(modes, 1, op, "modes");
        RequireMode(mode, modes, op, "mode");
        Guard.Finite([alpha], op, "alpha");
        var u = Identity(modes);
        u._d[2 * mode] = Math.Sqrt(2) * alpha.Real;
        u._d[2 * mode + 1] = Math.Sqrt(2) * alpha.Imaginary;
        return u;
    }

    /// <summary>
    /// Single-mode squeezing S(z) = exp((conj(z) a^2 - z a^dag^2)/2), z = r e^(i phi), on mode <paramref name="mode"/>:
    /// a -&gt; a cosh r - e^(i phi) a^dag sinh r (phi = 0 squeezes x by e^(-r)). From the vacuum the energy is w sinh^2 r.
    /// </summary>
    public static GaussianUnitary Squeeze(int modes, int mode, double r, double phi = 0)
    {
        const string op = "GaussianUnitary.Squeeze";
        Guard.AtLeast(modes, 1, op, "modes");
        RequireMode(mode, modes, op, "mode");
        Guard.Finite(r, op, "r");
        Guard.Finite(phi, op, "phi");
        return FromBogoliubov(modes, (a, b) =>
        {
            a[mode, mode] = Math.Cosh(r);
            b[mode, mode] = -Complex.FromPolarCoordinates(Math.Sinh(r), phi);
        });
    }

    /// <summary>
    /// Two-mode squeezing exp(conj(z) a b - z a^dag b^dag), z = r e^(i phi), on modes <paramref name="modeA"/> (a)
    /// and <paramref name="modeB"/> (b): a -&gt; a cosh r - e^(i phi) b^dag sinh r, b -&gt; b cosh r - e^(i phi) a^dag sinh r.
    /// </summary>
    public static GaussianUnitary TwoModeSqueeze(int modes, int modeA, int modeB, double r, double phi = 0)
    {
        const string op = "GaussianUnitary.TwoModeSqueeze";
        RequirePair(modes, modeA, modeB, op);
        Guard.Finite(r, op, "r");
        Guard.Finite(phi, op, "phi");
        return FromBogoliubov(modes, (a, b) =>
        {
            a[modeA, modeA] = a[modeB, modeB] = Math.Cosh(r);
            b[modeA, modeB] = b[modeB, modeA] = -Complex.FromPolarCoordinates(Math.Sinh(r), phi);
        });
    }

    /// <summary>
    /// Beam splitter exp(theta (e^(i phi) a b^dag - e^(-i phi) a^dag b)) on modes <paramref name="modeA"/> (a) and
    /// <paramref name="modeB"/> (b): a -&gt; a cos theta - e^(-i phi) b sin theta, b -&gt; b cos theta + e^(i phi) a sin theta
    /// (theta = pi/4: 50:50). It conserves the total photon number.
    /// </summary>
    public static GaussianUnitary BeamSplitter(int modes, int modeA, int modeB, double theta, double phi = 0)
    {
        const string op = "GaussianUnitary.BeamSplitter";
        RequirePair(modes, modeA, modeB, op);
        Guard.Finite(theta, op, "theta");
        Guard.Finite(phi, op, "phi");
        return FromBogoliubov(modes, (a, _) =>
        {
            a[modeA, modeA] = a[modeB, modeB] = Math.Cos(theta);
            a[modeA, modeB] = -Complex.FromPolarCoordinates(Math.Sin(theta), -phi);
            a[modeB, modeA] = Complex.FromPolarCoordinates(Math.Sin(theta), phi);
        });
    }

    /// <summary>Phase shift exp(-i phi a^dag a) on mode <paramref name="mode"/>: a -&gt; e^(-i phi) a (free evolution for time phi/w).</summary>
    public static GaussianUnitary PhaseShift(int modes, int mode, double phi)
    {
        const string op = "GaussianUnitary.PhaseShift";
        Guard.AtLeast(modes, 1, op, "modes");
        RequireMode(mode, modes, op, "mode");
        Guard.Finite(phi, op, "phi");
        return FromBogoliubov(modes, (a, _) => a[mode, mode] = Complex.FromPolarCoordinates(1, -phi));
    }

    /// <summary>
    /// The product "this first, then <paramref name="next"/>" (the unitary next.U * this.U): on moments
    /// S = S_next S_this and delta = S_next delta_this + delta_next.
    /// </summary>
    public GaussianUnitary Then(GaussianUnitary next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (next.Modes != Modes)
            throw new DimensionMismatchException("GaussianUnitary.Then", "next", $"a unitary on {Modes} modes", $"{next.Modes} modes");
        var m = 2 * Modes;
        var s = Multiply(next._s, _s);
        var d = new double[m];
        for (var i = 0; i < m; i++)
        {
            var acc = next._d[i];
            for (var k = 0; k < m; k++) acc += next._s[i, k] * _d[k];
            d[i] = acc;
        }
        return new GaussianUnitary(s, d);
    }

    /// <summary>max |S Omega S^T - Omega| (zero up to rounding for every unitary built here).</summary>
    public double SymplecticError()
    {
        var m = 2 * Modes;
        double err = 0;
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                double acc = 0;
                for (var k = 0; k < m; k++)
                {
                    for (var l = 0; l < m; l++) acc += _s[i, k] * GaussianState.Omega(k, l) * _s[j, l];
                }
                err = Math.Max(err, Math.Abs(acc - GaussianState.Omega(i, j)));
            }
        }
        return err;
    }

    /// <summary>
    /// Real symplectic matrix of a' = A a + B a^dag (A starts as the identity, B as zero; <paramref name="set"/> edits
    /// them): x' = Re(A + B) x - Im(A - B) p, p' = Im(A + B) x + Re(A - B) p.
    /// </summary>
    private static GaussianUnitary FromBogoliubov(int n, Action<Complex[,], Complex[,]> set)
    {
        var a = new Complex[n, n];
        var b = new Complex[n, n];
        for (var j = 0; j < n; j++) a[j, j] = 1;
        set(a, b);
        var s = new double[2 * n, 2 * n];
        for (var j = 0; j < n; j++)
        {
            for (var k = 0; k < n; k++)
            {
                Complex plus = a[j, k] + b[j, k], minus = a[j, k] - b[j, k];
                s[2 * j, 2 * k] = plus.Real;
                s[2 * j, 2 * k + 1] = -minus.Imaginary;
                s[2 * j + 1, 2 * k] = plus.Imaginary;
                s[2 * j + 1, 2 * k + 1] = minus.Real;
            }
        }
        return new GaussianUnitary(s, new double[2 * n]);
    }

    internal static void RequireMode(int mode, int modes, string op, string argument)
    {
        if (mode < 0 || mode >= modes)
            throw new ValidationException(op, argument, $"a mode index in [0, {modes - 1}]", mode.ToString(CultureInfo.InvariantCulture));
    }

    private static void RequirePair(int modes, int modeA, int modeB, string op)
    {
        Guard.AtLeast(modes, 2, op, "modes");
        RequireMode(modeA, modes, op, "modeA");
        RequireMode(modeB, modes, op, "modeB");
        if (modeA == modeB)
            throw new ValidationException(op, "modeB", "a mode different from modeA", modeB.ToString(CultureInfo.InvariantCulture));
    }

    internal static double[,] Multiply(double[,] x, double[,] y)
    {
        int n = x.GetLength(0), m = y.GetLength(1), inner = x.GetLength(1);
        var r = new double[n, m];
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < inner; k++)
            {
                var xik = x[i, k];
                if (xik == 0) continue;
                for (var j = 0; j < m; j++) r[i, j] += xik * y[k, j];
            }
        }
        return r;
    }

    internal static double[,] Transpose(double[,] x)
    {
        int n = x.GetLength(0), m = x.GetLength(1);
        var r = new double[m, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < m; j++) r[j, i] = x[i, j];
        }
        return r;
    }
}
