using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Thermodynamics;

/// <summary>
/// Daemonic ergotropy (R18; Francica, Goold, Plastina, Paternostro, npj Quantum Inf. 3, 12 (2017) [Fra17];
/// generalised measurements: Bernards, Kleinmann, Gühne, Paternostro, Entropy 21, 771 (2019) [Ber19]).
/// A battery A is correlated with an ancilla B; B is measured with elements M_k, the outcome k is read,
/// and the extraction unitary on A is chosen for the conditional state rho_A|k = tr_B[(1 (x) M_k) rho_AB] / p_k:
/// E_D = max over {M_k} of sum_k p_k W(rho_A|k). With unnormalised conditional states rho~_k,
/// sum_k p_k W(rho_A|k) = tr[rho_A H_A] - sum_k P(rho~_k), P the passive energy sum_j r_j e_j, so the
/// optimum minimises the sum of passive energies. P is concave in rho~, hence E_D &gt;= W(rho_A) for every
/// measurement and rank-one elements suffice; the optimum over POVMs is reached with at most d_B^2 of them.
/// Rank-one projective measurements are the bases of B (the Bloch sphere for a qubit ancilla); a POVM is
/// a projective measurement on B and a d_B-level probe in |0&gt; (Naimark), so one descent over U(d_B) or
/// U(d_B^2) covers both, from several starts, with the supergradient of P: dP/d rho~ = sum_j e_j |phi_j&gt;&lt;phi_j|
/// (phi_j the eigenvector of rho~ carrying its j-th largest eigenvalue).
/// </summary>
public static class DaemonicErgotropy
{
    private const string Op = "DaemonicErgotropy.Compute";

    /// <summary>
    /// The daemonic ergotropy of A (dimension <paramref name="dA"/>, Hamiltonian <paramref name="hA"/>) in
    /// rho_AB, B of dimension <paramref name="dB"/> (basis index a d_B + b, A first).
    /// </summary>
    /// <exception cref="DimensionMismatchException">The dimensions disagree.</exception>
    /// <exception cref="ValidationException">H_A not Hermitian, or an option out of range.</exception>
    public static DaemonicErgotropyResult Compute(DensityMatrix rhoAB, Operator hA, int dA, int dB, DaemonicOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rhoAB);
        ArgumentNullException.ThrowIfNull(hA);
        var o = options ?? DaemonicOptions.Default;
        if (o.Starts < 1) throw new ValidationException(Op, "Starts", "at least 1 start", $"{o.Starts}");
        if (o.MaxIterations < 0) throw new ValidationException(Op, "MaxIterations", "a non-negative count", $"{o.MaxIterations}");
        if (!(o.GradientTolerance > 0) || !double.IsFinite(o.GradientTolerance))
            throw new ValidationException(Op, "GradientTolerance", "a positive finite tolerance", QBattException.Num(o.GradientTolerance));
        if (dA < 1) throw new ValidationException(Op, "dA", "a dimension >= 1", $"{dA}");
        if (dB < 1) throw new ValidationException(Op, "dB", "a dimension >= 1", $"{dB}");
        if ((long)dA * dB != rhoAB.Dimension)
            throw new DimensionMismatchException(Op, "dims", $"dA * dB = {rhoAB.Dimension} (the state's dimension)", $"{dA} * {dB} = {(long)dA * dB}");
        if (hA.Dimension != dA)
            throw new DimensionMismatchException(Op, "hA", $"a {dA}x{dA} Hamiltonian (the battery's dimension)", $"{hA.Dimension}x{hA.Dimension}");
        var e = EnergyBasis.Of(hA, 0, Op).Energies;
        var problem = new Problem(rhoAB.ToMatrix(), hA.ToDense(), e, dA, dB, o.Generalised ? dB : 1);
        var scale = 1 + e.Max(Math.Abs);

        var rhoA = problem.ReducedA();
        var energy = Trace(problem.H, rhoA);
        var ergotropy = energy - PassiveEnergy(rhoA, e).Value;

        var starts = StartingPoints(problem, o);
        UnitaryDescent.Outcome? best = null;
        var values = new List<double>();
        foreach (var s in starts)
        {
            var r = UnitaryDescent.Minimise(problem.Evaluate, s, o.MaxIterations, o.GradientTolerance * scale);
            values.Add(r.Value);
            if (best is null || r.Value < best.Value.Value) best = r;
        }
        var b = best!.Value;
        var agreeing = values.Count(v => v <= b.Value + 1e-9 * scale);
        var outcomes = problem.Outcomes(b.V);
        var value = energy - b.Value;
        return new DaemonicErgotropyResult(value, ergotropy, value - ergotropy, energy, energy - e[0], outcomes, o.Generalised, b.GradientNorm, agreeing);
    }

    /// <summary>For a qubit ancilla measured projectively, the best directions of a Fibonacci grid on the Bloch sphere; otherwise the computational basis and Haar-random bases.</summary>
    private static List<ComplexMatrix> StartingPoints(Problem p, DaemonicOptions o)
    {
        var n = p.DB * p.Dilation;
        var list = new List<ComplexMatrix>();
        if (p.DB == 2 && p.Dilation == 1)
        {
            const int grid = 400;
            var scored = new List<(double F, ComplexMatrix V)>();
            var golden = Math.PI * (3 - Math.Sqrt(5));
            for (var i = 0; i < grid; i++)
            {
                var z = 1 - (2 * i + 1.0) / grid;
                var v = BlochBasis(Math.Acos(z), golden * i);
                scored.Add((p.Evaluate(v).Value, v));
            }
            list.AddRange(scored.OrderBy(t => t.F).Take(o.Starts).Select(t => t.V));
            return list;
        }
        list.Add(ComplexMatrix.Identity(n));
        var rng = new RandomMatrices(o.Seed);
        for (var i = 1; i < o.Starts; i++) list.Add(rng.HaarUnitary(n));
        return list;
    }

    /// <summary>Columns |n+&gt; and |n-&gt; for the Bloch direction (theta, phi).</summary>
    private static ComplexMatrix BlochBasis(double theta, double phi)
    {
        var v = new ComplexMatrix(2, 2);
        var c = Math.Cos(theta / 2);
        var s = Math.Sin(theta / 2);
        v[0, 0] = c;
        v[1, 0] = Complex.FromPolarCoordinates(s, phi);
        v[0, 1] = -Complex.FromPolarCoordinates(s, -phi);
        v[1, 1] = c;
        return v;
    }

    private static double Trace(ComplexMatrix h, ComplexMatrix rho)
    {
        var n = h.Rows;
        var s = Complex.Zero;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                s += h[i, j] * rho[j, i];
        return s.Real;
    }

    /// <summary>Passive energy of an unnormalised state rho~ and the supergradient sum_j e_j |phi_j&gt;&lt;phi_j|.</summary>
    internal static (double Value, ComplexMatrix Gradient) PassiveEnergy(ComplexMatrix rho, double[] e)
    {
        var d = rho.Rows;
        var eig = MatrixFunctions.Eigh(Hermitised(rho), hermitianTol: double.PositiveInfinity);
        var g = new ComplexMatrix(d, d);
        var sum = new CompensatedSum();
        for (var j = 0; j < d; j++)
        {
            var col = d - 1 - j; // j-th largest eigenvalue goes to the j-th lowest level
            sum.Add(eig.Values[col] * e[j]);
            var phi = eig.Vectors.Column(col);
            for (var c = 0; c < d; c++)
                for (var r = 0; r < d; r++)
                    g[r, c] += e[j] * phi[r] * Complex.Conjugate(phi[c]);
        }
        return (sum.Value, g);
    }

    private static ComplexMatrix Hermitised(ComplexMatrix m)
    {
        var n = m.Rows;
        var h = new ComplexMatrix(n, n);
        for (var j = 0; j < n; j++)
            for (var i = 0; i < n; i++)
                h[i, j] = 0.5 * (m[i, j] + Complex.Conjugate(m[j, i]));
        return h;
    }

    /// <summary>The fixed data of one optimisation; the measurement vectors are m_k[b] = V[b * Dilation, k].</summary>
    private sealed class Problem(ComplexMatrix rho, ComplexMatrix h, double[] energies, int dA, int dB, int dilation)
    {
        public ComplexMatrix H => h;
        public int DB => dB;
        public int Dilation => dilation;

        private Complex Rho(int a, int c, int a2, int b) => rho[a * dB + c, a2 * dB + b];

        public ComplexMatrix ReducedA()
        {
            var m = new ComplexMatrix(dA, dA);
            for (var a2 = 0; a2 < dA; a2++)
                for (var a = 0; a < dA; a++)
                    for (var b = 0; b < dB; b++)
                        m[a, a2] += Rho(a, b, a2, b);
            return m;
        }

        private Complex[] Vector(ComplexMatrix v, int k)
        {
            var u = new Complex[dB];
            for (var b = 0; b < dB; b++) u[b] = v[b * Dilation, k];
            return u;
        }

        /// <summary>rho~ = &lt;m|rho|m&gt;_B: rho~[a, a'] = sum_(c,b) conj(m_c) rho[(a,c),(a',b)] m_b.</summary>
        private ComplexMatrix Conditional(Complex[] u)
        {
            var m = new ComplexMatrix(dA, dA);
            for (var a2 = 0; a2 < dA; a2++)
                for (var a = 0; a < dA; a++)
                {
                    var s = Complex.Zero;
                    for (var c = 0; c < dB; c++)
                    {
                        var t = Complex.Zero;
                        for (var b = 0; b < dB; b++) t += Rho(a, c, a2, b) * u[b];
                        s += Complex.Conjugate(u[c]) * t;
                    }
                    m[a, a2] = s;
                }
            return m;
        }

        public (double Value, ComplexMatrix Gradient) Evaluate(ComplexMatrix v)
        {
            var n = DB * Dilation;
            var total = new CompensatedSum();
            var gamma = new ComplexMatrix(n, n);
            for (var k = 0; k < n; k++)
            {
                var u = Vector(v, k);
                var (pe, g) = PassiveEnergy(Conditional(u), energies);
                total.Add(pe);
                // Y[c, b] = sum_(a,a') G[a', a] rho[(a,c),(a',b)]; dP/d conj(m_c) = (Y m)_c
                for (var c = 0; c < dB; c++)
                {
                    var s = Complex.Zero;
                    for (var b = 0; b < dB; b++)
                    {
                        var y = Complex.Zero;
                        for (var a = 0; a < dA; a++)
                            for (var a2 = 0; a2 < dA; a2++)
                                y += g[a2, a] * Rho(a, c, a2, b);
                        s += y * u[b];
                    }
                    gamma[c * Dilation, k] = s;
                }
            }
            return (total.Value, gamma);
        }

        public DaemonicOutcome[] Outcomes(ComplexMatrix v)
        {
            var n = DB * Dilation;
            var list = new DaemonicOutcome[n];
            for (var k = 0; k < n; k++)
            {
                var u = Vector(v, k);
                var cond = Conditional(u);
                var p = cond.Trace().Real;
                var w = p > 0 ? (Trace(H, cond) - PassiveEnergy(cond, energies).Value) / p : 0;
                list[k] = new DaemonicOutcome(p, w, u);
            }
            return list;
        }
    }
}
