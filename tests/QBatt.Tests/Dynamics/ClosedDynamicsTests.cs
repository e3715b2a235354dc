using System.Numerics;
using QBatt.Dynamics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Tests.Dynamics;

/// <summary>Closed-system dynamics (R6) against closed forms and the exact exponential.</summary>
public class ClosedDynamicsTests
{
    public static IEnumerable<object[]> ConstantMethods() =>
        [["auto"], ["exact"], ["krylov"], ["dop853"], ["dopri5"]];

    private static double[] Grid(double t1, int points) => [.. Enumerable.Range(0, points).Select(k => t1 * k / (points - 1))];

    /// <summary>
    /// Detuned Rabi oscillation: H = (Delta/2) sigma_z + (Omega/2) sigma_x from |0&gt; (sigma_z = +1):
    /// P_1(t) = Omega^2/(Omega^2 + Delta^2) sin^2(sqrt(Omega^2 + Delta^2) t / 2).
    /// </summary>
    [Theory]
    [MemberData(nameof(ConstantMethods))]
    public void Rabi_oscillation_matches_the_closed_form(string method)
    {
        double omega = 1.3, delta = 0.4;
        var h = 0.5 * delta * Pauli.Z + 0.5 * omega * Pauli.X;
        var p1 = Operator.FromSparse(CsrMatrix.FromTriplets(2, 2, [1], [1], [Complex.One]));
        var times = Grid(12, 121);
        var traj = new SchrodingerSolver(h, new EvolutionOptions { Method = method }).Run(Ket.Basis(2, 0), times, [new Observable("P1", p1)]);
        var p = traj.Expectation("P1");
        var w = Math.Sqrt(omega * omega + delta * delta);
        for (var k = 0; k < times.Length; k++)
        {
            var exact = omega * omega / (w * w) * Math.Pow(Math.Sin(w * times[k] / 2), 2);
            Assert.True(Math.Abs(p[k] - exact) < 1e-9, $"{method}: t={times[k]} P1={p[k]} exact={exact}");
        }
        var finalP1 = Math.Pow(traj.FinalState[1].Magnitude, 2);
        Assert.True(Math.Abs(finalP1 - p[^1]) < 1e-12);
        // the Runge-Kutta estimate sums the local error estimates of every step (a bound, not the actual error)
        Assert.True(traj.ErrorEstimate < 1e-7, $"{method}: error estimate {traj.ErrorEstimate}");
    }

    /// <summary>
    /// A driven qubit under a constant field written as a drive term with a coefficient the solver
    /// cannot see is constant (a custom function), so the time-dependent Runge-Kutta integrator runs;
    /// compared with exp(-iHt)|psi0&gt; from the dense eigendecomposition.
    /// </summary>
    [Theory]
    [InlineData("dop853")]
    [InlineData("dopri5")]
    public void Time_dependent_integrator_matches_the_exact_exponential_for_a_constant_field(string method)
    {
        var h0 = 0.5 * Pauli.Z;
        var field = 0.7;
        var h = new Hamiltonian(h0).WithDrive(Pauli.X + 0.3 * Pauli.Y, TimeFunction.Custom(_ => field, "constant field, opaque"));
        var psi0 = new Ket([new Complex(0.6, 0), new Complex(0, 0.8)]);
        var times = Grid(5, 11);
        var opts = new EvolutionOptions { TimeDependentMethod = method };
        var traj = new SchrodingerSolver(h, opts).Run(psi0, times, [new Observable("X", Pauli.X), new Observable("Z", Pauli.Z)]);
        Assert.Contains(method, traj.Statistics.Methods, StringComparison.Ordinal);
        var full = (h0 + field * (Pauli.X + 0.3 * Pauli.Y)).ToDense();
        for (var k = 0; k < times.Length; k++)
        {
            var u = MatrixFunctions.ExpMinusIHt(full, times[k]);
            var psi = u.Multiply(psi0.Amplitudes);
            var ket = new Ket(psi);
            Assert.True(Math.Abs(traj.Expectation("X")[k] - Pauli.X.Expectation(ket).Real) < 1e-8, $"{method} X at t={times[k]}");
            Assert.True(Math.Abs(traj.Expectation("Z")[k] - Pauli.Z.Expectation(ket).Real) < 1e-8, $"{method} Z at t={times[k]}");
        }
    }

    /// <summary>
    /// A sparse random Hamiltonian: every constant-H method agrees with the exact exponential, here exp(-i H t) by
    /// the Padé scaling and squaring of <see cref="MatrixFunctions.Expm"/> (no eigendecomposition, unlike the
    /// "exact" method itself).
    /// </summary>
    [Theory]
    [MemberData(nameof(ConstantMethods))]
    public void Every_method_matches_the_exact_exponential_on_a_random_sparse_hamiltonian(string method)
    {
        var h = RandomSparseHermitian(120, 6, seed: 5);
        var rng = new RandomMatrices(6);
        var psi0 = new Ket(rng.UnitVector(120));
        var times = Grid(3, 7);
        var traj = new SchrodingerSolver(h, new EvolutionOptions { Method = method, StoreStates = true }).Run(psi0, times);
        var dense = h.ToDense();
        for (var k = 0; k < times.Length; k++)
        {
            var exact = MatrixFunctions.Expm(dense * new Complex(0, -times[k])).Multiply(psi0.Amplitudes);
            double err = 0;
            for (var i = 0; i < exact.Length; i++) err = Math.Max(err, (exact[i] - traj.States![k][i]).Magnitude);
            Assert.True(err < 2e-9, $"{method}: t={times[k]} max error {err}");
        }
    }

    internal static Operator RandomSparseHermitian(int n, int perRow, int seed)
    {
        var rng = new RandomMatrices(seed);
        var rows = new List<int>();
        var cols = new List<int>();
        var vals = new List<Complex>();
        for (var i = 0; i < n; i++)
        {
            rows.Add(i);
            cols.Add(i);
            vals.Add(rng.Normal());
            for (var k = 0; k < perRow / 2; k++)
            {
                var j = (int)(rng.Uniform() * n);
                if (j == i) continue;
                var v = rng.ComplexNormal() * 0.5;
                rows.Add(i); cols.Add(j); vals.Add(v);
                rows.Add(j); cols.Add(i); vals.Add(Complex.Conjugate(v));
            }
        }
        return Operator.FromSparse(CsrMatrix.FromTriplets(n, n, rows.ToArray(), cols.ToArray(), vals.ToArray()));
    }
}
