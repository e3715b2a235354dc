using QBatt.Charging;
using QBatt.Control;

namespace QBatt.Cli.Reproduce;

/// <summary>
/// Beyond the texts (R11, R17): the k = 2 drive on N = 4 qubits optimised by GRAPE under C0, with controls on the two disjoint
/// 2-local block terms |11&gt;&lt;00| + h.c. and the four local flips, against N copies of the optimised one-cell flip. Independent
/// expectation computed in the row: the block protocol of R11 (disjoint blocks driven alike, ||sum_mu u h_mu|| = (N/k) |u|,
/// W = N sin^2(theta)) gives k B sin^2(theta)/theta per unit budget against the reference's sin^2(theta)/theta, Gamma = k; Theorem 1
/// bounds every k-local drive by gamma k with gamma = pi/2. N = 6 is left to <c>qbatt optimize --cells 6 --k 2 --constraint c0</c>
/// (about 40 s).
/// </summary>
internal sealed class OptimisedKLocal : IReproduction
{
    public string Id => "opt-klocal";

    public string Title => "Beyond the texts: GRAPE-optimised k = 2 drive on N = 4 under C0 against Theorem 1 (gamma k)";

    public void Run(ReproduceContext ctx)
    {
        const int cells = 4, k = 2;
        var settings = new ControlModels.Settings(2.0, 20, 1.0, ControlObjective.Power, ChargingConstraint.OperatorNorm);
        var r = ControlOptimizer.Optimize(ControlModels.Cells(cells, 2, k, null, settings), new ControlOptions { Restarts = 2, Seed = 1 });
        var gamma = r.Gamma;
        var blockGamma = (double)k;
        var bound = Math.PI / 2 * k;
        var check = r.GradientCheck?.MaxRelativeDifference ?? double.NaN;
        ctx.ClosedForm("Optimised k = 2 drive, N = 4, C0: Gamma = k (the block protocol)", "R11 block example, R17", ReproduceContext.F(blockGamma),
            $"Gamma = {ReproduceContext.F(gamma, "G10")}", "GRAPE with 2 seeded starts, 20 slices, blocks and flips as controls; Gamma from the pipeline's re-simulation of the pulse",
            Test.Equal("Gamma - k", gamma, blockGamma, 1e-6));
        ctx.Source("Optimised k = 2 drive, N = 4, C0: Gamma < gamma k", "PRL Theorem 1", $"gamma k = {ReproduceContext.F(bound)}",
            $"Gamma = {ReproduceContext.F(gamma, "G10")}", "gamma = pi/2 for ground to fully excited", Test.AtMost("Gamma", gamma, bound));
        ctx.Consistency("Optimised drive: exact gradient against finite differences", "R17", "<= 1e-6 relative", ReproduceContext.F(check, "G3"),
            "largest relative difference over the starts", Test.AtMost("gradient check", check, 1e-6));
        ctx.Consistency("Optimised drive: optimiser's W against the pipeline's", "R17", "<= 1e-8", ReproduceContext.F(r.WorkDiscrepancy, "G3"),
            "the final pulse re-simulated by the charging pipeline", Test.AtMost("|W_opt - W_run|", r.WorkDiscrepancy, 1e-8));
    }
}
