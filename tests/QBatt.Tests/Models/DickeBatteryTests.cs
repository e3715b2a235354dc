using QBatt.Batteries;
using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Tests.Models;

/// <summary>
/// The Dicke battery (R12): the symmetric subspace against the full 2^N x cutoff space, N = 1 against the
/// Rabi model built from Pauli matrices, the default cutoff and window, energy conservation, bad input.
/// </summary>
public class DickeBatteryTests
{
    [Theory]
    [InlineData(2, 0.5, 1.0)]
    [InlineData(3, 0.3, 1.2)]
    [InlineData(4, 0.8, 0.9)]
    public void Symmetric_subspace_matches_the_full_space(int n, double lambda, double wa)
    {
        var common = new DickeChargingOptions { CellFrequency = wa, TimeWindow = 1.5, TimeStep = 0.01, Cutoff = 30, IncludeReference = false };
        var sym = DickeBattery.Charge(n, lambda, common);
        var full = DickeBattery.Charge(n, lambda, common with { Space = DickeSpace.Full });
        Assert.Equal(sym.Curve!.Times.Count, full.Curve!.Times.Count);
        for (var k = 0; k < sym.Curve!.Times.Count; k++)
        {
            Assert.True(Math.Abs(sym.Curve!.Work[k] - full.Curve!.Work[k]) < 1e-9 * n, $"E_B at t = {sym.Curve!.Times[k]}");
            Assert.True(Math.Abs(sym.Curve!.InstantaneousPower![k] - full.Curve!.InstantaneousPower![k]) < 1e-8 * n, $"P at t = {sym.Curve!.Times[k]}");
        }
        Assert.Equal(sym.Curve!.MaxPower, full.Curve!.MaxPower, 9);
        Assert.Equal(sym.LimitMaxima[DickeBattery.TopFockLevel], full.LimitMaxima[DickeBattery.TopFockLevel], 12);
        Assert.Equal(30 * (1 << n), new Dicke(n, 30, lambda, space: DickeSpace.Full).Dims.Total);
    }

    [Theory]
    [InlineData(0.5, 1.0, 1.0)]
    [InlineData(0.2, 1.3, 0.7)]
    public void One_cell_is_the_rabi_model(double lambda, double wa, double wc)
    {
        var dicke = new Dicke(1, 12, lambda, wa, wc);
        var rabi = new Rabi(12, lambda, wa, wc);
        Assert.True(ComplexMatrix.MaxAbsDifference(dicke.Hamiltonian().ToDense(), rabi.Hamiltonian().ToDense()) < 1e-14);
        Assert.True(ComplexMatrix.MaxAbsDifference(dicke.BatteryEnergy().ToDense(), rabi.BatteryEnergy().ToDense()) < 1e-14);
        Assert.True(ComplexMatrix.MaxAbsDifference(dicke.TopFockProjector().ToDense(), rabi.TopFockProjector().ToDense()) < 1e-14);
        Assert.Equal(rabi.InitialState().Amplitudes.ToArray(), dicke.InitialState().Amplitudes.ToArray());
        // Gamma(N = 1) = 1: the Dicke run and its reference coincide
        var r = DickeBattery.Charge(1, lambda, new DickeChargingOptions { CellFrequency = wa, CavityFrequency = wc });
        Assert.Equal(1, r.Gamma, 10);
    }

    /// <summary>
    /// The default window holds the first energy maximum and the power maximum, and the default cutoff keeps
    /// the top Fock population below 1e-8, across the regimes (lambda sqrt(N) from 0.05 to 8).
    /// </summary>
    [Theory]
    [InlineData(1, 0.05)]
    [InlineData(4, 0.05)]
    [InlineData(16, 0.05)]
    [InlineData(1, 0.5)]
    [InlineData(4, 0.5)]
    [InlineData(16, 0.5)]
    [InlineData(1, 2.0)]
    [InlineData(16, 2.0)]
    public void Default_cutoff_and_window_are_adequate(int n, double lambda)
    {
        var d = new DickeBattery(n, lambda, new DickeChargingOptions { IncludeReference = false });
        var r = d.Charge();
        var top = r.LimitMaxima[DickeBattery.TopFockLevel];
        Assert.True(top <= 1e-8, $"top Fock population {top} with {d.Cutoff} levels");
        Assert.NotNull(r.Curve!.FirstMaximum);
        Assert.False(r.Curve.Maximum.AtBoundary);
        Assert.True(r.Curve.FirstMaximum!.Time > r.Curve.ChargingTime);
        Assert.True(r.Curve.FirstMaximum.Time < d.TimeWindow);
        Assert.Empty(r.Warnings);
        Assert.True(d.DefaultCutoff);
        // the default cutoff converges the answer: ten more Fock levels change the maximum power by < 1e-8 (relative)
        var larger = DickeBattery.Charge(n, lambda, new DickeChargingOptions { IncludeReference = false, Cutoff = d.Cutoff + 10 });
        Assert.InRange(Math.Abs(larger.Curve!.MaxPower / r.Curve.MaxPower - 1), 0, 1e-8);
    }

    [Fact]
    public void Too_small_a_cutoff_warns_or_is_refused_under_strict()
    {
        var options = new DickeChargingOptions { Cutoff = 12, IncludeReference = false };
        var r = DickeBattery.Charge(10, 0.5, options);
        Assert.True(r.LimitMaxima[DickeBattery.TopFockLevel] > 1e-8);
        Assert.Contains(r.Warnings, w => w.Contains("top Fock level", StringComparison.Ordinal));
        Assert.Throws<ConvergenceException>(() => DickeBattery.Charge(10, 0.5, options with { Strict = true }));
    }

    [Fact]
    public void Energy_is_conserved_under_the_charging_hamiltonian()
    {
        var d = new Dicke(6, 60, 0.5);
        var h = d.Hamiltonian();
        var times = Enumerable.Range(0, 51).Select(k => 0.02 * k).ToArray();
        var traj = new SchrodingerSolver(h).Run(d.InitialState(), times, [new Observable("H", h), new Observable("E_B", d.BatteryEnergy())]);
        var e = traj.Expectation("H");
        Assert.All(e, x => Assert.Equal(e[0], x, 9));
        Assert.Equal(6 * 1.0 - 3 * 1.0, e[0], 12); // N photons wc + wa J_z with J_z = -N/2
        Assert.True(traj.Expectation("E_B").Max() > 1);
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ValidationException>(() => new Dicke(0, 10, 0.5));
        Assert.Throws<ValidationException>(() => new Dicke(5, 5, 0.5));
        Assert.Throws<ValidationException>(() => new Dicke(5, -3, 0.5));
        Assert.Throws<ValidationException>(() => new Dicke(Dicke.MaxFullSpaceCells + 1, 40, 0.5, space: DickeSpace.Full));
        Assert.Throws<ValidationException>(() => new Dicke(3, 10, double.NaN));
        Assert.Throws<ValidationException>(() => new Rabi(1, 0.5));
        Assert.Throws<ValidationException>(() => DickeBattery.Charge(0, 0.5));
        Assert.Throws<ValidationException>(() => DickeBattery.Charge(3, 0));
        Assert.Throws<ValidationException>(() => DickeBattery.Charge(3, 0.5, new DickeChargingOptions { CellFrequency = 0 }));
        Assert.Throws<ValidationException>(() => DickeBattery.Charge(3, 0.5, new DickeChargingOptions { Cutoff = -2 }));
        Assert.Throws<ValidationException>(() => DickeBattery.Charge(3, 0.5, new DickeChargingOptions { TimeWindow = -1 }));
        Assert.Throws<ValidationException>(() => DickeBattery.Charge(3, 0.5, new DickeChargingOptions { TimeStep = 1e-9, TimeWindow = 10 }));
        Assert.Throws<ValidationException>(() => Dicke.DefaultTimeWindow(4, 0));
        var rabi = DickeBattery.ChargeRabi(0.5);
        Assert.Throws<ValidationException>(() => DickeBattery.Charge(3, 0.5, reference: DickeBattery.Charge(2, 0.5, new DickeChargingOptions { IncludeReference = false })));
        Assert.Throws<ValidationException>(() => DickeBattery.Charge(3, 0.5, reference: DickeBattery.ChargeRabi(0.3)));
        Assert.Equal(2L * Dicke.DefaultCutoff(1, 0.5, Dicke.DefaultTimeWindow(1, 0.5)), rabi.Dimension); // one cell (2 levels) in its own cavity
    }
}
