using QBatt.IO;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Tests.Cli;

/// <summary>CLI of the ergotropy family (R18): capacity keys of <c>qbatt ergotropy</c>, <c>daemonic</c>, <c>local-ergotropy</c>; closed forms written here.</summary>
public class ErgotropyFamilyCliTests
{
    [Fact]
    public void Ergotropy_reports_capacity_and_antiergotropy()
    {
        // populations (0.2, 0.3, 0.5) on levels 0, 1, 2: E = 1.3, E_min = 0.5*0 + 0.3*1 + 0.2*2 = 0.7,
        // E_max = 0.2*0 + 0.3*1 + 0.5*2 = 1.3, so C = 0.6, W = 0.6 and the antiergotropy is 0
        var r = CliRunner.Json(CliRunner.Run("ergotropy", "--energies", "0,1,2", "--populations", "0.2,0.3,0.5", "--json"));
        Assert.InRange((double)r["capacity"]! - 0.6, -1e-14, 1e-14);
        Assert.InRange((double)r["antiergotropy"]!, -1e-14, 1e-14);
        Assert.InRange((double)r["active_energy"]! - 1.3, -1e-14, 1e-14);
        Assert.Equal((double)r["entropy_bound"]!, (double)r["asymptotic_ergotropy"]!);
    }

    private static string Write(string dir, string name, ComplexMatrix m)
    {
        var path = Path.Combine(dir, name);
        Npy.Write(path, m);
        return path;
    }

    private static ComplexMatrix BellDiagonal(double c1, double c2, double c3)
    {
        var m = Operator.Identity(new Dims(2, 2)).ToDense();
        m = m.AddScaled(c1, Operator.Tensor(Pauli.X, Pauli.X).ToDense());
        m = m.AddScaled(c2, Operator.Tensor(Pauli.Y, Pauli.Y).ToDense());
        m = m.AddScaled(c3, Operator.Tensor(Pauli.Z, Pauli.Z).ToDense());
        return m * 0.25;
    }

    [Fact]
    public void Daemonic_of_a_Bell_diagonal_pair_is_half_the_largest_correlation()
    {
        var dir = Directory.CreateTempSubdirectory("qbatt-cli-daemonic").FullName;
        try
        {
            var rho = Write(dir, "rho.npy", BellDiagonal(0.2, -0.6, 0.1));
            var h = Write(dir, "h.npy", ComplexMatrix.Diagonal([0.0, 1.0]));
            var r = CliRunner.Json(CliRunner.Run("daemonic", "--state", rho, "--hamiltonian", h, "--dims", "2,2", "--json"));
            Assert.InRange((double)r["daemonic_ergotropy"]! - 0.3, -1e-9, 1e-9);
            Assert.InRange((double)r["gain"]! - 0.3, -1e-9, 1e-9);
            Assert.Equal(2, r["measurement"]!.AsArray().Count);

            CliRunner.AssertBadInput(CliRunner.Run("daemonic", "--state", rho, "--hamiltonian", h, "--dims", "2,3"), "--dims: expected dA * dB = 4");
            CliRunner.AssertBadInput(CliRunner.Run("daemonic", "--state", rho, "--hamiltonian", h, "--dims", "2,x"), "--dims: expected comma-separated dimensions >= 1");
            CliRunner.AssertBadInput(CliRunner.Run("daemonic", "--state", rho, "--hamiltonian", h, "--dims", "4"), "--dims: expected 2 dimensions, got 1");
            var big = Write(dir, "h3.npy", ComplexMatrix.Diagonal([0.0, 1.0, 2.0]));
            CliRunner.AssertBadInput(CliRunner.Run("daemonic", "--state", rho, "--hamiltonian", big, "--dims", "2,2"), "--hamiltonian: expected a 2x2 matrix");
            var unnormalised = Write(dir, "rho2.npy", BellDiagonal(0, 0, 0) * 2);
            CliRunner.AssertBadInput(CliRunner.Run("daemonic", "--state", unnormalised, "--hamiltonian", h, "--dims", "2,2"), "--state: expected a state of unit trace");
            CliRunner.AssertBadInput(CliRunner.Run("daemonic", "--state", rho, "--hamiltonian", h, "--dims", "2,2", "--starts", "0"), "--starts: expected an integer >= 1");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Local_ergotropy_of_uncoupled_qubits_is_the_marginal_ergotropy()
    {
        // H = Z (x) 1 + 1 (x) Z (Z|0> = |0>: |0> is the excited level), rho = |0><0| (x) 1/2: the first qubit excited gives
        // W_A = 2; the global ergotropy is 1 - (0.5 (-2) + 0.5 * 0) = 2 as well, and the second (maximally mixed) qubit gives 0
        var dir = Directory.CreateTempSubdirectory("qbatt-cli-local").FullName;
        try
        {
            var h = (Operator.Tensor(Pauli.Z, Pauli.I) + Operator.Tensor(Pauli.I, Pauli.Z)).ToDense();
            var rhoM = ComplexMatrix.Diagonal([0.5, 0.5, 0.0, 0.0]);
            var hPath = Write(dir, "h.npy", h);
            var rho = Write(dir, "rho.npy", rhoM);
            var r = CliRunner.Json(CliRunner.Run("local-ergotropy", "--state", rho, "--hamiltonian", hPath, "--dims", "2,2", "--json"));
            Assert.InRange((double)r["local_ergotropy"]! - 2, -1e-12, 1e-12);
            Assert.InRange((double)r["global_ergotropy"]! - 2, -1e-12, 1e-12);
            Assert.True((bool)r["closed_form"]!);
            var second = CliRunner.Json(CliRunner.Run("local-ergotropy", "--state", rho, "--hamiltonian", hPath, "--dims", "2,2", "--subsystem", "1", "--json"));
            Assert.InRange((double)second["local_ergotropy"]!, -1e-12, 1e-12);

            CliRunner.AssertBadInput(CliRunner.Run("local-ergotropy", "--state", rho, "--hamiltonian", hPath, "--dims", "2,2", "--subsystem", "2"), "--subsystem: expected an index in 0..1");
            CliRunner.AssertBadInput(CliRunner.Run("local-ergotropy", "--state", rho, "--hamiltonian", hPath, "--dims", "3,2"), "--dims: expected dimensions multiplying to 4");
            var notHermitian = h.Clone();
            notHermitian[0, 1] = 1;
            var bad = Write(dir, "bad.npy", notHermitian);
            CliRunner.AssertBadInput(CliRunner.Run("local-ergotropy", "--state", rho, "--hamiltonian", bad, "--dims", "2,2"), "--hamiltonian: expected a Hermitian matrix");
            var negative = Write(dir, "neg.npy", ComplexMatrix.Diagonal([1.2, -0.2, 0.0, 0.0]));
            CliRunner.AssertBadInput(CliRunner.Run("local-ergotropy", "--state", negative, "--hamiltonian", hPath, "--dims", "2,2"), "--state: expected");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
