using System.Diagnostics;
using System.Globalization;
using System.Text;
using QBatt.Control;
using QBatt.Numerics;

namespace QBatt.Bench.Suites;

/// <summary>
/// GRAPE on 4 qubit cells with 100 slices (issue 14, R17): QBatt's <see cref="Grape"/> objective and gradient and its projected
/// L-BFGS, against the QuTiP-based GRAPE of bench/peers/grape_qutip.py (same problem, objective W(T), start pulse and bounds;
/// scipy's L-BFGS-B), both in the same run. Timed: one objective+gradient evaluation at the start pulse (median), and the
/// optimisation per iteration; the value and gradient at the start pulse are compared.
/// </summary>
internal static class GrapeSuite
{
    public static string Run(int reps, int peerIterations, TimeSpan peerLimit)
    {
        const int cells = 4, slices = 100;
        const double umax = 1;
        var duration = Math.PI / 2;
        var wall = Stopwatch.StartNew();
        var problem = ControlModels.Cells(cells, 2, cells, null, new ControlModels.Settings(duration, slices, umax, ControlObjective.Energy));
        var grape = new Grape(problem, null);
        var k = problem.Controls.Count;
        var start = new double[k * slices];
        for (var c = 0; c < k; c++)
            for (var j = 0; j < slices; j++) start[c * slices + j] = 0.5 * umax * Math.Sin(1 + j + 7 * c);
        var gradient = new double[start.Length];
        var w0 = grape.Evaluate(start, gradient);
        var evaluation = Timing.Median(reps, () => grape.Evaluate(start, new double[start.Length]));
        var lower = Enumerable.Repeat(-umax, start.Length).ToArray();
        var upper = Enumerable.Repeat(umax, start.Length).ToArray();
        double Negated(ReadOnlySpan<double> x, Span<double> g)
        {
            var v = grape.Evaluate(x, g);
            for (var i = 0; i < g.Length; i++) g[i] = -g[i];
            return -v;
        }
        var sw = Stopwatch.StartNew();
        var full = ProjectedLbfgs.Minimize(Negated, start, lower, upper, 300, 1e-10);
        var qbattSeconds = sw.Elapsed.TotalSeconds;
        sw.Restart();
        var capped = ProjectedLbfgs.Minimize(Negated, start, lower, upper, peerIterations, 1e-10);
        var cappedSeconds = sw.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"grape: QBatt evaluation {evaluation:G4} s, {full.Iterations} iterations in {qbattSeconds:G4} s, W = {-full.Value:R}");

        var peer = Peer.TryRun("grape_qutip.py", peerLimit, Inv(cells), Inv(slices), Inv(duration), Inv(umax), Inv(peerIterations), Inv(reps));
        var sb = new StringBuilder();
        sb.AppendLine("## GRAPE: optimal-control charging (R17)");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"N = {cells} qubit cells (H0 = sum_l |1><1|_l, from |0000>), no drift, K = {k} controls (the global term |1111><0000| + h.c. and the {cells} local flips sigma_x), M = {slices} slices of [0, pi/2], |u| <= {umax}, objective W(T) (the maximum is W = {cells}). Start u_kj = 0.5 sin(1 + j + 7k) on both sides. QBatt: `Grape` (Daleckii-Krein slice derivative, adjoint costate; native backend eigensolver) with `ProjectedLbfgs`; peer: bench/peers/grape_qutip.py, the same exact gradient with QuTiP 4.7 Qobj operators (`eigenstates` per slice) and numpy, scipy's L-BFGS-B with the same bounds. One objective+gradient evaluation: median of {reps} after a warm-up (QBatt) / median of {reps} (peer). Per iteration: the optimisation's wall time over its iterations; the peer is capped at {peerIterations} iterations (QuTiP is slow at this size on these shared machines), and QBatt is timed with the same cap as well as to convergence. {Machine.Describe()}, {Machine.Today}.");
        sb.AppendLine();
        sb.AppendLine("| side | evaluation s | iterations | optimisation s | s per iteration | W reached |");
        sb.AppendLine("|---|---|---|---|---|---|");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| QBatt (to convergence: {full.Stop}) | {evaluation:G4} | {full.Iterations} | {qbattSeconds:G4} | {qbattSeconds / Math.Max(1, full.Iterations):G4} | {-full.Value:F10} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| QBatt (capped at {peerIterations}) | {evaluation:G4} | {capped.Iterations} | {cappedSeconds:G4} | {cappedSeconds / Math.Max(1, capped.Iterations):G4} | {-capped.Value:F10} |");
        if (peer is null)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| QuTiP GRAPE | did not finish within {peerLimit.TotalSeconds:F0} s | | | | |");
        }
        else
        {
            var pe = (double)peer["evaluation_seconds"]!;
            var pit = (int)peer["iterations"]!;
            var pps = (double)peer["seconds_per_iteration"]!;
            sb.AppendLine(CultureInfo.InvariantCulture, $"| QuTiP GRAPE (L-BFGS-B, capped at {peerIterations}) | {pe:G4} | {pit} | {(double)peer["optimisation_seconds"]!:G4} | {pps:G4} | {(double)peer["final_work"]!:F10} |");
            var pg = peer["start_gradient"]!.AsArray().Select(v => (double)v!).ToArray();
            var gmax = gradient.Max(Math.Abs);
            var diff = gradient.Zip(pg, (a, b) => Math.Abs(a - b)).Max() / gmax;
            var wdiff = Math.Abs(w0 - (double)peer["start_work"]!);
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"At the start pulse: W = {w0:R} (QBatt), |W_QBatt - W_QuTiP| = {wdiff:E1}; largest gradient difference / max |g| = {diff:E1}. Evaluation: QuTiP / QBatt = {pe / evaluation:F1}x; per iteration (capped runs): {pps / (cappedSeconds / Math.Max(1, capped.Iterations)):F1}x.");
        }
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Suite wall time {wall.Elapsed.TotalSeconds:F0} s.");
        return sb.ToString();
    }

    private static string Inv(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Inv(int v) => v.ToString(CultureInfo.InvariantCulture);
}
