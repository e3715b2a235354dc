using QBatt.Dynamics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Tests.Dynamics;

/// <summary>
/// The matrix form of the Lindblad generator in Hermitian coordinates (<see cref="RealLindbladMap"/>, R6)
/// against the assembled superoperator, a closed form at D = 128, and a different integrator on the
/// assembled generator.
/// </summary>
public class LindbladMatrixFormTests
{
    private static double[] Grid(double t1, int points) => [.. Enumerable.Range(0, points).Select(k => t1 * k / (points - 1))];

    /// <summary>Oracle: G = Re(L) + Im(L) T from the assembled vec(rho) generator (Liouvillian.Build), applied as CSR.</summary>
    [Theory]
    [InlineData(5, 1, 1)]
    [InlineData(16, 3, 2)]
    [InlineData(33, 2, 3)]
    public void Matrix_form_equals_the_assembled_generator(int d, int jumps, int seed)
    {
        var rnd = new RandomMatrices(seed);
        ComplexMatrix RealGaussian() => ComplexMatrix.FromColumnMajor(d, d, [.. Enumerable.Range(0, d * d).Select(_ => new System.Numerics.Complex(rnd.Normal(), 0))]);
        var a = RealGaussian();
        var h = Operator.FromDense(0.5 * (a + a.Transpose()));
        var cs = Enumerable.Range(0, jumps).Select(_ => Operator.FromDense(RealGaussian())).ToArray();
        var oracle = HermitianCoordinates.Generator(Liouvillian.Build(h, cs), d);
        var map = new RealLindbladMap(h.ToSparse().ToReal(), [.. cs.Select(c => c.ToSparse().ToReal())]);
        Assert.Equal(d * d, map.Dimension);
        var x = Enumerable.Range(0, d * d).Select(_ => rnd.Normal()).ToArray();
        var expected = new double[d * d];
        oracle.Multiply(x, expected, 1);
        foreach (var threads in new[] { 1, 2 })
        {
            var y = new double[d * d];
            map.Multiply(x, y, threads);
            var scale = expected.Max(Math.Abs);
            for (var i = 0; i < y.Length; i++) Assert.True(Math.Abs(y[i] - expected[i]) <= 1e-12 * scale, $"entry {i}: {y[i]} vs {expected[i]}");
        }
    }

    /// <summary>
    /// The same at D = 200 (D^2 = 40000, above <see cref="RealLindbladMap.ParallelMinEntries"/>, so two threads share the
    /// application, where the smaller cases above run on one): random sparse real H (symmetrised) and two random sparse real
    /// jump operators, three entries a row, against the assembled generator.
    /// </summary>
    [Fact]
    public void Matrix_form_equals_the_assembled_generator_when_threads_share_it()
    {
        const int d = 200;
        Assert.True(d * d >= RealLindbladMap.ParallelMinEntries);
        var rnd = new RandomMatrices(4);
        var random = new Random(5);
        CsrMatrix Sparse()
        {
            var (ri, ci, v) = (new List<int>(), new List<int>(), new List<System.Numerics.Complex>());
            for (var i = 0; i < d; i++)
                for (var k = 0; k < 3; k++) { ri.Add(i); ci.Add(random.Next(d)); v.Add(rnd.Normal()); }
            return CsrMatrix.FromTriplets(d, d, [.. ri], [.. ci], [.. v]);
        }
        var a = Sparse();
        var h = Operator.FromSparse(CsrMatrix.FromDense(0.5 * (a.ToDense() + a.ToDense().Transpose())));
        var cs = new[] { Operator.FromSparse(Sparse()), Operator.FromSparse(Sparse()) };
        var oracle = HermitianCoordinates.Generator(Liouvillian.Build(h, cs), d);
        var map = new RealLindbladMap(h.ToSparse().ToReal(), [.. cs.Select(c => c.ToSparse().ToReal())]);
        var x = Enumerable.Range(0, d * d).Select(_ => rnd.Normal()).ToArray();
        var expected = new double[d * d];
        oracle.Multiply(x, expected, 1);
        var scale = expected.Max(Math.Abs);
        foreach (var threads in new[] { 1, 2 })
        {
            var y = new double[d * d];
            map.Multiply(x, y, threads);
            for (var i = 0; i < y.Length; i++) Assert.True(Math.Abs(y[i] - expected[i]) <= 1e-12 * scale, $"threads {threads}, entry {i}: {y[i]} vs {expected[i]}");
        }
    }

    /// <summary>
    /// n independent damped qubits, H = sum (w/2) sigma_z, C_k = sqrt(gamma) sigma_-^(k), from |+&gt;^n
    /// (D = 128 and 512, the matrix form; at D = 512 the Arnoldi vectors span four chunks of the parallel
    /// orthogonalisation): &lt;sum P0&gt; = n exp(-gamma t)/2 and &lt;sum sigma_x&gt; = n exp(-gamma t/2) cos(w t),
    /// and the same numbers on one thread and on two (chunked sums in a fixed order).
    /// </summary>
    [Theory]
    [InlineData(7)]
    [InlineData(9)]
    public void Damped_qubits_in_matrix_form_follow_the_closed_form(int n)
    {
        double w = 1.3, gamma = 0.2;
        Assert.True(1 << n >= LindbladSolver.MatrixFormMinDimension);
        var h = Operators.SumOverCells(0.5 * w * Pauli.Z, n);
        var c = Enumerable.Range(0, n).Select(i => Operators.Embed(Math.Sqrt(gamma) * Pauli.Minus, i, n)).ToArray();
        var plus = new Ket([1 / Math.Sqrt(2), 1 / Math.Sqrt(2)]);
        var psi = Ket.Tensor([.. Enumerable.Repeat(plus, n)]);
        var times = Grid(6, 31);
        Observable[] observables = [new Observable("P0", Operators.SumOverCells(Qudit.Projector(2, 0, 0), n)), new Observable("X", Operators.SumOverCells(Pauli.X, n))];
        var traj = new LindbladSolver(h, c, new EvolutionOptions { Threads = 2 }).Run(psi, times, observables);
        var serial = new LindbladSolver(h, c, new EvolutionOptions { Threads = 1 }).Run(psi, times, observables);
        Assert.Contains("matrix form", traj.Statistics.Methods, StringComparison.Ordinal);
        Assert.Equal(serial.Expectation("X"), traj.Expectation("X"));
        for (var k = 0; k < times.Length; k++)
        {
            var t = times[k];
            Assert.True(Math.Abs(traj.Expectation("P0")[k] - n * 0.5 * Math.Exp(-gamma * t)) < 1e-9, $"P0 at t = {t}");
            Assert.True(Math.Abs(traj.Expectation("X")[k] - n * Math.Exp(-gamma * t / 2) * Math.Cos(w * t)) < 1e-9, $"X at t = {t}");
        }
    }

    /// <summary>
    /// An interacting, driven, damped chain of 7 qubits (Ising zz, a sigma_x drive switched by a step, amplitude
    /// damping and dephasing): the Arnoldi propagator on the matrix form against DOP853 on the assembled generator.
    /// </summary>
    [Fact]
    public void Driven_interacting_chain_matches_runge_kutta_on_the_assembled_generator()
    {
        const int n = 7;
        var zz = new PauliSum(n);
        for (var i = 0; i + 1 < n; i++) zz.Add(0.4, (i, 'Z'), (i + 1, 'Z'));
        var h0 = Operators.SumOverCells(0.5 * (Pauli.I + Pauli.Z), n);
        var hamiltonian = new Hamiltonian(h0 + zz.ToOperator())
            .WithDrive(Operators.SumOverCells(Pauli.X, n), TimeFunction.Step(on: 0.5, amplitude: 0.8, off: 2.5));
        var c = Enumerable.Range(0, n).Select(i => Operators.Embed(Math.Sqrt(0.05) * Pauli.Minus, i, n))
            .Concat(Enumerable.Range(0, n).Select(i => Operators.Embed(Math.Sqrt(0.02) * Pauli.Z, i, n))).ToArray();
        var ground = Ket.Basis(Dims.Uniform(2, n), [.. Enumerable.Repeat(1, n)]);
        var times = Grid(3, 31);
        var observables = new[] { new Observable("H0", h0), new Observable("X0", Operators.Embed(Pauli.X, 0, n)) };
        var krylov = new LindbladSolver(hamiltonian, c, new EvolutionOptions { Method = "krylov" }).Run(ground, times, observables);
        var rk = new LindbladSolver(hamiltonian, c, new EvolutionOptions { Method = "dop853", AbsoluteTolerance = 1e-12, RelativeTolerance = 1e-12 }).Run(ground, times, observables);
        Assert.True(krylov.Expectation("H0").Max() > 0.5, "the drive charges the chain");
        foreach (var name in new[] { "H0", "X0" })
        {
            var a = krylov.Expectation(name);
            var b = rk.Expectation(name);
            for (var k = 0; k < times.Length; k++) Assert.True(Math.Abs(a[k] - b[k]) < 1e-8, $"{name} at t = {times[k]}: {a[k]} vs {b[k]}");
        }
        Assert.True(Math.Abs(krylov.FinalState.ToMatrix().Trace().Real - 1) < 1e-10);
    }
    /// <summary>
    /// A solver's runs share one Arnoldi basis (<see cref="BufferSlot"/>): the second run of the same solver starts from the basis
    /// the first left behind, with its old contents, and must give the same numbers bit for bit, and the closed form.
    /// </summary>
    [Fact]
    public void Second_run_of_a_solver_reuses_the_basis_and_repeats_its_numbers()
    {
        const int n = 7;
        double w = 1.3, gamma = 0.2;
        var h = Operators.SumOverCells(0.5 * w * Pauli.Z, n);
        var c = Enumerable.Range(0, n).Select(i => Operators.Embed(Math.Sqrt(gamma) * Pauli.Minus, i, n)).ToArray();
        var plus = new Ket([1 / Math.Sqrt(2), 1 / Math.Sqrt(2)]);
        var psi = Ket.Tensor([.. Enumerable.Repeat(plus, n)]);
        Observable[] observables = [new Observable("X", Operators.SumOverCells(Pauli.X, n))];
        var solver = new LindbladSolver(h, c, new EvolutionOptions { Method = "krylov" });
        var first = solver.Run(psi, Grid(6, 31), observables);
        // a different problem on the same solver in between: a shorter window from a mixed state
        solver.Run(DensityMatrix.MaximallyMixed(Dims.Uniform(2, n)), Grid(0.7, 5), observables);
        var again = solver.Run(psi, Grid(6, 31), observables);
        Assert.Equal(first.Expectation("X"), again.Expectation("X"));
        var times = Grid(6, 31);
        for (var k = 0; k < times.Length; k++)
            Assert.True(Math.Abs(again.Expectation("X")[k] - n * Math.Exp(-gamma * times[k] / 2) * Math.Cos(w * times[k])) < 1e-9, $"X at t = {times[k]}");
    }

    /// <summary>The slot hands its array to one taker, only when it is long enough, and holds the latest put.</summary>
    [Fact]
    public void Buffer_slot_hands_one_array_to_one_taker()
    {
        var slot = new BufferSlot();
        Assert.Null(slot.Take(1));
        var a = new double[10];
        slot.Put(a);
        Assert.Null(slot.Take(11));
        Assert.Null(slot.Take(1));
        slot.Put(a);
        Assert.Same(a, slot.Take(10));
        Assert.Null(slot.Take(1));
        var b = new double[20];
        slot.Put(a);
        slot.Put(b);
        Assert.Same(b, slot.Take(5));
    }

    /// <summary>
    /// The final positivity check reports the smallest eigenvalue of rho(t): for n qubits damped from |+&gt;^n (H = sum (w/2) sigma_z)
    /// the state is a product of qubits with p_1 = e^(-gamma t)/2 and |rho_01| = e^(-gamma t/2)/2, so the closed form is
    /// lambda_-^n with lambda_- = 1/2 - sqrt((1/2 - p_1)^2 + |rho_01|^2). Below and above the matrix form's D = 128.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Final_positivity_check_finds_the_smallest_eigenvalue(int n)
    {
        double w = 1.3, gamma = 0.2, t1 = 1.5;
        var h = Operators.SumOverCells(0.5 * w * Pauli.Z, n);
        var c = Enumerable.Range(0, n).Select(i => Operators.Embed(Math.Sqrt(gamma) * Pauli.Minus, i, n)).ToArray();
        var plus = new Ket([1 / Math.Sqrt(2), 1 / Math.Sqrt(2)]);
        var psi = Ket.Tensor([.. Enumerable.Repeat(plus, n)]);
        var traj = new LindbladSolver(h, c, new EvolutionOptions { Method = "krylov" }).Run(psi, [0, t1]);
        var p1 = 0.5 * Math.Exp(-gamma * t1);
        var coherence = 0.5 * Math.Exp(-gamma * t1 / 2);
        var lambda = 0.5 - Math.Sqrt((0.5 - p1) * (0.5 - p1) + coherence * coherence);
        var expected = Math.Pow(lambda, n);
        Assert.True(Math.Abs(traj.Statistics.MinEigenvalue - expected) < 1e-10, $"{traj.Statistics.MinEigenvalue} vs {expected}");
    }
}
