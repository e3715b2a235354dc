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
        var reruns = new List<string>();
        var violations = 0;
        foreach (var (n, k) in new[] { (3, 2), (4, 2), (4, 3), (6, 2) })
        {
            var r = ConjectureStudy.Run(new ConjectureOptions { Cells = n, K = k, Samples = Samples, Seed = Seed });
            operationalisation ??= r.Operationalisation;
            var w = r.Worst;
            var bound = Math.PI / 2 * k; // gamma k, gamma = pi/2 from ground to fully excited
            ctx.Source(string.Create(CultureInfo.InvariantCulture, $"no counterexample: Gamma_C0 < gamma k for (N, k) = ({n}, {k})"), "PRL Conjecture 1, Suppl. Sec. IV", "< (pi/2) k",
                string.Create(CultureInfo.InvariantCulture, $"largest {r.MaxGamma:G6} < {bound:G6} over {Samples} samples (mean {r.MeanGamma:G4}; worst #{w.Index}, seed {w.Seed}); {r.AboveBound} samples above"),
                $"seed {Seed}", Test.AtMost("largest Gamma_C0 / (gamma k)", r.MaxGamma / bound, 1), Test.Equal("samples above gamma k", r.AboveBound, 0, 0));
            reruns.Add(string.Create(CultureInfo.InvariantCulture, $"({n}, {k})"));
            if (!r.WorstRun.SpeedLimit.Holds) violations++;
            rows.Add([n, k, Samples, Seed, r.MaxGamma, r.Bound, r.MeanGamma, w.Index, w.Seed, r.ParallelPower]);
            if (n == 6)
            {
                var svg = Figures.ConjectureHistogram(r);
                ctx.SaveFigure("prl-conjecture1.svg", svg, $"Γ_C0 of {Samples} random 2-local Hamiltonians on 6 qubits (seed {Seed}), the largest value and the bound γk = π.");
            }
        }
        ctx.Consistency("T >= T_QSL on the rerun of each worst sample", "R8", "holds", $"{violations} violations in {reruns.Count} reruns ({string.Join(", ", reruns)})",
            "the engine's rigorous T_QSL on its own runs", Test.Equal("reruns with T < T_QSL", violations, 0, 0));
        ctx.Computed("operationalisation of Conjecture 1", "R11", "stated", operationalisation!);
        ctx.SaveData("prl-conjecture1.csv", Csv.ToString(["n", "k", "samples", "seed", "max_gamma_c0", "bound", "mean_gamma_c0", "worst_index", "worst_seed", "parallel_power"], rows));
    }
}
