using QBatt.Batteries;
using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Numerics;

namespace QBatt.Control;

/// <summary>
/// Optimal-control charging (R17): GRAPE with exact gradients (<see cref="Grape"/>) on the amplitudes of a
/// <see cref="ControlProblem"/>, maximised by projected L-BFGS on the box |u| &lt;= u_max (<see cref="ProjectedLbfgs"/>) from seeded
/// random starts, with a finite-difference check of the gradient on every run. The best pulse is re-simulated by the ordinary
/// pipeline (<see cref="ChargingRunner"/>, the pulse as sampled drives held on each slice), and every reported value comes from that
/// run. Under a fair budget (C0, R9) the reference is optimised (or run) first, the budget is N times its C0 value, the objective is
/// the power of the protocol rescaled to saturate the budget, and Gamma comes from the pipeline's fair comparison.
/// </summary>
public static class ControlOptimizer
{
    private const string Op = "ControlOptimizer.Optimize";

    /// <summary>Solves <paramref name="problem"/> (its reference first).</summary>
    public static ControlResult Optimize(ControlProblem problem, ControlOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var o = options ?? ControlOptions.Default;
        o.Validate();
        problem.Validate();
        return Solve(problem, o, unitBudget: false);
    }

    /// <summary>
    /// Solves a validated problem; with <paramref name="unitBudget"/> (an optimised reference under a constraint) the objective is
    /// the power at a unit budget, W / (T C), which is what N copies scale.
    /// </summary>
    private static ControlResult Solve(ControlProblem problem, ControlOptions o, bool unitBudget)
    {
        var n = problem.Dims.Total;
        MemoryEstimate.Require(Grape.Bytes(n, problem.Slices, problem.Controls.Count), o.MemoryLimit, Op, "slices",
            $"dimension {n} with {problem.Slices} slices and {problem.Controls.Count} controls (dense propagators per slice)");

        ControlResult? referenceResult = null;
        ChargingRun? referenceRun = null;
        double? budget = null;
        if (problem.Reference is { } r)
        {
            if (r.Optimised is { } rp)
            {
                var reference = rp with { Objective = problem.Objective, Constraint = problem.Constraint, Reference = null };
                reference.Validate(requireReference: false);
                referenceResult = Solve(reference, o, unitBudget: problem.Constraint is not null);
                referenceRun = referenceResult.Run;
            }
            else
            {
                referenceRun = ChargingRunner.Run(r.Fixed!);
            }
            if (problem.Constraint is { } c)
            {
                var value = referenceRun.Protocol?.Constraints.Get(c) ?? double.NaN;
                if (!(value > 0) || !double.IsFinite(value))
                    throw new ValidationException(Op, "reference", $"a reference protocol with a positive finite {c.Label()} value to set the budget", referenceRun.Protocol is null ? "a run without constraint values" : QBattException.Num(value));
                budget = c.Budget(value, r.Copies);
            }
        }

        if (unitBudget) budget = 1;
        var grape = new Grape(problem, budget, o.Charging.Evolution.Backend);
        var p = grape.Parameters;
        var umax = problem.MaxAmplitude;
        var lower = Enumerable.Repeat(-umax, p).ToArray();
        var upper = Enumerable.Repeat(umax, p).ToArray();
        var rng = new Random(o.Seed);
        double Negated(ReadOnlySpan<double> x, Span<double> g)
        {
            var v = grape.Evaluate(x, g);
            for (var i = 0; i < g.Length; i++) g[i] = -g[i];
            return -v;
        }

        BoxMinimum? best = null;
        var values = new List<double>();
        var totalIterations = 0;
        var evaluations = 0;
        GradientCheck? check = null;
        for (var s = 0; s < o.Restarts; s++)
        {
            var start = new double[p];
            for (var i = 0; i < p; i++) start[i] = umax * (2 * rng.NextDouble() - 1);
            var here = Check(grape, start, o.GradientCheckComponents, umax);
            if (check is null || (here is not null && here.MaxRelativeDifference > check.MaxRelativeDifference)) check = here;
            var m = ProjectedLbfgs.Minimize(Negated, start, lower, upper, o.MaxIterations, o.GradientTolerance);
            values.Add(-m.Value);
            totalIterations += m.Iterations;
            evaluations += m.Evaluations;
            if (best is null || m.Value < best.Value) best = m;
        }
        var found = best ?? throw new InvalidOperationException("no start ran (Restarts >= 1 is validated)");
        var objective = grape.Evaluate(found.Point, []);
        var optimizerWork = grape.Work;
        if (!double.IsFinite(objective))
            throw new ConvergenceException($"{Op}: the optimised objective is not finite ({objective}).");
        var rows = Enumerable.Range(0, problem.Controls.Count).Select(k => found.Point.AsSpan(k * problem.Slices, problem.Slices).ToArray()).ToArray();
        var edges = Enumerable.Range(0, problem.Slices + 1).Select(j => j == problem.Slices ? problem.Duration : j * problem.SliceLength).ToArray();
        var pulse = new ControlPulse([.. problem.Controls.Select(c => c.Name)], edges, rows);

        var setup = problem.Setup(rows, o.Charging);
        if (referenceRun is not null)
            setup = setup with { Reference = new ChargingReference(referenceRun, problem.Reference!.Copies, problem.Constraint is { } c ? [c] : []) };
        var run = ChargingRunner.Run(setup);
        if (!double.IsFinite(run.Work) || !double.IsFinite(run.AveragePower))
            throw new ConvergenceException($"{Op}: the re-simulated pulse gives a non-finite work or power (W = {run.Work}).");
        return new ControlResult(problem, pulse, run)
        {
            OptimizerObjective = objective,
            OptimizerWork = optimizerWork,
            RestartObjectives = values,
            Iterations = found.Iterations,
            TotalIterations = totalIterations,
            Evaluations = evaluations,
            Stop = found.Stop,
            ProjectedGradientNorm = found.ProjectedGradientNorm,
            GradientCheck = check,
            Budget = budget,
            Reference = referenceResult,
        };
    }

    /// <summary>The exact gradient against central differences at <paramref name="count"/> amplitudes spread over all (null for count 0).</summary>
    internal static GradientCheck? Check(Grape grape, double[] point, int count, double umax)
    {
        if (count == 0) return null;
        var p = grape.Parameters;
        var g = new double[p];
        grape.Evaluate(point, g);
        var h = 1e-6 * umax;
        var m = Math.Min(count, p);
        var x = (double[])point.Clone();
        double maxDiff = 0, maxGrad = 0;
        for (var c = 0; c < m; c++)
        {
            var i = (int)((long)c * p / m);
            x[i] = point[i] + h;
            var fp = grape.Evaluate(x, []);
            x[i] = point[i] - h;
            var fm = grape.Evaluate(x, []);
            x[i] = point[i];
            var fd = (fp - fm) / (2 * h);
            maxDiff = Math.Max(maxDiff, Math.Abs(fd - g[i]));
            maxGrad = Math.Max(maxGrad, Math.Abs(g[i]));
        }
        return new GradientCheck(m, maxGrad > 0 ? maxDiff / maxGrad : maxDiff, h);
    }
}
