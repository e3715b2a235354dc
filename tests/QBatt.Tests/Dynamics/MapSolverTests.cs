using QBatt.Dynamics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Tests.Dynamics;

/// <summary>
/// The matrix-free Schrödinger solver against the operator solver on the same Hamiltonian (CSR built by
/// PauliSum), by Krylov and by the exact method; and its input checks.
/// </summary>
public class MapSolverTests
{
    private static XxzMap Chain(int n, double omega, double b) =>
        new(n, [.. Enumerable.Repeat(b, n)], [.. Enumerable.Repeat(omega, n)],
            [.. Enumerable.Range(0, n - 1).Select(i => new XxzCoupling(i, i + 1, -0.3, 0.2))]);

    [Theory]
    [InlineData("auto")]
    [InlineData("krylov")]
    [InlineData("exact")]
    public void Matches_the_operator_solver(string method)
    {
        const int n = 7;
        var h = Chain(n, 0.8, 0.4);
        var a = new XxzMap(n, [.. Enumerable.Repeat(1.0, n)], null, []);
        var psi = new Ket(new RandomMatrices(4).UnitVector(1 << n), Dims.Uniform(2, n));
        var times = Enumerable.Range(0, 41).Select(k => 0.1 * k).ToArray();
        var options = new EvolutionOptions { Method = method };
        var mine = new SchrodingerMapSolver(h, Dims.Uniform(2, n), options, h.NormBound).Run(psi, times, [new MapObservable("A", a)]);
        var oracle = new SchrodingerSolver(h.ToOperator(), options with { Method = "exact" }).Run(psi, times, [new Observable("A", a.ToOperator())]);
        var x = mine.Expectation("A");
        var y = oracle.Expectation("A");
        for (var k = 0; k < times.Length; k++) Assert.True(Math.Abs(x[k] - y[k]) < 1e-8, $"t = {times[k]}: {x[k]} vs {y[k]}");
        var f = mine.FinalState.Amplitudes;
        var g = oracle.FinalState.Amplitudes;
        for (var i = 0; i < f.Length; i++) Assert.True((f[i] - g[i]).Magnitude < 1e-8);
    }

    [Fact]
    public void Estimated_norm_and_callbacks_work_without_a_bound()
    {
        var h = Chain(5, 1, 0);
        var calls = 0;
        var traj = new SchrodingerMapSolver(h, Dims.Uniform(2, 5)).Run(Ket.Basis(Dims.Uniform(2, 5), 1, 1, 1, 1, 1), [0, 0.5, 1], null, (i, t, s) => calls++);
        Assert.Equal(3, calls);
        Assert.Equal(1, VectorOps.Norm(traj.FinalState.Amplitudes), 10);
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        var h = Chain(4, 1, 1);
        var dims = Dims.Uniform(2, 4);
        Assert.Throws<DimensionMismatchException>(() => new SchrodingerMapSolver(h, Dims.Uniform(2, 3)));
        Assert.Throws<ValidationException>(() => new SchrodingerMapSolver(h, dims, normBound: double.NaN));
        // i times a Hermitian map is anti-Hermitian: refused
        var anti = new CommutatorMap(h, new XxzMap(4, null, [1, 0, 0, 0], []), 1);
        Assert.Throws<ValidationException>(() => new SchrodingerMapSolver(anti, dims));
        var solver = new SchrodingerMapSolver(h, dims);
        Assert.Throws<DimensionMismatchException>(() => solver.Run(Ket.Basis(8, 0), [0, 1]));
        Assert.Throws<ValidationException>(() => solver.Run(Ket.Basis(dims, 0, 0, 0, 0), [0, 1], [new MapObservable("a", h), new MapObservable("a", h)]));
        Assert.Throws<DimensionMismatchException>(() => solver.Run(Ket.Basis(dims, 0, 0, 0, 0), [0, 1], [new MapObservable("a", Chain(3, 1, 1))]));
        Assert.Throws<ValidationException>(() => solver.Run(Ket.Basis(dims, 0, 0, 0, 0), [1, 0]));
    }
}
