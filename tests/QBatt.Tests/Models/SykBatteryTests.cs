using System.Numerics;
using QBatt.Batteries;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Tests.Oracles;

namespace QBatt.Tests.Models;

/// <summary>
/// The SYK battery (R19): the sparse Jordan-Wigner Hamiltonian against H_SYK written out in the test from dense
/// fermion matrices (c_i = Z (x) ... (x) Z (x) |0&gt;&lt;1| (x) 1 ..., products by naive matrix multiplication), its
/// spectrum against exact diagonalisation of that matrix, the coupling variance, the charging curve of the pipeline
/// against evolution by exact diagonalisation, the disorder average and its standard error, the reference cell's
/// closed form, and bad input.
/// </summary>
public class SykBatteryTests
{
    private static readonly Complex[,] Z = { { 1, 0 }, { 0, -1 } };
    private static readonly Complex[,] I2 = { { 1, 0 }, { 0, 1 } };
    private static readonly Complex[,] Lower = { { 0, 1 }, { 0, 0 } }; // |0><1|: removes the fermion of |1>

    /// <summary>c_i on N qubits by Kronecker products (the Jordan-Wigner string on the modes before i).</summary>
    private static Complex[,] Annihilator(int i, int n)
    {
        var m = new Complex[,] { { 1 } };
        for (var q = 0; q < n; q++) m = Naive.Kron(m, q < i ? Z : q == i ? Lower : I2);
        return m;
    }

    private static Complex[,] Adjoint(Complex[,] a) => Naive.Op(a, Op.Adjoint);

    /// <summary>H_SYK = sum_{i&lt;j, k&lt;l} J_{ij;kl} c_i^dag c_j^dag c_k c_l, written out.</summary>
    private static Complex[,] BruteForce(Syk model)
    {
        var n = model.Modes;
        var d = 1 << n;
        var c = Enumerable.Range(0, n).Select(i => Annihilator(i, n)).ToArray();
        var h = new Complex[d, d];
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
            {
                var create = Naive.Multiply(Adjoint(c[i]), Adjoint(c[j]));
                for (var k = 0; k < n; k++)
                    for (var l = k + 1; l < n; l++)
                    {
                        var term = Naive.Multiply(create, Naive.Multiply(c[k], c[l]));
                        var jv = model.PairCoupling(i, j, k, l);
                        for (var r = 0; r < d; r++)
                            for (var s = 0; s < d; s++)
                                h[r, s] += jv * term[r, s];
                    }
            }
        return h;
    }

    private static (double[] Values, Complex[] Vectors) Eigen(Complex[,] h)
    {
        var d = h.GetLength(0);
        var a = ComplexMatrix.FromRows(h).Span.ToArray();
        var w = new double[d];
        LinearAlgebra.Default.HermitianEigen(d, a, w, vectors: true);
        return (w, a);
    }

    [Theory]
    [InlineData(4, 1, 1.0)]
    [InlineData(5, 7, 0.7)]
    [InlineData(6, 3, 1.3)]
    public void Hamiltonian_is_the_written_hamiltonian_and_has_its_spectrum(int n, int seed, double j)
    {
        var model = new Syk(n, seed, j);
        var written = BruteForce(model);
        var sparse = model.Hamiltonian().ToDense();
        var scale = Naive.MaxAbsDiff(written, new ComplexMatrix(1 << n, 1 << n));
        Assert.True(scale > 0.01, "the written H is not zero");
        Assert.True(Naive.MaxAbsDiff(written, sparse) < 1e-13 * scale, $"entries differ by {Naive.MaxAbsDiff(written, sparse)}");
        var exact = Eigen(written).Values;
        var model0 = Eigen(Naive.ToArray(sparse)).Values;
        for (var k = 0; k < exact.Length; k++)
            Assert.True(Math.Abs(exact[k] - model0[k]) < 1e-12 * scale * n, $"eigenvalue {k}: {model0[k]} vs {exact[k]}");
        // H conserves the fermion number and is Hermitian
        var number = Naive.ToArray(model.Number().ToDense());
        var hn = Naive.Multiply(written, number);
        var nh = Naive.Multiply(number, written);
        for (var r = 0; r < 1 << n; r++)
            for (var s = 0; s < 1 << n; s++)
            {
                Assert.True((hn[r, s] - nh[r, s]).Magnitude < 1e-12, "[H, N] = 0");
                Assert.True((written[r, s] - Complex.Conjugate(written[s, r])).Magnitude < 1e-14, "H Hermitian");
            }
    }

    [Theory]
    [InlineData(4, 11)]
    [InlineData(7, 2)]
    public void Two_particle_sector_is_minus_the_pair_coupling_matrix(int n, int seed)
    {
        // c_i^dag c_j^dag |0> (i < j) is the occupation state with bits i, j (no Jordan-Wigner sign), and
        // c_k c_l c_k^dag c_l^dag |0> = -|0>, so <ij| H |kl> = -J_{ij;kl}: the sector's spectrum is that of -J
        var model = new Syk(n, seed, 1.0);
        var h = model.Hamiltonian().ToDense();
        int State(int i, int j) => (1 << (n - 1 - i)) | (1 << (n - 1 - j));
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                for (var k = 0; k < n; k++)
                    for (var l = k + 1; l < n; l++)
                        Assert.True((h[State(i, j), State(k, l)] + model.PairCoupling(i, j, k, l)).Magnitude < 1e-15, $"<{i}{j}|H|{k}{l}>");
    }

    [Fact]
    public void Couplings_have_the_stated_variance_and_symmetry()
    {
        const int n = 8;
        const double j = 1.5;
        double sum = 0;
        var count = 0;
        for (var seed = 0; seed < 40; seed++)
        {
            var m = new Syk(n, seed, j);
            for (var a = 0; a < n; a++)
                for (var b = a + 1; b < n; b++)
                    for (var c = 0; c < n; c++)
                        for (var e = c + 1; e < n; e++)
                        {
                            var z = m.PairCoupling(a, b, c, e);
                            Assert.Equal(Complex.Conjugate(z), m.PairCoupling(c, e, a, b));
                            sum += z.Magnitude * z.Magnitude;
                            count++;
                        }
        }
        var expected = 2 * j * j / (n * n * n);
        // 31,360 draws of |J|^2 (relative spread about 1): the mean is within 3% of 2 J^2/N^3
        Assert.True(Math.Abs(sum / count / expected - 1) < 0.03, $"E|J|^2 = {sum / count} vs {expected}");
    }

    [Fact]
    public void Charging_curve_matches_evolution_by_exact_diagonalisation()
    {
        const int n = 6;
        var options = new SykChargingOptions { Seed = 5, Coupling = 1.0, Field = 0.8, TimeWindow = 3, Steps = 60, IncludeReference = false };
        var battery = new SykBattery(n, options);
        var run = ChargingRunner.Run(battery.Setup());
        var model = battery.Sample(0);
        var (w, v) = Eigen(BruteForce(model));
        var d = 1 << n;
        var h0 = Naive.ToArray(model.BatteryHamiltonian().ToDense());
        // psi0 = (x) (|0> - i|1>)/sqrt 2 written out
        var psi0 = new Complex[d];
        for (var x = 0; x < d; x++)
        {
            var ones = BitOperations.PopCount((uint)x);
            psi0[x] = Complex.Pow(-Complex.ImaginaryOne, ones) / Math.Pow(2, n / 2.0);
        }
        var coeff = new Complex[d];
        for (var k = 0; k < d; k++)
            for (var x = 0; x < d; x++) coeff[k] += Complex.Conjugate(v[k * d + x]) * psi0[x];
        double e0 = double.NaN;
        for (var t = 0; t < run.Times.Count; t++)
        {
            var psi = new Complex[d];
            for (var k = 0; k < d; k++)
            {
                var ph = coeff[k] * Complex.Exp(-Complex.ImaginaryOne * w[k] * run.Times[t]);
                for (var x = 0; x < d; x++) psi[x] += v[k * d + x] * ph;
            }
            double e = 0;
            for (var r = 0; r < d; r++)
                for (var s = 0; s < d; s++) e += (Complex.Conjugate(psi[r]) * h0[r, s] * psi[s]).Real;
            if (t == 0)
            {
                e0 = e;
                Assert.Equal(-0.8 * n, e, 12);
            }
            Assert.True(Math.Abs(run.Energy[t] - e) < 1e-8, $"E(t = {run.Times[t]}) = {run.Energy[t]} vs {e}");
            Assert.True(Math.Abs(run.WorkSeries[t] - (e - e0)) < 1e-8);
        }
        Assert.True(run.Work > 0.1, "the quench charges");
    }

    [Fact]
    public void Reference_cell_follows_its_closed_form_and_gamma_is_the_ratio()
    {
        // one cell rotated by J sigma^z from the ground state of h sigma^y: W(t) = 2 h sin^2(J t), max W/t = 2 h J sin^2(u)/u at tan u = 2u
        const double j = 1.3, h = 0.6;
        var battery = new SykBattery(4, new SykChargingOptions { Coupling = j, Field = h });
        var reference = ChargingRunner.Run(battery.ReferenceSetup());
        for (var k = 0; k < reference.Times.Count; k++)
        {
            var t = reference.Times[k];
            Assert.Equal(2 * h * Math.Pow(Math.Sin(j * t), 2), reference.WorkSeries[k], 9);
        }
        var u = 1.0;
        for (var it = 0; it < 60; it++) u = Math.Atan(2 * u) + 0; // fixed point of u = atan(2u) on (0, pi/2)
        var best = 2 * h * j * Math.Pow(Math.Sin(u), 2) / u;
        Assert.Equal(best, reference.AveragePower, 6);
        var run = ChargingRunner.Run(battery.Setup(0, reference));
        Assert.Equal(run.AveragePower / (4 * reference.AveragePower), run.Gamma, 12);
    }

    [Fact]
    public void Disorder_average_reports_mean_and_standard_error_of_the_samples()
    {
        var options = new SykChargingOptions { Samples = 5, Seed = 20, Steps = 80 };
        var average = new SykBattery(5, options).Average();
        Assert.Equal([20, 21, 22, 23, 24], average.Seeds);
        var p = new double[5];
        for (var s = 0; s < 5; s++)
        {
            // each sample is the run of its own seed
            var single = ChargingRunner.Run(new SykBattery(5, options with { Seed = 20 + s, Samples = 1, IncludeReference = false }).Setup());
            p[s] = single.AveragePower;
            Assert.Equal(p[s], average.MaxPower[s], 12);
        }
        Assert.True(p.Distinct().Count() == 5, "different seeds give different samples");
        var mean = (p[0] + p[1] + p[2] + p[3] + p[4]) / 5;
        var variance = p.Sum(x => (x - mean) * (x - mean)) / 4;
        var (m, se) = SykDisorderAverage.MeanAndError(average.MaxPower);
        Assert.Equal(mean, m, 12);
        Assert.Equal(Math.Sqrt(variance / 5), se, 12);
        Assert.True(double.IsNaN(SykDisorderAverage.MeanAndError([1.0]).StandardError));
    }

    [Fact]
    public void Bad_input_is_refused_with_the_argument_named()
    {
        Assert.Equal("cells", Assert.Throws<ValidationException>(() => new SykBattery(3)).Argument);
        Assert.Equal("j", Assert.Throws<ValidationException>(() => new SykBattery(6, new SykChargingOptions { Coupling = 0 })).Argument);
        Assert.Equal("h", Assert.Throws<ValidationException>(() => new SykBattery(6, new SykChargingOptions { Field = double.NaN })).Argument);
        Assert.Equal("samples", Assert.Throws<ValidationException>(() => new SykBattery(6, new SykChargingOptions { Samples = 0 })).Argument);
        Assert.Equal("seed", Assert.Throws<ValidationException>(() => new SykBattery(6, new SykChargingOptions { Seed = -1 })).Argument);
        var e = Assert.Throws<ResourceException>(() => new SykBattery(20, new SykChargingOptions { MemoryLimit = 1L << 30 }).CheckMemory());
        Assert.Equal("cells", e.Argument);
        Assert.Contains("GiB", e.Message, StringComparison.Ordinal);
    }
}
