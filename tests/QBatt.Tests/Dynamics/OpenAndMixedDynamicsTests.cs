using System.Numerics;
using QBatt.Dynamics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Tests.Dynamics;

/// <summary>Lindblad and von Neumann dynamics (R6) against closed forms, invariants and each other.</summary>
public class OpenAndMixedDynamicsTests
{
    private static double[] Grid(double t1, int points) => [.. Enumerable.Range(0, points).Select(k => t1 * k / (points - 1))];

    /// <summary>
    /// Amplitude damping of a qubit, H = (w/2) sigma_z, C = sqrt(gamma) sigma_-, from (|0&gt; + |1&gt;)/sqrt 2:
    /// rho_00(t) = exp(-gamma t)/2 and rho_01(t) = exp(-i w t - gamma t/2)/2 (closed form).
    /// </summary>
    [Theory]
    [InlineData("auto")]
    [InlineData("krylov")]
    [InlineData("dop853")]
    [InlineData("dopri5")]
    public void Amplitude_damping_qubit_decays_as_the_closed_form(string method)
    {
        double w = 1.7, gamma = 0.3;
        var h = 0.5 * w * Pauli.Z;
        var plus = new Ket([1 / Math.Sqrt(2), 1 / Math.Sqrt(2)]);
        var times = Grid(8, 81);
        var solver = new LindbladSolver(h, [Math.Sqrt(gamma) * Pauli.Minus], new EvolutionOptions { Method = method });
        var traj = solver.Run(plus, times, [new Observable("P0", Qudit.Projector(2, 0, 0)), new Observable("rho01", Qudit.Projector(2, 1, 0))]);
        var p0 = traj.Expectation("P0");
        var coherence = traj.ComplexExpectation("rho01");
        for (var k = 0; k < times.Length; k++)
        {
            var t = times[k];
            Assert.True(Math.Abs(p0[k] - 0.5 * Math.Exp(-gamma * t)) < 1e-9, $"{method}: P0 at t={t}");
            var exact = 0.5 * Complex.Exp(new Complex(-gamma * t / 2, -w * t));
            Assert.True((coherence[k] - exact).Magnitude < 1e-9, $"{method}: rho01 at t={t}: {coherence[k]} vs {exact}");
        }
        var final = traj.FinalState;
        Assert.True(Math.Abs(final[0, 0].Real - 0.5 * Math.Exp(-gamma * 8)) < 1e-9);
        Assert.True(traj.Statistics.TraceDrift < 1e-9, $"trace drift {traj.Statistics.TraceDrift}");
        Assert.True(traj.Statistics.MinEigenvalue > -1e-10);
        Assert.Empty(traj.Warnings);
    }

    /// <summary>Random H, random collapse operators: the trace stays 1 and rho stays positive at every output.</summary>
    [Theory]
    [InlineData("krylov")]
    [InlineData("dop853")]
    public void Lindblad_evolution_preserves_the_trace_and_positivity(string method)
    {
        var rng = new RandomMatrices(21);
        var d = 6;
        var h = Operator.FromDense(rng.Hermitian(d));
        var c = new[] { Operator.FromDense(rng.Ginibre(d, d) * 0.3), Operator.FromDense(rng.Ginibre(d, d) * 0.2) };
        var rho0 = new DensityMatrix(rng.DensityMatrix(d, 3));
        var times = Grid(3, 31);
        var options = new EvolutionOptions { Method = method, StoreStates = true, Positivity = PositivityCheck.EveryOutput };
        var traj = new LindbladSolver(h, c, options).Run(rho0, times);
        foreach (var rho in traj.States!)
        {
            Assert.True(Math.Abs(rho.Trace() - 1) < 1e-9, $"trace {rho.Trace()}");
            Assert.True(rho.ToMatrix().HermiticityError() < 1e-9);
            Assert.True(rho.Eigenvalues()[0] > -1e-9, $"smallest eigenvalue {rho.Eigenvalues()[0]}");
        }
        Assert.True(traj.Statistics.TraceDrift < 1e-9);
        Assert.True(traj.Statistics.MinEigenvalue > -1e-9);
    }

    /// <summary>Unitary evolution: the norm of a ket, and the trace and purity of a mixed state, are conserved.</summary>
    [Theory]
    [InlineData("krylov")]
    [InlineData("dop853")]
    [InlineData("exact")]
    public void Unitary_evolution_preserves_norm_trace_and_purity(string method)
    {
        var h = ClosedDynamicsTests.RandomSparseHermitian(40, 6, seed: 11);
        var rng = new RandomMatrices(12);
        var options = new EvolutionOptions { Method = method, StoreStates = true };
        var times = Grid(4, 9);
        var kets = new SchrodingerSolver(h, options).Run(new Ket(rng.UnitVector(40)), times);
        foreach (var psi in kets.States!) Assert.True(Math.Abs(VectorOps.Norm(psi.Amplitudes) - 1) < 1e-9);
        var rho0 = new DensityMatrix(rng.DensityMatrix(40, 5));
        var mixed = new VonNeumannSolver(h, options).Run(rho0, times);
        foreach (var rho in mixed.States!)
        {
            Assert.True(Math.Abs(rho.Trace() - 1) < 1e-9);
            Assert.True(Math.Abs(rho.Purity() - rho0.Purity()) < 1e-9, $"purity {rho.Purity()} vs {rho0.Purity()}");
        }
    }

    /// <summary>Without collapse operators, Lindblad and von Neumann agree with U rho U^dag from the eigendecomposition.</summary>
    [Fact]
    public void Lindblad_without_dissipation_and_von_neumann_agree_with_the_exact_propagator()
    {
        var rng = new RandomMatrices(31);
        var hd = rng.Hermitian(5);
        var h = Operator.FromDense(hd);
        var rho0 = new DensityMatrix(rng.DensityMatrix(5, 2));
        var a = Operator.FromDense(rng.Hermitian(5));
        var times = Grid(2.5, 6);
        var lind = new LindbladSolver(h, []).Run(rho0, times, [new Observable("A", a)]);
        var vn = new VonNeumannSolver(h).Run(rho0, times, [new Observable("A", a)]);
        var eig = MatrixFunctions.Eigh(hd);
        for (var k = 0; k < times.Length; k++)
        {
            var u = MatrixFunctions.ExpMinusIHt(eig, times[k]);
            var exact = a.Expectation(rho0.Transform(u)).Real;
            Assert.True(Math.Abs(lind.Expectation("A")[k] - exact) < 1e-9, $"Lindblad at t={times[k]}");
            Assert.True(Math.Abs(vn.Expectation("A")[k] - exact) < 1e-9, $"von Neumann at t={times[k]}");
        }
    }

    /// <summary>The observables computed on the Krylov basis equal tr(rho A) of the states the solver returns.</summary>
    [Fact]
    public void Projected_observables_equal_the_expectation_in_the_stored_states()
    {
        var rng = new RandomMatrices(41);
        var h = Operator.FromDense(rng.Hermitian(4));
        var c = Operator.FromDense(rng.Ginibre(4, 4) * 0.4);
        var a = Operator.FromDense(rng.Hermitian(4));
        var times = Grid(2, 11);
        var rho0 = new DensityMatrix(rng.DensityMatrix(4));
        var plain = new LindbladSolver(h, [c]).Run(rho0, times, [new Observable("A", a)]);
        var stored = new LindbladSolver(h, [c], new EvolutionOptions { StoreStates = true }).Run(rho0, times, [new Observable("A", a)]);
        for (var k = 0; k < times.Length; k++)
        {
            var fromState = a.Expectation(stored.States![k]).Real;
            Assert.True(Math.Abs(plain.Expectation("A")[k] - fromState) < 1e-9, $"t={times[k]}");
        }
    }
}
