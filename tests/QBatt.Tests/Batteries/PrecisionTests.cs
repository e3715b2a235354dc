using QBatt.Batteries;
using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Quantum;
using QBatt.Tests.Cli;

namespace QBatt.Tests.Batteries;

/// <summary>The precision contract of refined values (R7, R10): charging times and thresholds to 1e-8 against closed forms.</summary>
public class PrecisionTests
{
    /// <summary>argmax sin^2(t)/t: the root of tan t = 2 t in (0, pi/2), by Newton on f(t) = sin 2t - ... written out here.</summary>
    private static double FlipChargingTime()
    {
        var t = 1.1;
        for (var i = 0; i < 60; i++)
        {
            // g(t) = 2 t cos t - sin t (zero where tan t = 2t), g'(t) = cos t - 2 t sin t
            var g = 2 * t * Math.Cos(t) - Math.Sin(t);
            t -= g / (Math.Cos(t) - 2 * t * Math.Sin(t));
        }
        return t;
    }

    [Fact]
    public void Cooper_reference_charging_time_is_the_closed_form_to_1e_8()
    {
        // one box under sigma_x from |0>: W(t) = E sin^2 t, so the charging time solves tan t = 2 t (R7)
        var reference = CooperPairBattery.Reference().Run();
        var t = FlipChargingTime();
        Assert.InRange(reference.ChargingTime - t, -1e-8, 1e-8);
        Assert.InRange(reference.AveragePower - Math.Pow(Math.Sin(t), 2) / t, -1e-9, 1e-9);
        Assert.True(reference.MaximumPower!.TimeError < 1e-8);
        // and through the CLI: t_parallel of the reference object
        var doc = CliRunner.Json(CliRunner.Run("cooper", "--cells", "2", "--json"));
        Assert.InRange((double)doc["reference"]!["charging_time"]! - t, -1e-8, 1e-8);
    }

    [Fact]
    public void Grid_charging_times_are_refined_from_the_dynamics_on_a_coarse_grid()
    {
        // the independent spin of R13 on a grid of spacing 0.5: W = B (1 - cos 2 omega t), x* solves x sin x = 1 - cos x
        var chain = new SpinChain(3, 1, 0.1, -1, 1);
        var curve = SpinChainBattery.IndependentCurve(chain, TimeGrid.Uniform(3, 6));
        var x = 2.3;
        for (var i = 0; i < 60; i++) x -= (x * Math.Sin(x) - 1 + Math.Cos(x)) / (x * Math.Cos(x));
        Assert.InRange(curve.ChargingTime - x / 2, -1e-8, 1e-8);
        Assert.InRange(curve.MaxPower - 3 * 2 * (1 - Math.Cos(x)) / x, -1e-8, 1e-8);
        Assert.Equal("dynamics", curve.Maximum.Method);
    }

    [Fact]
    public void Both_maxima_refined_from_a_held_state_match_the_closed_forms_under_a_time_dependent_drive()
    {
        // H(t) = omega (1 + a t) sigma_x commutes with itself at all times, so from the ground state of H0 = sigma_z the energy is
        // -cos 2 theta(t) with theta = omega (t + a t^2 / 2) (R7): W = 1 - cos 2 theta. On a grid of spacing 0.05 the refinement
        // rounds start from the states held at grid times before both maxima, so an evolution restarted at time 0 instead of the
        // held time, or W measured from the held state's energy, would miss these closed forms by far more than 1e-9.
        const double omega = 1, a = 0.3;
        double Theta(double t) => omega * (t + a * t * t / 2);
        var setup = new ChargingSetup
        {
            Name = "ramped flip",
            Size = new RunSize(2, 20 * 4 * 3),
            Window = ChargingWindow.At(TimeGrid.Uniform(3, 60)),
            Build = () => new ChargingSystem
            {
                Dims = new Dims(2),
                Hamiltonian = new Hamiltonian(0 * Pauli.X, [new DriveTerm(omega * Pauli.X, TimeFunction.Custom(t => 1 + a * t, "1 + a t"))]),
                Battery = Pauli.Z,
                InitialKet = Ket.Basis(2, 1),
                InitialDescription = "spin down",
            },
        };
        var run = ChargingRunner.Run(setup);
        var curve = run.Curve!;
        // a memory limit with no room for the held state: every round from t = 0, the same maxima at a higher cost
        var fromStart = ChargingRunner.Run(setup with { MemoryLimit = (long)Math.Ceiling(run.EstimatedBytes) });
        Assert.True(run.RefinementMatVecs < fromStart.RefinementMatVecs, $"{run.RefinementMatVecs} against {fromStart.RefinementMatVecs} from t = 0");
        Assert.InRange(fromStart.Curve!.ChargingTime - curve.ChargingTime, -1e-10, 1e-10);
        Assert.InRange(fromStart.Curve.FirstMaximum!.Time - curve.FirstMaximum!.Time, -1e-10, 1e-10);
        // the first maximum of W: theta = pi / 2
        var firstTime = (-1 + Math.Sqrt(1 + a * Math.PI / omega)) / a;
        Assert.Equal("dynamics", curve.FirstMaximum!.Method);
        Assert.InRange(curve.FirstMaximum.Time - firstTime, -1e-9, 1e-9);
        Assert.InRange(curve.FirstMaximum.Work - 2, -1e-9, 1e-9);
        // the maximum of W / t: t dW/dt = W, i.e. 2 theta'(t) t sin 2 theta = 1 - cos 2 theta, by bisection on (0.5, firstTime)
        double G(double t) => 2 * omega * (1 + a * t) * t * Math.Sin(2 * Theta(t)) - (1 - Math.Cos(2 * Theta(t)));
        double lo = 0.5, hi = firstTime;
        Assert.True(G(lo) > 0 && G(hi) < 0);
        for (var i = 0; i < 200; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (G(mid) > 0) lo = mid; else hi = mid;
        }
        var t = 0.5 * (lo + hi);
        Assert.Equal("dynamics", curve.Maximum.Method);
        Assert.InRange(curve.ChargingTime - t, -1e-9, 1e-9);
        Assert.InRange(curve.MaxPower - (1 - Math.Cos(2 * Theta(t))) / t, -1e-9, 1e-9);
    }

    [Fact]
    public void Separable_ball_ppt_threshold_is_ln_1_plus_sqrt_2_to_1e_8()
    {
        // two qubits (PRL Proposition 1): the trajectory stays PPT iff p01 >= (p00 - p11)/2, i.e. eps <= ln(1 + sqrt 2)
        var doc = CliRunner.Json(CliRunner.Run("separable-ball", "--cells", "2", "--json"));
        Assert.InRange((double)doc["ppt_threshold_eps"]! - Math.Log(1 + Math.Sqrt(2)), -1e-8, 1e-8);
        Assert.InRange((double)doc["ppt_threshold_eps_error"]!, 0, 1e-8);
    }
}
