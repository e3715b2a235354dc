using System.Numerics;
using FsCheck.Fluent;
using FsCheck;
using QBatt.Batteries;
using QBatt.Charging;
using QBatt.Models;
using QBatt.Thermodynamics;

namespace QBatt.Tests.Models;

/// <summary>
/// Gaussian modes and Gaussian charging (R14) against a truncated Fock space (<see cref="FockOracle"/>: Expm of the
/// generators written from their definitions, cutoffs with top-level populations below 1e-12) and closed forms.
/// </summary>
public class GaussianModesTests
{
    private const double Tol = 1e-9;

    private static void AssertMatchesFock(FockOracle fock, OscillatorBattery battery, GaussianState state)
    {
        Assert.True(fock.TopPopulation() < 1e-12, $"top Fock population {fock.TopPopulation():G3}");
        var (means, cov) = fock.Moments();
        var d = state.Means;
        var s = state.Covariance;
        for (var i = 0; i < means.Length; i++)
        {
            Assert.True(Math.Abs(means[i] - d[i]) < Tol, $"mean {i}: Fock {means[i]} Gaussian {d[i]}");
            for (var k = 0; k < means.Length; k++)
                Assert.True(Math.Abs(cov[i, k] - s[i, k]) < Tol, $"sigma[{i},{k}]: Fock {cov[i, k]} Gaussian {s[i, k]}");
        }
        var (e, v) = fock.EnergyStatistics();
        Assert.True(Math.Abs(e - battery.Energy(state)) < Tol, $"energy: Fock {e} Gaussian {battery.Energy(state)}");
        Assert.True(Math.Abs(v - battery.EnergyVariance(state)) < Tol, $"variance: Fock {v} Gaussian {battery.EnergyVariance(state)}");
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1.5)]
    public void Single_mode_gates_and_compositions_match_the_fock_space(double beta)
    {
        const double w = 1.3;
        var battery = new OscillatorBattery([w], beta);
        var alpha = new Complex(0.7, -0.4);

        var fock = new FockOracle(70, w);
        fock.Thermal(beta);
        AssertMatchesFock(fock, battery, battery.InitialState);

        fock.Displace(0, alpha);
        var u = GaussianUnitary.Displace(1, 0, alpha);
        AssertMatchesFock(fock, battery, battery.InitialState.Apply(u));

        fock.Squeeze(0, 0.45, 0.9);
        u = u.Then(GaussianUnitary.Squeeze(1, 0, 0.45, 0.9));
        AssertMatchesFock(fock, battery, battery.InitialState.Apply(u));

        fock.PhaseShift(0, 1.1);
        fock.Displace(0, new Complex(-0.3, 0.5));
        u = u.Then(GaussianUnitary.PhaseShift(1, 0, 1.1)).Then(GaussianUnitary.Displace(1, 0, new Complex(-0.3, 0.5)));
        var final = battery.InitialState.Apply(u);
        AssertMatchesFock(fock, battery, final);

        var result = battery.Charge(u);
        var (e, v) = fock.EnergyStatistics();
        Assert.Equal(e - battery.InitialEnergy, result.Work, 9);
        Assert.Equal(Math.Sqrt(v), result.FinalStd, 9);
        Assert.Equal(Math.Sqrt(v) / result.Work, result.RelativePrecision, 9);
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(3.0)]
    public void Two_mode_gates_match_the_fock_space(double beta)
    {
        double w1 = 1.0, w2 = 1.7;
        var battery = new OscillatorBattery([w1, w2], beta);
        var fock = new FockOracle(16, w1, w2);
        fock.Thermal(beta);
        AssertMatchesFock(fock, battery, battery.InitialState);

        // Squeezed states have photon tails ~ tanh(r)^n and a beam splitter moves the population of total photon
        // number N to (N, 0): weak squeezing and the beam splitter before the two-mode squeezer keep the top
        // level of a 16-level space below 1e-12 (the cost of the oracle grows as cutoff^6).
        fock.Displace(0, new Complex(0.2, 0.15));
        fock.Squeeze(1, 0.05, -0.4);
        fock.BeamSplitter(0, 1, 0.7, 0.3);
        fock.TwoModeSqueeze(0, 1, 0.2, 0.6);
        var u = GaussianUnitary.Displace(2, 0, new Complex(0.2, 0.15))
            .Then(GaussianUnitary.Squeeze(2, 1, 0.05, -0.4))
            .Then(GaussianUnitary.BeamSplitter(2, 0, 1, 0.7, 0.3))
            .Then(GaussianUnitary.TwoModeSqueeze(2, 0, 1, 0.2, 0.6));
        Assert.True(u.SymplecticError() < 1e-13);
        AssertMatchesFock(fock, battery, battery.InitialState.Apply(u));
    }

    /// <summary>Closed forms from the vacuum: coherent E = w|alpha|^2, Var = w^2|alpha|^2; squeezed vacuum E = w sinh^2 r, Var = 2 w^2 sinh^2 r cosh^2 r.</summary>
    [Theory]
    [InlineData(0.8, 0.3, 1.2)]
    [InlineData(2.0, 3.0, 2.5)]
    public void Vacuum_closed_forms(double w, double absAlpha, double r)
    {
        var battery = new OscillatorBattery([w]);
        Assert.Equal(0, battery.InitialEnergy);
        Assert.Equal(0, battery.InitialStd);
        var coherent = battery.Charge(GaussianUnitary.Displace(1, 0, Complex.FromPolarCoordinates(absAlpha, 0.7)));
        Assert.Equal(w * absAlpha * absAlpha, coherent.Work, 10);
        Assert.Equal(w * w * absAlpha * absAlpha, coherent.FinalVariance, 9);
        Assert.Equal(1 / absAlpha, coherent.RelativePrecision, 10);

        var squeezed = battery.Charge(GaussianUnitary.Squeeze(1, 0, r, 0.3));
        double sh = Math.Sinh(r), ch = Math.Cosh(r);
        Assert.Equal(1, squeezed.Work / (w * sh * sh), 12);
        Assert.Equal(1, squeezed.FinalVariance / (2 * w * w * sh * sh * ch * ch), 12);
        Assert.Equal(Math.Sqrt(2) * ch / sh, squeezed.RelativePrecision, 10);
    }

    /// <summary>Thermal: E = w n, Var = w^2 n (n + 1); displaced thermal Var = w^2 [n (n + 1) + (2n + 1)|alpha|^2].</summary>
    [Fact]
    public void Thermal_closed_forms()
    {
        double w = 0.7, beta = 1.9, alpha = 1.6;
        var n = 1 / (Math.Exp(beta * w) - 1);
        var battery = new OscillatorBattery([w, 2 * w], beta);
        var n2 = 1 / (Math.Exp(2 * beta * w) - 1);
        Assert.Equal(w * n + 2 * w * n2, battery.InitialEnergy, 12);
        Assert.Equal(Math.Sqrt(w * w * n * (n + 1) + 4 * w * w * n2 * (n2 + 1)), battery.InitialStd, 12);
        var one = new OscillatorBattery([w], beta);
        var r = one.Charge(GaussianUnitary.Displace(1, 0, alpha));
        Assert.Equal(w * alpha * alpha, r.Work, 12);
        Assert.Equal(w * w * (n * (n + 1) + (2 * n + 1) * alpha * alpha), r.FinalVariance, 10);
    }

    /// <summary>Two-mode squeezed vacuum: n_1 = n_2 = sinh^2 r in every Fock component, so H0 = (w1 + w2) n with a thermal n.</summary>
    [Fact]
    public void Two_mode_squeezed_vacuum_closed_form()
    {
        double w1 = 0.9, w2 = 1.4, r = 1.3;
        var battery = new OscillatorBattery([w1, w2]);
        var res = battery.Charge(GaussianUnitary.TwoModeSqueeze(2, 0, 1, r, 0.5));
        var nbar = Math.Pow(Math.Sinh(r), 2);
        Assert.Equal(1, res.Work / ((w1 + w2) * nbar), 12);
        Assert.Equal(1, res.FinalVariance / ((w1 + w2) * (w1 + w2) * nbar * (nbar + 1)), 12);
    }

    /// <summary>A beam splitter between equal frequencies commutes with H0: no work, variance unchanged.</summary>
    [Fact]
    public void Beam_splitter_between_equal_frequencies_deposits_nothing()
    {
        var battery = new OscillatorBattery([1.2, 1.2], 0.8);
        var prepare = GaussianUnitary.Displace(2, 0, new Complex(1.1, 0.2)).Then(GaussianUnitary.Squeeze(2, 1, 0.6, 0.1));
        var before = battery.Charge(prepare);
        var after = battery.Charge(prepare.Then(GaussianUnitary.BeamSplitter(2, 0, 1, 0.9, 1.3)));
        Assert.Equal(before.FinalEnergy, after.FinalEnergy, 11);
        Assert.Equal(before.FinalStd, after.FinalStd, 11);
        Assert.True(before.Work > 1);
    }

    /// <summary>
    /// Random compositions stay symplectic and physical; photon numbers are non-negative. The generator varies the
    /// number of modes (1 to 4), the number, kind and order of the gates (drawn independently, two-mode gates only
    /// when there are two modes), the mode frequencies and the temperature of the thermal start (vacuum included).
    /// </summary>
    [Fact]
    public void Random_compositions_are_symplectic_and_physical()
    {
        Prop.ForAll(Gen.Choose(1, 1_000_000).ToArbitrary(), seed =>
        {
            var rng = new Random(seed);
            double R(double s) => s * (2 * rng.NextDouble() - 1);
            var modes = 1 + rng.Next(4);
            var u = GaussianUnitary.Identity(modes);
            var gates = 1 + rng.Next(10);
            for (var k = 0; k < gates; k++)
            {
                var m = rng.Next(modes);
                var o = modes > 1 ? (m + 1 + rng.Next(modes - 1)) % modes : m;
                var kind = rng.Next(modes > 1 ? 5 : 3);
                u = kind switch
                {
                    0 => u.Then(GaussianUnitary.Displace(modes, m, new Complex(R(2), R(2)))),
                    1 => u.Then(GaussianUnitary.Squeeze(modes, m, R(1), R(3))),
                    2 => u.Then(GaussianUnitary.PhaseShift(modes, m, R(3))),
                    3 => u.Then(GaussianUnitary.TwoModeSqueeze(modes, m, o, R(1), R(3))),
                    _ => u.Then(GaussianUnitary.BeamSplitter(modes, m, o, R(2), R(3))),
                };
            }
            var omegas = Enumerable.Range(0, modes).Select(_ => 0.2 + 2 * rng.NextDouble()).ToArray();
            var beta = rng.Next(4) == 0 ? double.PositiveInfinity : 0.1 + 3 * rng.NextDouble();
            var start = GaussianState.Thermal(omegas, beta);
            var state = start.Apply(u);
            var again = GaussianState.FromMoments(state.Means, state.Covariance);
            return u.SymplecticError() < 1e-9 && again.Modes == modes
                && Enumerable.Range(0, modes).All(j => state.MeanPhotons(j) > -1e-12);
        }).Check(Properties.Seeded(11, 60));
    }

    /// <summary>
    /// Equal deposited energy (Rev 'Cycle precision'): every protocol deposits W; squeezing alone has the largest
    /// variance, the optimum the smallest; a brute-force scan over the squeezing r and the angle between
    /// displacement and squeezing axis, through the generic moment code, finds nothing better than the optimum.
    /// </summary>
    [Theory]
    [InlineData(1.0, double.PositiveInfinity, 3.0)]
    [InlineData(1.0, 0.7, 3.0)]
    [InlineData(0.6, 2.0, 20.0)]
    public void Equal_energy_comparison_and_optimum_against_a_scan(double w, double beta, double work)
    {
        var protocols = GaussianCharging.Compare(w, beta, work);
        foreach (var p in protocols) Assert.Equal(1, p.Result.Work / work, 12);
        var (disp, sq, opt) = (protocols[0].Result, protocols[1].Result, protocols[2].Result);
        Assert.True(sq.FinalStd > disp.FinalStd && disp.FinalStd > opt.FinalStd, $"{sq.FinalStd} {disp.FinalStd} {opt.FinalStd}");
        Assert.True(protocols[2].Squeezing > 0 && protocols[2].Alpha > 0);

        var battery = new OscillatorBattery([w], beta);
        var a = 0.5 + GaussianState.ThermalOccupation(w, beta);
        var rMax = 0.5 * Math.Acosh(1 + work / (w * a));
        var best = double.PositiveInfinity;
        for (var i = 0; i <= 300; i++)
        {
            var r = rMax * i / 300;
            var alpha2 = work / w - a * (Math.Cosh(2 * r) - 1);
            if (alpha2 < 0) continue;
            for (var k = 0; k < 12; k++)
            {
                var psi = Math.PI * k / 12;
                var u = GaussianUnitary.Squeeze(1, 0, r).Then(GaussianUnitary.Displace(1, 0, Complex.FromPolarCoordinates(Math.Sqrt(alpha2), psi)));
                var res = battery.Charge(u);
                Assert.Equal(1, res.Work / work, 10);
                best = Math.Min(best, res.FinalStd);
            }
        }
        Assert.True(opt.FinalStd <= best * (1 + 1e-12), $"optimum {opt.FinalStd} scan {best}");
        Assert.True(opt.FinalStd >= best * (1 - 1e-3), $"optimum {opt.FinalStd} far below the scan {best}");
    }

    /// <summary>The optimal protocol at one energy, checked in the Fock space (vacuum, W = 1.5 w).</summary>
    [Fact]
    public void Optimal_protocol_matches_the_fock_space()
    {
        const double w = 1.0;
        var opt = GaussianCharging.Optimal(w, double.PositiveInfinity, 1.5);
        var fock = new FockOracle(60, w);
        fock.Squeeze(0, opt.Squeezing, 0);
        fock.Displace(0, opt.Alpha);
        Assert.True(fock.TopPopulation() < 1e-12);
        var (e, v) = fock.EnergyStatistics();
        Assert.Equal(1.5, e, 9);
        Assert.Equal(v, opt.Result.FinalVariance, 9);
    }

    /// <summary>Squeezing alone minus displacement alone at equal W: Var difference w^2 (2 A x + 2 x^2), x = W/w, A = n + 1/2.</summary>
    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(0.4)]
    public void Squeezing_is_worse_than_displacement_by_the_closed_form(double beta)
    {
        const double w = 1.1;
        var a = 0.5 + 1 / (Math.Exp(beta * w) - 1);
        foreach (var work in new[] { 0.01, 1.0, 50.0 })
        {
            var x = work / w;
            var diff = GaussianCharging.Squeezing(w, beta, work).Result.FinalVariance - GaussianCharging.Displacement(w, beta, work).Result.FinalVariance;
            Assert.Equal(1, diff / (w * w * (2 * a * x + 2 * x * x)), 9);
        }
    }

    [Fact]
    public void Bad_input_raises_validation_errors_with_the_standard_message()
    {
        var e = Assert.Throws<ValidationException>(() => GaussianState.Thermal([1, -1], 1));
        Assert.Equal("GaussianState.Thermal: argument 'frequencies' expected positive finite frequencies, got -1 at index 1.", e.Message);
        Assert.Throws<ValidationException>(() => new OscillatorBattery([double.NaN]));
        Assert.Throws<ValidationException>(() => new OscillatorBattery([1], -1));
        Assert.Throws<ValidationException>(() => new OscillatorBattery([1], 0));
        Assert.Throws<ValidationException>(() => new OscillatorBattery([1], double.NaN));
        Assert.Throws<ValidationException>(() => new OscillatorBattery([]));
        e = Assert.Throws<ValidationException>(() => GaussianUnitary.Squeeze(2, 2, 0.1));
        Assert.Equal("GaussianUnitary.Squeeze: argument 'mode' expected a mode index in [0, 1], got 2.", e.Message);
        Assert.Throws<ValidationException>(() => GaussianUnitary.Displace(1, -1, 1));
        Assert.Throws<ValidationException>(() => GaussianUnitary.Displace(1, 0, new Complex(double.NaN, 0)));
        Assert.Throws<ValidationException>(() => GaussianUnitary.Squeeze(1, 0, double.PositiveInfinity));
        Assert.Throws<ValidationException>(() => GaussianUnitary.BeamSplitter(2, 1, 1, 0.3));
        Assert.Throws<ValidationException>(() => GaussianUnitary.TwoModeSqueeze(1, 0, 0, 0.3));
        Assert.Throws<DimensionMismatchException>(() => GaussianState.Vacuum(2).Apply(GaussianUnitary.Identity(1)));
        Assert.Throws<DimensionMismatchException>(() => new OscillatorBattery([1]).Charge(GaussianUnitary.Identity(2)));
        e = Assert.Throws<ValidationException>(() => GaussianState.FromMoments([0, 0], new double[,] { { 0.1, 0 }, { 0, 0.1 } }));
        Assert.Contains("physical covariance", e.Message, StringComparison.Ordinal);
        Assert.Throws<ValidationException>(() => GaussianState.FromMoments([0, 0], new double[,] { { 1, 0.2 }, { 0, 1 } }));
        Assert.Throws<DimensionMismatchException>(() => GaussianState.FromMoments([0, 0, 0], new double[3, 3]));
        Assert.Throws<ValidationException>(() => GaussianCharging.Optimal(1, 1, 0));
        Assert.Throws<ValidationException>(() => GaussianCharging.Displacement(-1, 1, 1));
    }
}
