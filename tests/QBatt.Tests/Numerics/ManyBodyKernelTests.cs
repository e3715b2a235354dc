using System.Numerics;
using QBatt.Dynamics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Tests.Numerics;

/// <summary>
/// Kernels added for the many-body batteries: the commutator map against dense products, the two-pass
/// Lanczos ground state against a dense eigendecomposition, and the Lanczos step control on a spectrum
/// whose error estimate revives (a large spin under J_x) against the closed-form rotation.
/// </summary>
public class ManyBodyKernelTests
{
    [Fact]
    public void Commutator_map_matches_dense_products()
    {
        var rng = new RandomMatrices(8);
        var a = rng.Hermitian(9);
        var b = rng.Hermitian(9);
        var factor = new Complex(0, 1);
        var map = new CommutatorMap(LinearMap.From(a), LinearMap.From(b), factor);
        var expected = (a * b - b * a) * factor;
        var x = rng.UnitVector(9);
        var y = new Complex[9];
        map.Apply(x, y);
        var e = expected.Multiply(x);
        for (var i = 0; i < 9; i++) Assert.True((y[i] - e[i]).Magnitude < 1e-12);
        var z = rng.UnitVector(9);
        var z0 = (Complex[])z.Clone();
        map.ApplyAdd(new Complex(2, -1), x, z);
        for (var i = 0; i < 9; i++) Assert.True((z[i] - z0[i] - new Complex(2, -1) * e[i]).Magnitude < 1e-12);
        Assert.Throws<DimensionMismatchException>(() => new CommutatorMap(LinearMap.From(a), LinearMap.From(rng.Hermitian(4)), 1));
    }

    [Theory]
    [InlineData(60, 1)]
    [InlineData(300, 2)]
    public void Lanczos_ground_state_matches_dense_eigendecomposition(int n, int seed)
    {
        // a sparse random Hermitian matrix (a random-field chain of n sites with hoppings), dense oracle
        var rng = new RandomMatrices(seed);
        var rows = new List<int>();
        var cols = new List<int>();
        var vals = new List<Complex>();
        for (var i = 0; i < n; i++)
        {
            rows.Add(i); cols.Add(i); vals.Add(3 * rng.Normal());
            var j = (i + 1 + (i * 7) % 5) % n;
            if (j == i) continue;
            var v = new Complex(rng.Normal(), rng.Normal());
            rows.Add(i); cols.Add(j); vals.Add(v);
            rows.Add(j); cols.Add(i); vals.Add(Complex.Conjugate(v));
        }
        var csr = CsrMatrix.FromTriplets(n, n, [.. rows], [.. cols], [.. vals]);
        var eig = MatrixFunctions.Eigh(csr.ToDense());
        var (value, vector, residual) = LanczosGroundState.Compute(LinearMap.From(csr), tolerance: 1e-10);
        Assert.Equal(eig.Values[0], value, 9);
        Assert.True(residual <= 1e-10 * Math.Max(1, Math.Abs(value)));
        var overlap = VectorOps.Dot(eig.Vectors.Column(0), vector).Magnitude;
        Assert.True(Math.Abs(overlap - 1) < 1e-8, $"overlap {overlap}");
    }

    /// <summary>
    /// H = 2 J_x for j = 100 from |j, -j&gt;: the state rotates about x and &lt;J_z&gt;(t) = -j cos 2t exactly.
    /// The equally spaced spectrum makes the Lanczos error estimate oscillate in the step length; a step
    /// control that samples it at a few points accepted steps at its revivals and returned a wrong state.
    /// </summary>
    [Fact]
    public void Lanczos_propagator_on_an_equally_spaced_spectrum_matches_the_rotation()
    {
        const double j = 100;
        var h = 2 * Spin.Jx(j);
        var psi = Ket.Basis(201, 200);
        var times = Enumerable.Range(0, 201).Select(k => 3.0 * k / 200).ToArray();
        var traj = new SchrodingerSolver(h, new EvolutionOptions { Method = Integrators.Krylov }).Run(psi, times, [new Observable("Jz", Spin.Jz(j))]);
        var jz = traj.Expectation("Jz");
        for (var k = 0; k < times.Length; k++)
            Assert.True(Math.Abs(jz[k] + j * Math.Cos(2 * times[k])) < 1e-7 * j, $"t = {times[k]}: {jz[k]} vs {-j * Math.Cos(2 * times[k])}");
    }
}
