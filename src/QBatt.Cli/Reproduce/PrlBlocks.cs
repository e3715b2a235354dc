using QBatt.Batteries;
using QBatt.Charging;
using QBatt.IO;
using QBatt.Thermodynamics;

namespace QBatt.Cli.Reproduce;

/// <summary>
/// PRL after Theorem 1 (R11): the disjoint-block k-local drive sum_mu (|1&gt;&lt;d|^(x)k + h.c.) on N = s k
/// cells achieves Gamma_C1 = sqrt(k) and Gamma_C2 = Gamma_C0 = k, for (N, k) in {(4,2), (6,2), (6,3), (4,4)}
/// and d = 2, 3, every time from the evolution.
/// </summary>
internal sealed class PrlBlocks : IReproduction
{
    public string Id => "prl-blocks";

    public string Title => "PRL after Theorem 1: disjoint k-blocks give Gamma_C1 = sqrt(k), Gamma_C2 = Gamma_C0 = k";

    public void Run(ReproduceContext ctx)
    {
        var rows = new List<IReadOnlyList<object?>>();
        var dev = new double[3];
        int runs = 0, violations = 0;
        ChargingConstraint[] constraints = [ChargingConstraint.OperatorNorm, ChargingConstraint.EnergySpread, ChargingConstraint.EnergyAboveGround];
        foreach (var d in new[] { 2, 3 })
        {
            var reference = QuditArrayBattery.CellFlip(d).Run();
            foreach (var (n, k) in new[] { (4, 2), (6, 2), (6, 3), (4, 4) })
            {
                var unscaled = QuditArrayBattery.Blocks(d, n, k).Run();
                var g = constraints.Select(c => Advantage.Compare(unscaled, reference, n, c)).ToArray();
                for (var i = 0; i < 3; i++)
                {
                    // the PRL's closed forms: sqrt(k) under C1, k under C0 and C2
                    var expected = constraints[i] == ChargingConstraint.EnergySpread ? Math.Sqrt(k) : k;
                    dev[i] = Math.Max(dev[i], Math.Abs(g[i].Gamma - expected) / expected);
                }
                var all = new[] { reference, unscaled }.Concat(g.Select(a => a.Collective)).ToArray();
                runs += all.Length;
                violations += all.Count(x => !x.SpeedLimit.Holds);
                rows.Add([d, n, k, unscaled.Work, g[0].Gamma, g[1].Gamma, g[2].Gamma, g[0].CollectiveTime, g[1].CollectiveTime, g[2].CollectiveTime, reference.ChargingTime]);
            }
        }
        const string cases = "(N, k) = (4,2), (6,2), (6,3), (4,4); d = 2, 3";
        ctx.Source("Gamma_C1 = sqrt(k)", "PRL after Theorem 1 (R11)", "sqrt(k)", $"max relative deviation {ReproduceContext.F(dev[1], "G2")}", cases,
            Test.Equal("max |Gamma_C1 - sqrt(k)| / sqrt(k)", dev[1], 0, 1e-7));
        ctx.Source("Gamma_C2 = k", "PRL after Theorem 1 (R11)", "k", $"max relative deviation {ReproduceContext.F(dev[2], "G2")}", cases,
            Test.Equal("max |Gamma_C2 - k| / k", dev[2], 0, 1e-7));
        ctx.Source("Gamma_C0 = k", "PRL after Theorem 1 (R11)", "k", $"max relative deviation {ReproduceContext.F(dev[0], "G2")}", cases,
            Test.Equal("max |Gamma_C0 - k| / k", dev[0], 0, 1e-7));
        ctx.Consistency("T >= T_QSL on every run", "R8", "holds", $"{violations} violations in {runs} runs", "the engine's rigorous T_QSL on its own runs",
            Test.Equal("runs with T < T_QSL", violations, 0, 0));
        ctx.SaveData("prl-blocks.csv", Csv.ToString(["d", "n", "k", "work", "gamma_c0", "gamma_c1", "gamma_c2", "t_coll_c0", "t_coll_c1", "t_coll_c2", "t_par"], rows));
    }
}
