namespace QBatt.Tests.Cli;

/// <summary>CLI of the ergotropy family (R18): the capacity keys of <c>qbatt ergotropy</c>, closed forms written here.</summary>
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
}
