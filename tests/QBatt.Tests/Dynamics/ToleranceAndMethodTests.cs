using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Tests.Dynamics;

/// <summary>Default tolerances, the automatic method choice, and drift reports.</summary>
public class ToleranceAndMethodTests
{
    private static double[] Grid(double t1, int points) => [.. Enumerable.Range(0, points).Select(k => t1 * k / (points - 1))];

    /// <summary>
    /// With the default options, battery energies come out to 1e-8 relative: a spin chain (Krylov) against
    /// the exact eigendecomposition, and a smoothly driven chain (DOP853) against DOPRI5 at 1e-13.
    /// </summary>
    [Fact]
    public void Default_tolerances_give_energies_to_1e_8_relative()
    {
        var chain = new SpinChain(8, range: CouplingRange.Uniform);
        var h0 = chain.BatteryHamiltonian();
        var times = Grid(3, 31);
        var obs = new[] { new Observable("H0", h0) };
        var krylov = new SchrodingerSolver(chain.ChargingHamiltonian(), new EvolutionOptions { Method = "krylov" }).Run(chain.AllDown(), times, obs);
        var exact = new SchrodingerSolver(chain.ChargingHamiltonian(), new EvolutionOptions { Method = "exact" }).Run(chain.AllDown(), times, obs);
        for (var k = 0; k < times.Length; k++)
        {
            var e = exact.Expectation("H0")[k];
            Assert.True(Math.Abs(krylov.Expectation("H0")[k] - e) <= 1e-8 * Math.Abs(e), $"krylov t={times[k]}");
        }
        var driven = new Hamiltonian(chain.Interaction()).WithDrive(Operators.SumOverCells(Pauli.X, 8), TimeFunction.Sine(1, 2, 0.5, 0.3));
        var rk = new SchrodingerSolver(driven).Run(chain.AllDown(), times, obs);
        var tight = new SchrodingerSolver(driven, new EvolutionOptions { TimeDependentMethod = "dopri5", AbsoluteTolerance = 1e-13, RelativeTolerance = 1e-13 }).Run(chain.AllDown(), times, obs);
        Assert.Contains("dop853", rk.Statistics.Methods, StringComparison.Ordinal);
        for (var k = 0; k < times.Length; k++)
        {
            var e = tight.Expectation("H0")[k];
            Assert.True(Math.Abs(rk.Expectation("H0")[k] - e) <= 1e-8 * Math.Abs(e), $"dop853 t={times[k]}: {rk.Expectation("H0")[k]} vs {e}");
        }
        Assert.True(krylov.ErrorEstimate <= 2e-10 && rk.ErrorEstimate < 1e-7);
    }

    [Fact]
    public void Auto_picks_the_eigendecomposition_for_tiny_spaces_and_krylov_for_large_ones()
    {
        var small = new SchrodingerSolver(Pauli.X).Run(Ket.Basis(2, 0), [0, 1]);
        Assert.Equal("exact (eigendecomposition)", small.Statistics.Methods);
        var chain = new SpinChain(12);
        var large = new SchrodingerSolver(chain.ChargingHamiltonian()).Run(chain.AllDown(), [0, 1]);
        Assert.Equal("krylov (Lanczos)", large.Statistics.Methods);
        var forced = new SchrodingerSolver(chain.ChargingHamiltonian(), new EvolutionOptions { Method = "dopri5" }).Run(chain.AllDown(), [0, 0.1]);
        Assert.Equal("dopri5", forced.Statistics.Methods);
        var open = new LindbladSolver(Pauli.X, [Pauli.Minus]).Run(Ket.Basis(2, 0), [0, 1]);
        Assert.Equal("krylov (Arnoldi, Hermitian coordinates)", open.Statistics.Methods);
    }

    /// <summary>
    /// Runge-Kutta keeps the trace (a linear invariant) but not positivity: a deliberately loose tolerance
    /// on a pure state decaying to the ground state drives an eigenvalue of rho below zero, and the solver
    /// reports it instead of correcting it.
    /// </summary>
    [Fact]
    public void Positivity_drift_beyond_the_threshold_is_reported_not_corrected()
    {
        var plus = new Ket([1 / Math.Sqrt(2), 1 / Math.Sqrt(2)]);
        var loose = new EvolutionOptions { Method = "dopri5", AbsoluteTolerance = 1e-1, RelativeTolerance = 1e-1, Positivity = PositivityCheck.EveryOutput };
        var traj = new LindbladSolver(4 * Pauli.X, [2 * Pauli.Minus], loose).Run(plus, Grid(6, 61));
        Assert.True(traj.Statistics.MinEigenvalue < -1e-8, $"smallest eigenvalue {traj.Statistics.MinEigenvalue}");
        Assert.Contains(traj.Warnings, w => w.StartsWith("positivity drift", StringComparison.Ordinal));
        Assert.True(traj.Statistics.TraceDrift < 1e-12);
    }

    /// <summary>
    /// A tolerance below what double precision can resolve (1e-16 on a Hamiltonian of norm ~100) does not
    /// stall the Krylov propagators: they step as accurately as the arithmetic allows and report the
    /// achieved estimate, which then exceeds the request.
    /// </summary>
    [Fact]
    public void Tolerances_below_rounding_are_met_as_well_as_the_arithmetic_allows()
    {
        var dicke = new Dicke(6, 30, 0.5);
        var times = Grid(1, 11);
        var tight = new EvolutionOptions { Method = "krylov", AbsoluteTolerance = 1e-16, RelativeTolerance = 0 };
        var traj = new SchrodingerSolver(dicke.Hamiltonian(), tight).Run(dicke.InitialState(), times, [new Observable("E_B", dicke.BatteryEnergy())]);
        var exact = new SchrodingerSolver(dicke.Hamiltonian(), new EvolutionOptions { Method = "exact" }).Run(dicke.InitialState(), times, [new Observable("E_B", dicke.BatteryEnergy())]);
        for (var k = 0; k < times.Length; k++) Assert.True(Math.Abs(traj.Expectation("E_B")[k] - exact.Expectation("E_B")[k]) < 1e-11);
        Assert.True(traj.ErrorEstimate > 1e-16 && traj.ErrorEstimate < 1e-11, $"estimate {traj.ErrorEstimate}");
        var open = new LindbladSolver(Pauli.X, [Pauli.Minus], tight).Run(Ket.Basis(2, 0), times);
        Assert.True(open.ErrorEstimate < 1e-11);
    }
}
