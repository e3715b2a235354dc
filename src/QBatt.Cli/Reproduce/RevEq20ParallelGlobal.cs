using System.Globalization;
using QBatt.Batteries;
using QBatt.Charging;
using QBatt.IO;
using QBatt.Thermodynamics;

namespace QBatt.Cli.Reproduce;

/// <summary>
/// Rev eqs (18)-(21) (R9): parallel and global charging of n d-level cells under ||H||_op = Emax. Every
/// time is the first arrival at |E&gt; = |d-1&gt;^(x)n on the dynamics engine; the advantage under C0 comes
/// from the fair comparison against n copies of the one-cell drive.
/// </summary>
internal sealed class RevEq20ParallelGlobal : IReproduction
{
    private const double Emax = 1;

    public string Id => "rev-eq20";

    public string Title => "Rev eqs 18-21: parallel vs global charging, T_par = n T_glob, P_glob = n P_par, Gamma_C0 = n";

    public void Run(ReproduceContext ctx)
    {
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var (d, maxN) in new[] { (2, 10), (3, 6) })
        {
            var reference = QuditArrayBattery.CellFlip(d).Run();
            double devPar = 0, devGlob = 0, devRatio = 0, devGamma = 0;
            var runs = 1;
            var violations = reference.SpeedLimit.Holds ? 0 : 1;
            for (var n = 1; n <= maxN; n++)
            {
                var par = QuditArrayBattery.Parallel(d, n, Emax / n).Run();      // a_par = Emax / n
                var glob = QuditArrayBattery.Global(d, n, Emax).Run();          // a_glob = Emax
                var fair = Advantage.Compare(glob, reference, n, ChargingConstraint.OperatorNorm);
                var ratio = glob.AveragePower / par.AveragePower;
                devPar = Math.Max(devPar, Math.Abs(par.ChargingTime - n * Math.PI / (2 * Emax)));
                devGlob = Math.Max(devGlob, Math.Abs(glob.ChargingTime - Math.PI / (2 * Emax)));
                devRatio = Math.Max(devRatio, Math.Abs(ratio - n) / n);
                devGamma = Math.Max(devGamma, Math.Abs(fair.Gamma - n) / n);
                runs += 3;
                violations += new[] { par, glob, fair.Collective }.Count(x => !x.SpeedLimit.Holds);
                rows.Add([d, n, par.ChargingTime, glob.ChargingTime, par.Work, glob.Work, par.AveragePower, glob.AveragePower, ratio,
                    par.Constraints.OperatorNorm, glob.Constraints.OperatorNorm, fair.Gamma, fair.CollectiveTime]);
            }
            var range = string.Create(CultureInfo.InvariantCulture, $"n = 1..{maxN}, d = {d}");
            ctx.Source($"T_par = n pi / (2 Emax) ({range})", "Rev eq. (20)", "n pi/2 for Emax = 1", $"max |T_par - n pi/2| = {ReproduceContext.F(devPar, "G2")}",
                "times from the evolution: first arrival at |d-1>^(x)n, both drives of operator norm Emax", Test.Equal("max |T_par - n pi/2|", devPar, 0, 1e-7));
            ctx.Source($"T_glob = pi / (2 Emax) ({range})", "Rev eq. (20)", "pi/2 for Emax = 1", $"max |T_glob - pi/2| = {ReproduceContext.F(devGlob, "G2")}", "",
                Test.Equal("max |T_glob - pi/2|", devGlob, 0, 1e-8));
            ctx.Source($"P_glob = n P_par ({range})", "Rev eqs. (15), (20)", "ratio n", $"max |P_glob/P_par - n| / n = {ReproduceContext.F(devRatio, "G2")}", "",
                Test.Equal("max |P_glob/P_par - n| / n", devRatio, 0, 1e-7));
            ctx.Source($"Gamma_C0 = n against n copies of the one-cell drive ({range})", "Rev eq. (21), PRL (R9)", "n",
                $"max |Gamma - n| / n = {ReproduceContext.F(devGamma, "G2")}", "collective Hamiltonian rescaled to saturate C0, T_coll from its own evolution",
                Test.Equal("max |Gamma - n| / n", devGamma, 0, 1e-7));
            ctx.Consistency($"T >= T_QSL on every run ({range})", "R8", "holds", $"{violations} violations in {runs} runs", "the engine's rigorous T_QSL on its own runs",
                Test.Equal("runs with T < T_QSL", violations, 0, 0));
        }
        ctx.SaveData("rev-eq20.csv", Csv.ToString(["d", "n", "t_par", "t_glob", "w_par", "w_glob", "p_par", "p_glob", "p_glob_over_p_par", "norm_par", "norm_glob", "gamma_c0", "t_coll_c0"], rows));
    }
}
