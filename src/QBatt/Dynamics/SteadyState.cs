using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Dynamics;

/// <summary>
/// The steady state of a time-independent Lindblad equation (R6, R16), found as the null vector of the generator itself, not
/// by long-time evolution: L vec(rho) = 0 with the first row of the vectorised generator <see cref="Liouvillian.Build"/>
/// replaced by the trace condition tr rho = 1, solved by LU factorisation (QuTiP's <c>steadystate</c>, method "direct",
/// does the same up to where the trace row goes). The dense generator holds D^4 entries, so D is limited to
/// <see cref="MaxDimension"/>. A generator with more than one steady state (no dissipation, dark states of collective decay,
/// decoupled sectors) makes the system singular and is refused, as is a result that is not a density matrix.
/// </summary>
public static class SteadyState
{
    /// <summary>Largest Hilbert-space dimension D (the dense generator is D^2 x D^2: 268 MB at D = 64).</summary>
    public const int MaxDimension = 64;

    /// <summary>Largest accepted estimate ||L|| ||A^-1 z|| / ||z|| of the condition number of the trace-completed generator.</summary>
    public const double ConditionLimit = 1e11;

    /// <summary>The unique steady state of -i[H, rho] + sum_k D[C_k] rho, with the residual max |L[rho]| it leaves.</summary>
    public static (DensityMatrix State, double Residual) Solve(Operator hamiltonian, IReadOnlyList<Operator> collapse, ILinearAlgebraBackend? backend = null)
    {
        const string op = "SteadyState.Solve";
        ArgumentNullException.ThrowIfNull(hamiltonian);
        ArgumentNullException.ThrowIfNull(collapse);
        var d = hamiltonian.Dimension;
        if (d > MaxDimension)
            throw new ValidationException(op, "dims", $"a Hilbert space of dimension at most {MaxDimension} (the dense generator has D^4 entries)", $"dimension {d}");
        if (collapse.Count == 0)
            throw new ValidationException(op, "collapse", "at least one collapse operator (closed dynamics has no unique steady state)", "none");
        var n = d * d;
        MemoryEstimate.Require(16.0 * n * n * 1.1, null, op, "dims", $"dimension {d} (dense generator {n}x{n})");
        var l = Liouvillian.Build(hamiltonian, collapse);
        var a = new Complex[(long)n * n];
        var rp = l.RowPointers;
        var ci = l.ColumnIndices;
        var v = l.Values;
        for (var r = 1; r < n; r++)
            for (var p = rp[r]; p < rp[r + 1]; p++) a[r + (long)ci[p] * n] += v[p];
        for (var i = 0; i < d; i++) a[(long)(i + i * d) * n] = 1; // row 0: sum_i rho_ii = 1
        // two right-hand sides: e_0 (the steady state) and a fixed pseudo-random z, whose solution measures ||A^-1||: a second
        // steady state leaves A singular, which rounding turns into a tiny pivot and a huge A^-1 z rather than an exact zero
        var b = new Complex[2 * n];
        b[0] = 1;
        var rng = new Random(16);
        for (var i = 0; i < n; i++) b[n + i] = new Complex(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5);
        var zNorm = VectorOps.MaxAbs(b.AsSpan(n, n));
        var scale = Math.Max(1, VectorOps.MaxAbs(v));
        try
        {
            (backend ?? LinearAlgebra.Default).Solve(n, 2, a, b);
        }
        catch (ConvergenceException)
        {
            throw Degenerate(op, "a singular generator");
        }
        if (b.Any(z => !double.IsFinite(z.Real) || !double.IsFinite(z.Imaginary)))
            throw Degenerate(op, "non-finite entries");
        var conditionEstimate = scale * VectorOps.MaxAbs(b.AsSpan(n, n)) / zNorm;
        if (!(conditionEstimate < ConditionLimit))
            throw Degenerate(op, $"a singular generator (condition estimate {QBattException.Num(conditionEstimate)})");
        var x = b.AsSpan(0, n).ToArray();
        var lx = l.Multiply(x);
        var residual = VectorOps.MaxAbs(lx);
        if (!(residual <= 1e-8 * scale))
            throw Degenerate(op, $"a residual max |L[rho]| = {QBattException.Num(residual)}");
        var m = ComplexMatrix.FromColumnMajor(d, d, x);
        var h = (m + m.Adjoint()) * new Complex(0.5, 0);
        try
        {
            return (new DensityMatrix(h, hamiltonian.Dims, new ValidationTolerances(1e-8, 1e-8, 1e-8)), residual);
        }
        catch (ValidationException e)
        {
            throw Degenerate(op, $"a matrix that is not a density matrix ({e.Actual})");
        }
    }

    private static ValidationException Degenerate(string op, string what) =>
        new(op, "collapse", "a Lindblad generator with a unique steady state (several steady states, e.g. dark states of collective decay, leave it singular)", what);
}
