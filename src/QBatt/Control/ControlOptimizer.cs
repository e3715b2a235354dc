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
        var umax = problem.MaxAmplitude;
        if (o.SmoothModes > problem.Slices)
            throw new ValidationException(Op, "smooth", $"at most as many modes as slices ({problem.Slices})", $"{o.SmoothModes}");
        // the optimised parameters: the slice amplitudes themselves, or the Chebyshev coefficients of a smooth phase per control
        IControlParameters parameters = o.SmoothModes > 0
            ? new SmoothParameters(grape, problem.Controls.Count, problem.Slices, o.SmoothModes, umax)
            : new SliceParameters(grape);
        var p = parameters.Count;
        var lower = Enumerable.Repeat(parameters.Bounded ? -umax : double.NegativeInfinity, p).ToArray();
        var upper = Enumerable.Repeat(parameters.Bounded ? umax : double.PositiveInfinity, p).ToArray();
        var rng = new Random(o.Seed);
        double Negated(ReadOnlySpan<double> x, Span<double> g)
        {
            var v = parameters.Evaluate(x, g);
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
            var start = parameters.Start(rng);
            var here = Check(parameters, start, o.GradientCheckComponents, parameters.Bounded ? umax : 1);
            if (check is null || (here is not null && here.MaxRelativeDifference > check.MaxRelativeDifference)) check = here;
            var m = ProjectedLbfgs.Minimize(Negated, start, lower, upper, o.MaxIterations, o.GradientTolerance);
            values.Add(-m.Value);
            totalIterations += m.Iterations;
            evaluations += m.Evaluations;
            if (best is null || m.Value < best.Value) best = m;
        }
        var found = best ?? throw new InvalidOperationException("no start ran (Restarts >= 1 is validated)");
        var objective = parameters.Evaluate(found.Point, []);
        var optimizerWork = grape.Work;
        if (!double.IsFinite(objective))
            throw new ConvergenceException($"{Op}: the optimised objective is not finite ({objective}).");
        var amplitudes = parameters.Amplitudes(found.Point);
        var rows = Enumerable.Range(0, problem.Controls.Count).Select(k => amplitudes.AsSpan(k * problem.Slices, problem.Slices).ToArray()).ToArray();
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

    /// <summary>The exact gradient against central differences at <paramref name="count"/> parameters spread over all (null for count 0).</summary>
    internal static GradientCheck? Check(Grape grape, double[] point, int count, double umax) => Check(new SliceParameters(grape), point, count, umax);

    private static GradientCheck? Check(IControlParameters grape, double[] point, int count, double umax)
    {
        if (count == 0) return null;
        var p = grape.Count;
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

/// <summary>What the L-BFGS search varies: the objective and its exact gradient in those parameters, and the slice amplitudes they give.</summary>
internal interface IControlParameters
{
    /// <summary>Number of parameters.</summary>
    int Count { get; }

    /// <summary>True when the parameters are the amplitudes, bounded by |u| &lt;= u_max; false for unbounded coefficients.</summary>
    bool Bounded { get; }

    /// <summary>The objective at <paramref name="x"/>, its gradient into <paramref name="gradient"/> (empty: none).</summary>
    double Evaluate(ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>The slice amplitudes [k][j] flattened control by control.</summary>
    double[] Amplitudes(ReadOnlySpan<double> x);

    /// <summary>A seeded random start.</summary>
    double[] Start(Random rng);
}

/// <summary>Every slice amplitude free, uniform starts in [-u_max, u_max].</summary>
internal sealed class SliceParameters(Grape grape) : IControlParameters
{
    public int Count => grape.Parameters;

    public bool Bounded => true;

    public double Evaluate(ReadOnlySpan<double> x, Span<double> gradient) => grape.Evaluate(x, gradient);

    public double[] Amplitudes(ReadOnlySpan<double> x) => x.ToArray();

    public double[] Start(Random rng)
    {
        var start = new double[Count];
        for (var i = 0; i < start.Length; i++) start[i] = grape.MaxAmplitude * (2 * rng.NextDouble() - 1);
        return start;
    }
}

/// <summary>
/// Smooth controls u_k(t) = u_max sin(phi_k(t)), phi_k(t) = sum_{j&lt;J} c_kj T_j(tau), tau = 2t/T - 1, sampled at the slice midpoints:
/// dJ/dc_kj = sum_s dJ/du_ks u_max cos(phi_k(t_s)) T_j(tau_s). Starts: c_k0 uniform in [-pi/2, pi/2], the others uniform in
/// [-1/2, 1/2] divided by j (a smooth random phase).
/// </summary>
internal sealed class SmoothParameters : IControlParameters
{
    private readonly Grape _grape;
    private readonly int _controls;
    private readonly int _slices;
    private readonly int _modes;
    private readonly double _umax;
    private readonly double[,] _basis; // [slice, mode]

    public SmoothParameters(Grape grape, int controls, int slices, int modes, double umax)
    {
        _grape = grape;
        _controls = controls;
        _slices = slices;
        _modes = modes;
        _umax = umax;
        _basis = new double[slices, modes];
        for (var s = 0; s < slices; s++)
        {
            var tau = 2 * (s + 0.5) / slices - 1;
            double previous = 1, current = tau;
            for (var j = 0; j < modes; j++)
            {
                _basis[s, j] = j == 0 ? 1 : j == 1 ? tau : 2 * tau * current - previous;
                if (j >= 2) { previous = current; current = _basis[s, j]; }
            }
        }
    }

    public int Count => _controls * _modes;

    public bool Bounded => false;

    private double Phase(ReadOnlySpan<double> x, int k, int s)
    {
        double phi = 0;
        for (var j = 0; j < _modes; j++) phi += x[k * _modes + j] * _basis[s, j];
        return phi;
    }

    public double[] Amplitudes(ReadOnlySpan<double> x)
    {
        var u = new double[_controls * _slices];
        for (var k = 0; k < _controls; k++)
            for (var s = 0; s < _slices; s++) u[k * _slices + s] = _umax * Math.Sin(Phase(x, k, s));
        return u;
    }

    public double Evaluate(ReadOnlySpan<double> x, Span<double> gradient)
    {
        var u = Amplitudes(x);
        if (gradient.IsEmpty) return _grape.Evaluate(u, []);
        var gu = new double[u.Length];
        var value = _grape.Evaluate(u, gu);
        gradient.Clear();
        for (var k = 0; k < _controls; k++)
            for (var s = 0; s < _slices; s++)
            {
                var d = gu[k * _slices + s] * _umax * Math.Cos(Phase(x, k, s));
                for (var j = 0; j < _modes; j++) gradient[k * _modes + j] += d * _basis[s, j];
            }
        return value;
    }

    public double[] Start(Random rng)
    {
        var start = new double[Count];
        for (var k = 0; k < _controls; k++)
            for (var j = 0; j < _modes; j++)
                start[k * _modes + j] = j == 0 ? Math.PI * (rng.NextDouble() - 0.5) : (rng.NextDouble() - 0.5) / j;
        return start;
    }
}
