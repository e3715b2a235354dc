using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Tests.Thermodynamics;

/// <summary>Test states and brute-force oracles of the R18 two-party measures (independent of the library's optimisers).</summary>
internal static class TwoPartyStates
{
    /// <summary>Bell-diagonal rho = (1/4)(1 + sum_i c_i sigma_i (x) sigma_i).</summary>
    public static DensityMatrix BellDiagonal(double c1, double c2, double c3)
    {
        var m = Operator.Identity(new Dims(2, 2)).ToDense();
        m = m.AddScaled(c1, Operator.Tensor(Pauli.X, Pauli.X).ToDense());
        m = m.AddScaled(c2, Operator.Tensor(Pauli.Y, Pauli.Y).ToDense());
        m = m.AddScaled(c3, Operator.Tensor(Pauli.Z, Pauli.Z).ToDense());
        return new DensityMatrix(m * 0.25, new Dims(2, 2));
    }

    /// <summary>A random full-rank state G G^dag / tr on dims.</summary>
    public static DensityMatrix Random(RandomMatrices rng, Dims dims, int rank = 0)
    {
        var n = dims.Total;
        var g = rng.Ginibre(n, rank > 0 ? rank : n);
        var m = ComplexMatrix.Product(g, Op.None, g, Op.Adjoint);
        m *= 1 / m.Trace().Real;
        for (var j = 0; j < n; j++)
        {
            m[j, j] = m[j, j].Real;
            for (var i = j + 1; i < n; i++) m[j, i] = Complex.Conjugate(m[i, j]);
        }
        return new DensityMatrix(m, dims);
    }

    /// <summary>
    /// Brute force over a theta-phi grid of projective measurements of a qubit ancilla: for each direction,
    /// sum_(+-) p W(rho_A|+-) from the projectors (1 (x) P) and the library's plain ergotropy of each conditional state.
    /// </summary>
    public static double DaemonicGrid(DensityMatrix rho, Operator hA, int steps)
    {
        var best = double.NegativeInfinity;
        for (var i = 0; i <= steps; i++)
        {
            var theta = Math.PI * i / steps;
            for (var j = 0; j < 2 * steps; j++)
            {
                var phi = Math.PI * j / steps;
                var n = (Math.Sin(theta) * Math.Cos(phi), Math.Sin(theta) * Math.Sin(phi), Math.Cos(theta));
                double total = 0;
                foreach (var sign in new[] { 1.0, -1.0 })
                {
                    var p = (Pauli.I + sign * (n.Item1 * Pauli.X + n.Item2 * Pauli.Y + n.Item3 * Pauli.Z)) * 0.5;
                    var proj = Operator.Tensor(Pauli.I, p).ToDense();
                    var m = ComplexMatrix.Product(proj, Op.None, rho.ToMatrix(), Op.None);
                    m = ComplexMatrix.Product(m, Op.None, proj, Op.None);
                    var prob = m.Trace().Real;
                    if (prob < 1e-14) continue;
                    var cond = new DensityMatrix(m * (1 / prob), rho.Dims, new ValidationTolerances(1e-9, 1e-9, 1e-9)).PartialTraceKeep(0);
                    total += prob * QBatt.Thermodynamics.Ergotropy.Compute(cond, hA).Value;
                }
                best = Math.Max(best, total);
            }
        }
        return best;
    }

    /// <summary>SU(2) element Rz(a) Ry(b) Rz(c).</summary>
    public static ComplexMatrix Euler(double a, double b, double c)
    {
        var u = new ComplexMatrix(2, 2);
        u[0, 0] = Complex.FromPolarCoordinates(Math.Cos(b / 2), -(a + c) / 2);
        u[0, 1] = -Complex.FromPolarCoordinates(Math.Sin(b / 2), -(a - c) / 2);
        u[1, 0] = Complex.FromPolarCoordinates(Math.Sin(b / 2), (a - c) / 2);
        u[1, 1] = Complex.FromPolarCoordinates(Math.Cos(b / 2), (a + c) / 2);
        return u;
    }

    /// <summary>Brute force: max over an Euler-angle grid of tr[rho H] - tr[(U (x) 1) rho (U (x) 1)^dag H] on the first qubit of two.</summary>
    public static double LocalGrid(DensityMatrix rho, Operator h, int steps)
    {
        var e0 = h.Expectation(rho).Real;
        var best = double.NegativeInfinity;
        for (var i = 0; i < 2 * steps; i++)
            for (var j = 0; j <= steps; j++)
                for (var k = 0; k < 2 * steps; k++)
                {
                    var u = Euler(Math.PI * i / steps, Math.PI * j / steps, Math.PI * k / steps);
                    var full = ComplexMatrix.Kron(u, ComplexMatrix.Identity(2));
                    var turned = ComplexMatrix.Product(ComplexMatrix.Product(full, Op.None, rho.ToMatrix(), Op.None), Op.None, full, Op.Adjoint);
                    var e = Complex.Zero;
                    var hd = h.ToDense();
                    for (var a = 0; a < 4; a++)
                        for (var b = 0; b < 4; b++) e += hd[a, b] * turned[b, a];
                    best = Math.Max(best, e0 - e.Real);
                }
        return best;
    }
}
