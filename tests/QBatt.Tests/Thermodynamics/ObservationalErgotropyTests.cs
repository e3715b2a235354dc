using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Tests.Cli;
using QBatt.Thermodynamics;

namespace QBatt.Tests.Thermodynamics;

/// <summary>
/// Observational ergotropy (R18) against closed forms and brute force written here: a qubit of Bloch vector r measured along n
/// (H0 = omega |1&gt;&lt;1|) has rho_X of Bloch vector (r.n) n, so W_X = omega (|r.n| - r_z)/2; the eigenbasis of rho gives the
/// ergotropy; the energy basis, fine-grained, the dephased populations sorted against the energies; one outcome tr(rho H0) - tr(H0)/d;
/// merging outcomes never raises it (random states and bases, FsCheck).
/// </summary>
public class ObservationalErgotropyTests
{
    private static DensityMatrix Qubit(double x, double y, double z)
    {
        var m = new ComplexMatrix(2, 2);
        m[0, 0] = (1 + z) / 2;
        m[1, 1] = (1 - z) / 2;
        m[0, 1] = new Complex(x, -y) / 2;
        m[1, 0] = new Complex(x, y) / 2;
        return new DensityMatrix(m);
    }

    [Theory]
    [InlineData(0.3, -0.2, 0.5, 0.4, 1.1)]
    [InlineData(0.6, 0.1, -0.7, 2.0, 0.3)]
    public void A_qubit_measured_along_n_gives_omega_times_abs_r_dot_n_minus_r_z_over_2(double x, double y, double z, double theta, double phi)
    {
        const double omega = 1.7;
        // the measured basis: |n> = (cos(theta/2), e^(i phi) sin(theta/2)) and its orthogonal complement
        var u = new ComplexMatrix(2, 2);
        u[0, 0] = Math.Cos(theta / 2);
        u[1, 0] = Complex.FromPolarCoordinates(Math.Sin(theta / 2), phi);
        u[0, 1] = -Complex.Conjugate(u[1, 0]);
        u[1, 1] = Math.Cos(theta / 2);
        double[] n = [Math.Sin(theta) * Math.Cos(phi), Math.Sin(theta) * Math.Sin(phi), Math.Cos(theta)];
        var rn = x * n[0] + y * n[1] + z * n[2];
        var r = ObservationalErgotropy.Compute(Qubit(x, y, z), Qudit.Hamiltonian([0, omega]), u, [1, 1]);
        Assert.Equal(omega * (Math.Abs(rn) - z) / 2, r.Value, 12);
        Assert.Equal((1 + rn) / 2, r.Probabilities[0], 12);
    }

    [Fact]
    public void The_eigenbasis_of_rho_gives_the_ergotropy_and_the_energy_basis_the_incoherent_part()
    {
        var rng = new RandomMatrices(4);
        var rho = new DensityMatrix(rng.DensityMatrix(4, 4));
        var h = Operator.Diagonal([0, 0.4, 1.1, 2.5]);
        var w = Ergotropy.Compute(rho, h);
        var eig = MatrixFunctions.Eigh(rho.ToMatrix());
        Assert.Equal(w.Value, ObservationalErgotropy.Compute(rho, h, eig.Vectors, [1, 1, 1, 1]).Value, 10);
        // fine-grained energy measurement: the dephased populations, sorted, against the energies (by hand)
        var m = rho.ToMatrix();
        var pops = Enumerable.Range(0, 4).Select(i => m[i, i].Real).OrderByDescending(p => p).ToArray();
        double[] e = [0, 0.4, 1.1, 2.5];
        var incoherent = Enumerable.Range(0, 4).Sum(i => m[i, i].Real * e[i]) - pops.Zip(e, (p, x) => p * x).Sum();
        Assert.Equal(incoherent, ObservationalErgotropy.Compute(rho, h, ComplexMatrix.Identity(4), [1, 1, 1, 1]).Value, 12);
        Assert.Equal(w.IncoherentValue, incoherent, 10);
        // one outcome: nothing is learnt, W_X = tr(rho H0) - tr(H0)/d, negative for this state
        var none = ObservationalErgotropy.Compute(rho, h, ComplexMatrix.Identity(4), [4]);
        Assert.Equal(h.Expectation(rho).Real - e.Average(), none.Value, 12);
        Assert.Equal(Math.Log(4), none.ObservationalEntropy, 12);
    }

    [Fact]
    public void Merging_outcomes_never_raises_it_and_it_stays_below_the_ergotropy()
    {
        Properties.Verify(Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var rng = new RandomMatrices(seed);
            var rho = new DensityMatrix(rng.DensityMatrix(4, 1 + seed % 4));
            var h = Operator.FromDense(rng.Hermitian(4));
            var u = MatrixFunctions.Eigh(rng.Hermitian(4)).Vectors;
            var fine = ObservationalErgotropy.Compute(rho, h, u, [1, 1, 1, 1]).Value;
            var coarse = ObservationalErgotropy.Compute(rho, h, u, [2, 1, 1]).Value;
            var coarser = ObservationalErgotropy.Compute(rho, h, u, [3, 1]).Value;
            var w = Ergotropy.Compute(rho, h).Value;
            return coarser <= coarse + 1e-12 && coarse <= fine + 1e-12 && fine <= w + 1e-12;
        }), cases: 200, seed: 115);
    }

    [Fact]
    public void The_command_reports_it_and_refuses_a_basis_that_is_not_unitary()
    {
        var dir = Directory.CreateTempSubdirectory("qbatt-obs").FullName;
        try
        {
            var basis = Path.Combine(dir, "u.json");
            File.WriteAllText(basis, "[[0.7071067811865476, 0.7071067811865476], [0.7071067811865476, -0.7071067811865476]]");
            // populations 0.3, 0.7 on levels 0, 1 with coherence 0.2: r = (0.4, 0, -0.4); along x: W_X = (0.4 + 0.4)/2
            var state = Path.Combine(dir, "rho.json");
            File.WriteAllText(state, "[[0.3, 0.2], [0.2, 0.7]]");
            var h = Path.Combine(dir, "h.json");
            File.WriteAllText(h, "[[0, 0], [0, 1]]");
            var r = CliRunner.Run("ergotropy", "--state", state, "--hamiltonian", h, "--measurement", basis, "--json");
            Assert.True(r.Code == 0, r.Err);
            Assert.Equal(0.4, (double)System.Text.Json.Nodes.JsonNode.Parse(r.Out)!["observational_ergotropy"]!, 12);
            File.WriteAllText(basis, "[[1, 1], [0, 1]]");
            CliRunner.AssertRefused($"ergotropy --state {state} --hamiltonian {h} --measurement {basis}", "--measurement");
            CliRunner.AssertRefused($"ergotropy --state {state} --hamiltonian {h} --groups 1,1", "--groups");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
