using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Tests.Models;

/// <summary>
/// Independent oracle for the Gaussian description (R14): N modes in a truncated Fock space (cutoff levels each,
/// mode 0 most significant), built from <see cref="Boson.Destroy"/>; unitaries are <see cref="MatrixFunctions.Expm"/>
/// of the generators written from their definitions; moments, energy and variance are traces over rho.
/// </summary>
internal sealed class FockOracle
{
    private readonly int _cutoff;
    private readonly double[] _w;
    private readonly ComplexMatrix[] _a;

    public FockOracle(int cutoff, params double[] frequencies)
    {
        _cutoff = cutoff;
        _w = frequencies;
        var dest = Boson.Destroy(cutoff).ToDense();
        _a = new ComplexMatrix[frequencies.Length];
        for (var j = 0; j < frequencies.Length; j++)
        {
            var m = ComplexMatrix.Identity(1);
            for (var k = 0; k < frequencies.Length; k++)
                m = ComplexMatrix.Kron(m, k == j ? dest : ComplexMatrix.Identity(cutoff));
            _a[j] = m;
        }
        Dimension = (int)Math.Pow(cutoff, frequencies.Length);
        Rho = Thermal(double.PositiveInfinity);
    }

    public int Dimension { get; }

    public ComplexMatrix Rho { get; private set; }

    /// <summary>The truncated Gibbs state exp(-beta H0)/Z (Z over the kept levels; beta = +infinity: |0..0&gt;).</summary>
    public ComplexMatrix Thermal(double beta)
    {
        var p = new double[Dimension];
        for (var i = 0; i < Dimension; i++)
            p[i] = double.IsPositiveInfinity(beta) ? (i == 0 ? 1 : 0) : Math.Exp(-beta * EnergyOfIndex(i));
        var z = p.Sum();
        Rho = ComplexMatrix.Diagonal(p.Select(x => x / z).ToArray());
        return Rho;
    }

    private double EnergyOfIndex(int i)
    {
        double e = 0;
        for (var j = _w.Length - 1; j >= 0; j--, i /= _cutoff) e += _w[j] * (i % _cutoff);
        return e;
    }

    private ComplexMatrix A(int j) => _a[j];

    private ComplexMatrix Ad(int j) => _a[j].Adjoint();

    /// <summary>rho -&gt; e^G rho e^G^dag.</summary>
    public void Apply(ComplexMatrix generator)
    {
        var u = MatrixFunctions.Expm(generator);
        Rho = u * Rho * u.Adjoint();
    }

    public void Displace(int j, Complex alpha) => Apply(alpha * Ad(j) - Complex.Conjugate(alpha) * A(j));

    public void Squeeze(int j, double r, double phi)
    {
        var z = Complex.FromPolarCoordinates(r, phi);
        Apply(0.5 * (Complex.Conjugate(z) * (A(j) * A(j)) - z * (Ad(j) * Ad(j))));
    }

    public void TwoModeSqueeze(int j, int k, double r, double phi)
    {
        var z = Complex.FromPolarCoordinates(r, phi);
        Apply(Complex.Conjugate(z) * (A(j) * A(k)) - z * (Ad(j) * Ad(k)));
    }

    public void BeamSplitter(int j, int k, double theta, double phi) =>
        Apply(theta * (Complex.FromPolarCoordinates(1, phi) * (A(j) * Ad(k)) - Complex.FromPolarCoordinates(1, -phi) * (Ad(j) * A(k))));

    public void PhaseShift(int j, double phi) => Apply(new Complex(0, -phi) * (Ad(j) * A(j)));

    /// <summary>Largest population of a state with some mode in its top level |cutoff-1&gt;.</summary>
    public double TopPopulation()
    {
        double top = 0;
        var diag = Rho.Diagonal();
        for (var i = 0; i < Dimension; i++)
        {
            var onTop = false;
            for (int j = 0, rest = i; j < _w.Length; j++, rest /= _cutoff) onTop |= rest % _cutoff == _cutoff - 1;
            if (onTop) top = Math.Max(top, diag[i].Real);
        }
        return top;
    }

    /// <summary>Means (x1, p1, ...) and covariance sigma_ij = Re tr(rho {r_i, r_j})/2 - d_i d_j.</summary>
    public (double[] Means, double[,] Cov) Moments()
    {
        var n = _w.Length;
        var r = new ComplexMatrix[2 * n];
        for (var j = 0; j < n; j++)
        {
            r[2 * j] = (A(j) + Ad(j)) * (1 / Math.Sqrt(2));
            r[2 * j + 1] = (A(j) - Ad(j)) * new Complex(0, -1 / Math.Sqrt(2));
        }
        var rRho = r.Select(x => x * Rho).ToArray();
        var means = rRho.Select(y => y.Trace().Real).ToArray();
        var cov = new double[2 * n, 2 * n];
        for (var i = 0; i < 2 * n; i++)
        {
            for (var k = 0; k < 2 * n; k++)
                cov[i, k] = 0.5 * (TraceProduct(r[i], rRho[k]) + TraceProduct(r[k], rRho[i])).Real - means[i] * means[k];
        }
        return (means, cov);
    }

    private static Complex TraceProduct(ComplexMatrix x, ComplexMatrix y)
    {
        var acc = Complex.Zero;
        for (var i = 0; i < x.Rows; i++)
        {
            for (var k = 0; k < x.Cols; k++) acc += x[i, k] * y[k, i];
        }
        return acc;
    }

    /// <summary>(tr rho H0, tr rho H0^2 - (tr rho H0)^2) with H0 diagonal in the Fock basis (exact there).</summary>
    public (double Energy, double Variance) EnergyStatistics()
    {
        var diag = Rho.Diagonal();
        double e = 0, e2 = 0;
        for (var i = 0; i < Dimension; i++)
        {
            var ei = EnergyOfIndex(i);
            e += diag[i].Real * ei;
            e2 += diag[i].Real * ei * ei;
        }
        return (e, e2 - e * e);
    }
}
