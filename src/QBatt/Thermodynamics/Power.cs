using System.Numerics;
using QBatt.Dynamics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Thermodynamics;

/// <summary>
/// The maximal average power max_t W(t)/t of a charging trajectory and its time (R7: the charging time),
/// from W on an output grid, refined below the grid spacing.
/// </summary>
/// <param name="Power">max W(t)/t, refined.</param>
/// <param name="Time">The maximising time, refined.</param>
/// <param name="GridPower">max over the grid points (t &gt; 0) of W(t)/t.</param>
/// <param name="GridTime">The grid time of <paramref name="GridPower"/>.</param>
/// <param name="Method">How W was interpolated between grid points: <c>hermite</c> (W and P = dW/dt at the grid points, cubic Hermite), <c>cubic</c> (W only, local cubic through four points) or <c>grid</c> (no refinement).</param>
/// <param name="AtBoundary">True when the maximum is at the last grid time (no refinement beyond the grid).</param>
public sealed record MaxAveragePower(double Power, double Time, double GridPower, double GridTime, string Method, bool AtBoundary)
{
    /// <summary>Estimated error of <see cref="Time"/> (NaN when not estimated: a refinement from the grid alone).</summary>
    public double TimeError { get; init; } = double.NaN;

    /// <summary>Estimated error of <see cref="Power"/> (NaN when not estimated).</summary>
    public double PowerError { get; init; } = double.NaN;
}

/// <summary>Deposited energy and charging power (R7, Rev eqs 15-16).</summary>
public static class Power
{
    /// <summary>W(t) = E(t) - E(0) (charging sign) from the battery energies tr[rho(t) H0] at the output times.</summary>
    public static double[] Work(IReadOnlyList<double> energies)
    {
        ArgumentNullException.ThrowIfNull(energies);
        if (energies.Count == 0)
            throw new ValidationException("Power.Work", "energies", "at least one energy", "none");
        return [.. energies.Select(e => e - energies[0])];
    }

    /// <summary>W(t)/t at every output time; NaN where t = 0.</summary>
    public static double[] Average(IReadOnlyList<double> times, IReadOnlyList<double> work)
    {
        CheckGrid(times, work, "Power.Average", "work");
        return [.. times.Select((t, k) => t == 0 ? double.NaN : work[k] / t)];
    }

    /// <summary>
    /// max over t in (0, t_last] of W(t)/t (R7), first over the grid and then refined inside the two grid
    /// intervals around the grid maximum: with <paramref name="power"/> (P = dW/dt at the grid points, e.g.
    /// from <see cref="ChargingObservables"/>) W is the cubic Hermite interpolant, otherwise a local cubic
    /// through four grid points. A maximum at the last grid time is reported there (AtBoundary).
    /// </summary>
    public static MaxAveragePower MaximumAverage(IReadOnlyList<double> times, IReadOnlyList<double> work, IReadOnlyList<double>? power = null)
    {
        CheckGrid(times, work, "Power.MaximumAverage", "work");
        if (power is not null) CheckGrid(times, power, "Power.MaximumAverage", "power");
        var best = -1;
        for (var k = 0; k < times.Count; k++)
        {
            if (!(times[k] > 0)) continue;
            if (best < 0 || work[k] / times[k] > work[best] / times[best]) best = k;
        }
        if (best < 0)
            throw new ValidationException("Power.MaximumAverage", "times", "at least one output time t > 0", "none");
        var gridPower = work[best] / times[best];
        var gridTime = times[best];
        if (best == times.Count - 1)
            return new MaxAveragePower(gridPower, gridTime, gridPower, gridTime, "grid", true);
        if (times.Count < 3 && power is null)
            return new MaxAveragePower(gridPower, gridTime, gridPower, gridTime, "grid", false);
        var bestP = gridPower;
        var bestT = gridTime;
        for (var j = best - 1; j <= best; j++)
        {
            if (j < 0 || !(times[j + 1] > 0)) continue;
            var a = Math.Max(times[j], 0);
            var b = times[j + 1];
            var jj = j;
            double W(double t) => power is not null ? Hermite(times, work, power, jj, t) : LocalCubic(times, work, jj, t);
            var (t, p) = GoldenMax(t => t > 0 ? W(t) / t : double.NegativeInfinity, a, b);
            if (p > bestP)
            {
                bestP = p;
                bestT = t;
            }
        }
        return new MaxAveragePower(bestP, bestT, gridPower, gridTime, power is not null ? "hermite" : "cubic", false);
    }

    private static void CheckGrid(IReadOnlyList<double> times, IReadOnlyList<double> values, string op, string name)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != times.Count)
            throw new DimensionMismatchException(op, name, $"{times.Count} values (one per output time)", $"{values.Count}");
        for (var k = 0; k < times.Count; k++)
        {
            if (!double.IsFinite(times[k]) || (k > 0 && !(times[k] > times[k - 1])))
                throw new ValidationException(op, "times", "finite, strictly increasing output times", $"t[{k}] = {QBattException.Num(times[k])}");
            if (!double.IsFinite(values[k]))
                throw new ValidationException(op, name, "finite values", $"{values[k]} at index {k}");
        }
    }

    /// <summary>Cubic Hermite interpolant of W on [t_j, t_j+1] from W and dW/dt at both ends.</summary>
    private static double Hermite(IReadOnlyList<double> t, IReadOnlyList<double> w, IReadOnlyList<double> p, int j, double x)
    {
        var h = t[j + 1] - t[j];
        var s = (x - t[j]) / h;
        var h00 = (1 + 2 * s) * (1 - s) * (1 - s);
        var h10 = s * (1 - s) * (1 - s);
        var h01 = s * s * (3 - 2 * s);
        var h11 = s * s * (s - 1);
        return h00 * w[j] + h10 * h * p[j] + h01 * w[j + 1] + h11 * h * p[j + 1];
    }

    /// <summary>The cubic through the four grid points nearest to [t_j, t_j+1] (Lagrange form).</summary>
    private static double LocalCubic(IReadOnlyList<double> t, IReadOnlyList<double> w, int j, double x)
    {
        var n = t.Count;
        var first = Math.Clamp(j - 1, 0, Math.Max(0, n - 4));
        var count = Math.Min(4, n);
        double sum = 0;
        for (var a = first; a < first + count; a++)
        {
            var l = 1.0;
            for (var b = first; b < first + count; b++)
                if (b != a) l *= (x - t[b]) / (t[a] - t[b]);
            sum += l * w[a];
        }
        return sum;
    }

    private static (double T, double Value) GoldenMax(Func<double, double> f, double a, double b)
    {
        var r = GoldenSection.Maximise(f, a, b, 1e-13, 200, tiesKeepLower: false);
        (a, b) = (r.A, r.B);
        var t = 0.5 * (a + b);
        var v = f(t);
        // the end points of the bracket are grid values, already considered by the caller
        return (t, v);
    }

    /// <summary>The Hermitian operator i[H, H0] whose expectation is the instantaneous power P = dW/dt (R7).</summary>
    public static Operator Operator(Operator h, Operator h0)
    {
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(h0);
        return Complex.ImaginaryOne * h.Commutator(h0);
    }

    /// <summary>
    /// The Hermitian operator D^dag[H0] = sum_k (C_k^dag H0 C_k - {C_k^dag C_k, H0}/2) whose expectation is the dissipative
    /// part tr(D[rho] H0) of the power of open dynamics (R16: P = tr(L[rho] H0), the Hamiltonian part plus this).
    /// </summary>
    public static Operator DissipativeOperator(IReadOnlyList<Operator> collapse, Operator h0)
    {
        ArgumentNullException.ThrowIfNull(collapse);
        ArgumentNullException.ThrowIfNull(h0);
        if (collapse.Count == 0)
            throw new ValidationException("Power.DissipativeOperator", "collapse", "at least one collapse operator", "none");
        Operator? sum = null;
        foreach (var c in collapse)
        {
            ArgumentNullException.ThrowIfNull(c);
            h0.Dims.RequireSame(c.Dims, "Power.DissipativeOperator", "collapse");
            var cd = c.Adjoint();
            var cdc = cd * c;
            var term = cd * h0 * c - 0.5 * (cdc * h0 + h0 * cdc);
            sum = sum is null ? term : sum + term;
        }
        return sum!;
    }

    /// <summary>P = i &lt;psi|[H, H0]|psi&gt; = -2 Im &lt;H psi | H0 psi&gt; from the state (two mat-vecs; R7).</summary>
    public static double Instantaneous(Ket psi, Operator h, Operator h0)
    {
        ArgumentNullException.ThrowIfNull(psi);
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(h0);
        h.Dims.RequireSame(psi.Dims, "Power.Instantaneous", "psi");
        h0.Dims.RequireSame(psi.Dims, "Power.Instantaneous", "h0");
        var hp = h.Apply(psi.Amplitudes);
        var h0p = h0.Apply(psi.Amplitudes);
        return -2 * VectorOps.Dot(hp, h0p).Imaginary;
    }

    /// <summary>P = i tr(rho [H, H0]) = -2 Im tr(rho H H0) from the state (R7).</summary>
    public static double Instantaneous(DensityMatrix rho, Operator h, Operator h0)
    {
        ArgumentNullException.ThrowIfNull(rho);
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(h0);
        h.Dims.RequireSame(rho.Dims, "Power.Instantaneous", "rho");
        h0.Dims.RequireSame(rho.Dims, "Power.Instantaneous", "h0");
        // tr(rho H H0) = tr(H (H0 rho)); columns of H0 rho by mat-vecs
        var d = rho.Dimension;
        var m = new ComplexMatrix(d, d);
        var data = rho.Data;
        for (var j = 0; j < d; j++) h0.Apply(data.Slice(j * d, d), m.Column(j));
        return -2 * h.TraceProduct(m.ReadOnlySpan, d).Imaginary;
    }
}
