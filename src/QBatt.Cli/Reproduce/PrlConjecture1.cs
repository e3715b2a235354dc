using System.Globalization;
using QBatt.Cli.Output;
using QBatt.Charging;
using QBatt.Cli.Commands;
using QBatt.IO;
using QBatt.Studies;
using QBatt.Thermodynamics;

namespace QBatt.Cli.Reproduce;

/// <summary>
/// PRL Conjecture 1 (R11): seeded random k-local Hamiltonians for (N, k) in {(3,2), (4,2), (4,3), (6,2)},
/// rescaled to saturate C0; the largest Gamma_C0 found against gamma k. A small sample here (500 per
/// (N, k)); <c>qbatt conjecture</c> runs the full study.
/// </summary>
internal sealed class PrlConjecture1 : IReproduction
{
    private const int Samples = 500;
    private const int Seed = 2017;

    public string Id => "prl-conjecture1";

    public string Title => "PRL Conjecture 1: random k-local Hamiltonians stay below gamma k under C0";

    public void Run(ReproduceContext ctx)
    {
        var rows = new List<IReadOnlyList<object?>>();
        string? operationalisation = null;
        foreach (var (n, k) in new[] { (3, 2), (4, 2), (4, 3), (6, 2) })
        {
            var r = ConjectureStudy.Run(new ConjectureOptions { Cells = n, K = k, Samples = Samples, Seed = Seed });
            operationalisation ??= r.Operationalisation;
            var w = r.Worst;
            ctx.Check(string.Create(CultureInfo.InvariantCulture, $"no counterexample: Gamma_C0 < gamma k for (N, k) = ({n}, {k})"), "PRL Conjecture 1, Suppl. Sec. IV", "< (pi/2) k",
                string.Create(CultureInfo.InvariantCulture, $"largest {r.MaxGamma:G6} < {r.Bound:G6} over {Samples} samples (mean {r.MeanGamma:G4}; worst #{w.Index}, seed {w.Seed}; rerun: T >= T_QSL {(r.WorstRun.SpeedLimit.Holds ? "holds" : "VIOLATED")})"),
                r.AboveBound == 0 && r.WorstRun.SpeedLimit.Holds, $"seed {Seed}");
            rows.Add([n, k, Samples, Seed, r.MaxGamma, r.Bound, r.MeanGamma, w.Index, w.Seed, r.ParallelPower]);
            if (n == 6)
            {
                var svg = Figures.ConjectureHistogram(r);
                ctx.SaveFigure("prl-conjecture1.svg", svg.ToSvg(), $"Gamma_C0 of {Samples} random 2-local Hamiltonians on 6 qubits (seed {Seed}), the largest value and the bound gamma k = pi.");
            }
        }
        ctx.Computed("operationalisation of Conjecture 1", "R11", "stated", operationalisation!);
        ctx.SaveData("prl-conjecture1.csv", Csv.ToString(["n", "k", "samples", "seed", "max_gamma_c0", "bound", "mean_gamma_c0", "worst_index", "worst_seed", "parallel_power"], rows));
    }
}
