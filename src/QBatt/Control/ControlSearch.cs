using QBatt.Charging;
using QBatt.Quantum;

namespace QBatt.Control;

/// <summary>A result of a search over the duration T (R17): the optimised pulse at the T found, T and its bracket, the optimisations run.</summary>
/// <param name="Result">The optimisation at <paramref name="Time"/> (every value from the pipeline's re-simulation of its pulse).</param>
/// <param name="Time">The duration found.</param>
/// <param name="TimeError">The width of the final bracket around it.</param>
/// <param name="Optimizations">The optimisations run (each with its seeded starts).</param>
public sealed record DurationSearchResult(ControlResult Result, double Time, double TimeError, int Optimizations);

/// <summary>
/// Searches over the duration T of a control problem (R17, R7): the shortest T at which the optimised pulse deposits a target energy
/// (bisection on T, each trial a full optimisation), and the T that maximises the optimised average power W*(T)/T (golden-section
/// search). Both rest on the optimiser finding the optimum at each T (seeded restarts); the shortest time assumes that W*(T) does not
/// decrease with T, which holds without a drift (u = 0 holds the state, so a longer pulse can wait) and is stated as an assumption
/// otherwise.
/// </summary>
public static class ControlSearch
{
    private const string Op = "ControlSearch";

    /// <summary>
    /// The shortest T with W*(T) &gt;= <paramref name="target"/>, to a relative bracket <paramref name="relativeTolerance"/>; the target
    /// must lie in (0, e_max - e(0)] (more is never reachable). The bracket starts at the problem's duration and doubles until the
    /// target is reached (at most 16 times).
    /// </summary>
    public static DurationSearchResult ShortestTime(ControlProblem problem, double target, ControlOptions? options = null, double relativeTolerance = 1e-4)
    {
        ArgumentNullException.ThrowIfNull(problem);
        problem.Validate();
        if (problem.Constraint is not null)
            throw new ValidationException(Op, "constraint", "none for the shortest time (the amplitude bound limits the speed)", problem.Constraint.Value.Label().ToLowerInvariant());
        if (!(relativeTolerance > 0 && relativeTolerance < 1))
            throw new ValidationException(Op, "tolerance", "a relative tolerance in (0, 1)", QBattException.Num(relativeTolerance));
        var e0 = problem.Battery.Expectation(problem.Initial).Real;
        var most = -(-1 * problem.Battery).LowestEigenvalue() - e0;
        if (!(target > 0) || !double.IsFinite(target) || target > most * (1 + 1e-12))
            throw new ValidationException(Op, "target", $"a target energy in (0, e_max - e(0)] = (0, {QBattException.Num(most)}]", QBattException.Num(target));
        var energy = problem with { Objective = ControlObjective.Energy };
        var runs = 0;
        ControlResult Run(double t)
        {
            runs++;
            return ControlOptimizer.Optimize(energy with { Duration = t }, options);
        }
        double lo = 0, hi = problem.Duration;
        var best = Run(hi);
        for (var k = 0; best.Work < target; k++)
        {
            if (k == 16)
                throw new ConvergenceException($"{Op}.ShortestTime: the optimised pulse does not reach the target energy {QBattException.Num(target)} by T = {QBattException.Num(hi)} (W = {QBattException.Num(best.Work)}); raise --u-max or lower --target");
            lo = hi;
            hi *= 2;
            best = Run(hi);
        }
        while (hi - lo > relativeTolerance * hi)
        {
            var mid = 0.5 * (lo + hi);
            var r = Run(mid);
            if (r.Work >= target) { hi = mid; best = r; }
            else lo = mid;
        }
        return new DurationSearchResult(best, hi, hi - lo, runs);
    }

    /// <summary>
    /// The T in (0, <paramref name="maxTime"/>] that maximises the optimised average power W*(T)/T, by golden-section search to a
    /// relative bracket <paramref name="relativeTolerance"/> (W*(T)/T is unimodal for the drives of R9-R13: it rises as W grows like
    /// T^2 and falls once the battery is full).
    /// </summary>
    public static DurationSearchResult MaximumPower(ControlProblem problem, double maxTime, ControlOptions? options = null, double relativeTolerance = 1e-4)
    {
        ArgumentNullException.ThrowIfNull(problem);
        problem.Validate();
        if (problem.Constraint is not null)
            throw new ValidationException(Op, "constraint", "none for the power over T (under a fair budget the power does not depend on T)", problem.Constraint.Value.Label().ToLowerInvariant());
        if (!(maxTime > 0) || !double.IsFinite(maxTime))
            throw new ValidationException(Op, "time", "a positive finite largest duration", QBattException.Num(maxTime));
        if (!(relativeTolerance > 0 && relativeTolerance < 1))
            throw new ValidationException(Op, "tolerance", "a relative tolerance in (0, 1)", QBattException.Num(relativeTolerance));
        var power = problem with { Objective = ControlObjective.Power };
        var runs = 0;
        var cache = new Dictionary<double, ControlResult>();
        ControlResult Run(double t)
        {
            if (cache.TryGetValue(t, out var c)) return c;
            runs++;
            return cache[t] = ControlOptimizer.Optimize(power with { Duration = t }, options);
        }
        var phi = (Math.Sqrt(5) - 1) / 2;
        double a = 0, b = maxTime;
        var x1 = b - phi * (b - a);
        var x2 = a + phi * (b - a);
        var f1 = Run(x1).AveragePower;
        var f2 = Run(x2).AveragePower;
        while (b - a > relativeTolerance * b)
        {
            if (f1 < f2)
            {
                a = x1; x1 = x2; f1 = f2;
                x2 = a + phi * (b - a);
                f2 = Run(x2).AveragePower;
            }
            else
            {
                b = x2; x2 = x1; f2 = f1;
                x1 = b - phi * (b - a);
                f1 = Run(x1).AveragePower;
            }
        }
        var t = f1 >= f2 ? x1 : x2;
        if (t > maxTime * (1 - 2 * relativeTolerance))
            throw new ConvergenceException($"{Op}.MaximumPower: the optimised power W*(T)/T still grows at the largest duration T = {QBattException.Num(maxTime)}; raise --time");
        return new DurationSearchResult(Run(t), t, b - a, runs);
    }
}
