using System.Diagnostics;
using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Dynamics;

/// <summary>Validation and bookkeeping shared by the solvers.</summary>
internal static class SolverSupport
{
    public static double[] CheckTimes(IReadOnlyList<double> times, string operation)
    {
        ArgumentNullException.ThrowIfNull(times);
        if (times.Count == 0)
            throw new ValidationException(operation, "times", "at least one output time", "none");
        var t = times.ToArray();
        for (var k = 0; k < t.Length; k++)
        {
            if (!double.IsFinite(t[k]))
                throw new ValidationException(operation, "times", "finite output times", $"{t[k].ToString(System.Globalization.CultureInfo.InvariantCulture)} at index {k}");
            if (k > 0 && !(t[k] > t[k - 1]))
                throw new ValidationException(operation, "times", "strictly increasing output times", $"t[{k}] = {QBattException.Num(t[k])} after t[{k - 1}] = {QBattException.Num(t[k - 1])}");
        }
        return t;
    }

    public static Observable[] CheckObservables(IReadOnlyList<Observable>? observables, Dims dims, string operation)
    {
        var obs = observables?.ToArray() ?? [];
        for (var k = 0; k < obs.Length; k++)
        {
            var o = obs[k] ?? throw new ArgumentNullException(nameof(observables), $"observable {k} is null");
            ArgumentNullException.ThrowIfNull(o.Operator);
            if (o.Operator.Dimension != dims.Total)
                throw new DimensionMismatchException(operation, $"observables[{k}] ('{o.Name}')", $"a {dims.Total}x{dims.Total} operator (dims {dims})", $"{o.Operator.Dimension}x{o.Operator.Dimension}");
        }
        RequireDistinctNames(obs.Select(o => o.Name), operation);
        return obs;
    }

    public static void RequireDistinctNames(IEnumerable<string> names, string operation)
    {
        var dup = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
            throw new ValidationException(operation, "observables", "distinct observable names", $"'{dup.Key}' twice");
    }

    /// <summary>Checks t0 and the planned horizon of a step-by-step evolution (default t0 + 1) and returns the end time.</summary>
    public static double CheckStart(double t0, double? horizon, string operation)
    {
        Guard.Finite(t0, operation, "t0");
        var end = horizon ?? t0 + 1;
        if (!(end > t0) || !double.IsFinite(end))
            throw new ValidationException(operation, "horizon", $"a finite time after t0 = {QBattException.Num(t0)}", QBattException.Num(end));
        return end;
    }

    public static EvolutionOptions CheckOptions(EvolutionOptions? options)
    {
        var o = options ?? EvolutionOptions.Default;
        o.Validate();
        return o;
    }

    public static ILinearMap Map(Operator a, int threads) =>
        a.SparseStorage is { } s ? LinearMap.From(s, threads) : LinearMap.From(a.ToDense());

    public static EvolutionStatistics Statistics(EngineCounters c, double error, Stopwatch clock, double drift, double minEig = double.NaN, double discarded = 0) =>
        new(string.Join(", ", c.Methods), c.MatVecs, c.Steps, c.RejectedSteps, c.MaxKrylovDimension, error + discarded, clock.Elapsed.TotalSeconds, drift, minEig, discarded);

    /// <summary>rho = sum_i w_i |psi_i&gt;&lt;psi_i| from column vectors.</summary>
    public static ComplexMatrix Mixture(IReadOnlyList<Complex[]> kets, IReadOnlyList<double> weights, int d, ILinearAlgebraBackend? backend)
    {
        var r = kets.Count;
        var a = new ComplexMatrix(d, r);
        for (var i = 0; i < r; i++)
        {
            var col = a.Column(i);
            kets[i].CopyTo(col);
            VectorOps.Scale(Math.Sqrt(weights[i]), col);
        }
        return ComplexMatrix.Product(a, Op.None, a, Op.Adjoint, backend);
    }
}
