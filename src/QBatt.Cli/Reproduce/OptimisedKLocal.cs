using System.Globalization;
using QBatt.Charging;
using QBatt.Control;
using QBatt.Studies;

namespace QBatt.Cli.Reproduce;

/// <summary>
/// Beyond the texts (R11, R17): the k = 2 drive on N = 4 and N = 6 qubits optimised by GRAPE under C0, with controls on the disjoint
/// 2-local block terms |11&gt;&lt;00| + h.c. and the local flips, against N copies of the optimised one-cell flip. Independent
/// expectation computed in the row: the block protocol of R11 (disjoint blocks driven alike, ||sum_mu u h_mu|| = (N/k) |u|,
/// W = N sin^2(theta)) gives k B sin^2(theta)/theta per unit budget against the reference's sin^2(theta)/theta, Gamma = k; Theorem 1
/// bounds every k-local drive by gamma k and Theorem 2 by gamma [k^2 (m - 1) + k] with the participation number m = 2 (each cell in
/// one block and one flip), gamma = pi/2. The Conjecture 1 study (random k-local Hamiltonians rescaled to C0, R11) on N = 6 is the
/// comparison of what an unoptimised drive reaches: the optimised drive is at least as good as its largest sample. N = 6 uses four
/// slices (the block protocol is constant in time) and two starts.
/// </summary>
internal sealed class OptimisedKLocal : IReproduction
{
    private const int ConjectureSamples = 200;
    private const int ConjectureSeed = 2017;

    public string Id => "opt-klocal";

    public string Title => "Beyond the texts: GRAPE-optimised k = 2 drives on N = 4 and 6 under C0 against Theorems 1-2 and the Conjecture 1 study";

    public void Run(ReproduceContext ctx)
    {
        const int k = 2;
        const double gamma = Math.PI / 2;
        double six = double.NaN;
        foreach (var (cells, slices) in new[] { (4, 20), (6, 4) })
        {
            var settings = new ControlModels.Settings(2.0, slices, 1.0, ControlObjective.Power, ChargingConstraint.OperatorNorm);
            var r = ControlOptimizer.Optimize(ControlModels.Cells(cells, 2, k, null, settings), new ControlOptions { Restarts = 2, Seed = 1 });
            var g = r.Gamma;
            if (cells == 6) six = g;
            var check = r.GradientCheck?.MaxRelativeDifference ?? double.NaN;
            var n = cells.ToString(CultureInfo.InvariantCulture);
            ctx.ClosedForm($"Optimised k = 2 drive, N = {n}, C0: Gamma = k (the block protocol)", "R11 block example, R17", ReproduceContext.F(k),
                $"Gamma = {ReproduceContext.F(g, "G10")}", $"GRAPE with 2 seeded starts, {slices} slices, blocks and flips as controls; Gamma from the pipeline's re-simulation of the pulse",
                Test.Equal("Gamma - k", g, k, 1e-6));
            ctx.Source($"Optimised k = 2 drive, N = {n}, C0: Gamma < gamma k", "PRL Theorem 1", $"gamma k = {ReproduceContext.F(gamma * k)}",
                $"Gamma = {ReproduceContext.F(g, "G10")}", "gamma = pi/2 for ground to fully excited", Test.AtMost("Gamma", g, gamma * k));
            ctx.Source($"Optimised k = 2 drive, N = {n}, C0: Gamma < gamma [k^2 (m - 1) + k], m = 2", "PRL Theorem 2", $"gamma [k^2 (m - 1) + k] = {ReproduceContext.F(gamma * (k * k + k))}",
                $"Gamma = {ReproduceContext.F(g, "G10")}", "participation number m = 2: every cell is in one block and one flip", Test.AtMost("Gamma", g, gamma * (k * k + k)));
            ctx.Consistency($"Optimised drive, N = {n}: exact gradient against finite differences", "R17", "<= 1e-6 relative", ReproduceContext.F(check, "G3"),
                "largest relative difference over the starts", Test.AtMost("gradient check", check, 1e-6));
            ctx.Consistency($"Optimised drive, N = {n}: optimiser's W against the pipeline's", "R17", "<= 1e-8", ReproduceContext.F(r.WorkDiscrepancy, "G3"),
                "the final pulse re-simulated by the charging pipeline", Test.AtMost("|W_opt - W_run|", r.WorkDiscrepancy, 1e-8));
        }
        var study = ConjectureStudy.Run(new ConjectureOptions { Cells = 6, K = k, Samples = ConjectureSamples, Seed = ConjectureSeed });
        ctx.Consistency("Optimised k = 2 drive on N = 6 against the Conjecture 1 study: at least the largest random Gamma_C0", "R11 Conjecture 1 study, R17",
            $">= {ReproduceContext.F(study.MaxGamma, "G6")} (largest of {ConjectureSamples} random 2-local Hamiltonians, seed {ConjectureSeed})",
            $"Gamma = {ReproduceContext.F(six, "G10")}", $"random drives reach at most {ReproduceContext.F(study.MaxGamma / (gamma * k), "G3")} of gamma k; the optimised one {ReproduceContext.F(six / (gamma * k), "G3")}",
            Test.AtLeast("Gamma_opt - max Gamma_random", six - study.MaxGamma, 0));
    }
}
