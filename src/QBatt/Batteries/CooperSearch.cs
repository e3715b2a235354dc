using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Studies;

namespace QBatt.Batteries;

/// <summary>The seeded search over the k = 2 drives of the Cooper-pair-box model (R15), compared on the charging pipeline.</summary>
public static partial class CooperPairBattery
{
    /// <summary>
    /// Searches the largest Gamma_C0 over time-independent k = 2 drives of the model: random instances (gates and
    /// J_xx, J_yy, J_zz on the topology's pairs, i.i.d. standard normal) and R11's disjoint pairs, then hill climbing from the best;
    /// the final instance is compared under C0, C1, C2 on the full runner. Seeded and reproducible.
    /// <paramref name="progress"/>, when given, receives the number of drives evaluated so far, out of
    /// Samples + RefineSteps + 1 (the structured start, when it is tried, is counted with the last random drive).
    /// </summary>
    public static CooperSearchResult Search(CooperSearchOptions options, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var n = options.Cells;
        var pairs = CooperPairBoxes.Pairs(n, options.Topology);
        var gammas = new double[options.Samples];
        CooperInstance? best = null;
        var bestGamma = double.NegativeInfinity;
        for (var i = 0; i < options.Samples; i++)
        {
            var rng = new RandomMatrices(RandomKLocal.SampleSeed(options.Seed, i));
            var inst = new CooperInstance([.. Enumerable.Range(0, n).Select(_ => rng.Normal())],
                [.. pairs.Select(p => new PairCoupling(p.First, p.Second, rng.Normal(), rng.Normal(), rng.Normal()))]);
            gammas[i] = GammaOperatorNorm(inst.ToOperator(), options.Evolution);
            if (gammas[i] > bestGamma) (best, bestGamma) = (inst, gammas[i]);
            progress?.Invoke(i + 1);
        }
        var randomBest = bestGamma;
        if (options.StructuredStart)
        {
            // R11's disjoint blocks in the model: sigma_x sigma_x on (0,1), (2,3), ... where the topology has them, a gate on a left-over box
            var blocks = new HashSet<(int, int)>(Enumerable.Range(0, n / 2).Select(i => (2 * i, 2 * i + 1)));
            var inst = new CooperInstance([.. Enumerable.Range(0, n).Select(l => l == n - 1 && n % 2 == 1 ? 1.0 : 0.0)],
                [.. pairs.Select(p => new PairCoupling(p.First, p.Second, blocks.Contains(p) ? 1 : 0, 0, 0))]);
            var g = GammaOperatorNorm(inst.ToOperator(), options.Evolution);
            if (g > bestGamma) (best, bestGamma) = (inst, g);
        }
        var walk = new RandomMatrices(RandomKLocal.SampleSeed(options.Seed, options.Samples));
        var step = 0.3;
        for (var s = 0; s < options.RefineSteps; s++)
        {
            var scale = Math.Max(best!.Gates.Max(Math.Abs), best.Couplings.Count == 0 ? 0 : best.Couplings.Max(c => Math.Max(Math.Abs(c.Xx), Math.Max(Math.Abs(c.Yy), Math.Abs(c.Zz)))));
            var h = step * scale;
            var trial = new CooperInstance([.. best.Gates.Select(a => a + h * walk.Normal())],
                [.. best.Couplings.Select(c => c with { Xx = c.Xx + h * walk.Normal(), Yy = c.Yy + h * walk.Normal(), Zz = c.Zz + h * walk.Normal() })]);
            var g = GammaOperatorNorm(trial.ToOperator(), options.Evolution);
            if (g > bestGamma) (best, bestGamma) = (trial, g);
            else step = Math.Max(0.02, step * 0.85);
            progress?.Invoke(options.Samples + s + 1);
        }
        var comparison = Compare(best!.ToOperator(), 1, new ChargingOptions { Evolution = options.Evolution with { Threads = 0 } });
        return new CooperSearchResult(options, gammas, randomBest, best, bestGamma, comparison);
    }

}
