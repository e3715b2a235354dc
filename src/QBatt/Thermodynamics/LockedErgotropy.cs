using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Thermodynamics;

/// <summary>The locked ergotropy of a state of several cells (R18).</summary>
/// <param name="Ergotropy">W(rho, H0), global unitaries.</param>
/// <param name="LocalErgotropies">W(rho_i, H_i) of each cell's marginal under its own term of H0.</param>
/// <param name="Locked">W(rho, H0) - sum_i W(rho_i, H_i) &gt;= 0.</param>
/// <param name="LocalTerms">H_i = tr over the other cells of H0, divided by their dimension (H0's term on cell i up to a constant).</param>
public sealed record LockedErgotropyResult(double Ergotropy, double[] LocalErgotropies, double Locked, Operator[] LocalTerms);

/// <summary>
/// The ergotropy locked in correlations (R18): for cells with a non-interacting H0 = sum_i H_i the energy after product
/// unitaries U_1 (x) ... (x) U_n separates into sum_i tr(U_i rho_i U_i^dag H_i), so the most work local unitaries extract is
/// sum_i W(rho_i, H_i), and W(rho, H0) - sum_i W(rho_i, H_i) &gt;= 0 is the work only a global (entangling) unitary reaches: the
/// ergotropic gap of Alimuddin, Guha and Parashar [AGP19]. H0 must have no interaction: it is read back as
/// sum_i H_i (x) 1 - (n - 1) tr(H0)/D, each H_i the partial trace of H0 over the other cells divided by their dimension, and a
/// remainder larger than 1e-10 max|H0| is refused (use the local ergotropy of R18 for interacting batteries).
/// </summary>
public static class LockedErgotropy
{
    private const string Op = "LockedErgotropy.Compute";

    /// <summary>The locked ergotropy of <paramref name="rho"/> on cells of <paramref name="dims"/> under <paramref name="h0"/>.</summary>
    public static LockedErgotropyResult Compute(DensityMatrix rho, Operator h0, Dims dims)
    {
        ArgumentNullException.ThrowIfNull(rho);
        ArgumentNullException.ThrowIfNull(h0);
        ArgumentNullException.ThrowIfNull(dims);
        if (dims.Count < 2)
            throw new ValidationException(Op, "dims", "at least two cells", $"dims {dims}");
        if (dims.Total != rho.Dims.Total || dims.Total != h0.Dimension)
            throw new DimensionMismatchException(Op, "dims", $"dimensions whose product is the state's dimension {rho.Dims.Total}", $"dims {dims} (product {dims.Total})");
        var state = DensityMatrix.Own(rho.ToMatrix(), dims);
        var h = h0.ToDense();
        var n = dims.Count;
        var terms = new Operator[n];
        var rebuilt = ComplexMatrix.Identity(dims.Total) * (-(n - 1) * h.Trace().Real / dims.Total);
        for (var i = 0; i < n; i++)
        {
            var local = Subsystems.PartialTraceKeep(h, dims.AsSpan(), [i]) * (1.0 * dims[i] / dims.Total);
            terms[i] = Operator.FromDense(local, new Dims(dims[i]));
            rebuilt += Operators.Embed(terms[i], i, dims).ToDense();
        }
        var residual = (h - rebuilt).MaxAbs();
        if (residual > 1e-10 * Math.Max(1, h.MaxAbs()))
            throw new ValidationException(Op, "h0", "a non-interacting H0 (a sum of terms on single cells) for the locked ergotropy", $"an interaction: max |H0 - sum_i H_i| = {QBattException.Num(residual)}");
        var global = Ergotropy.Compute(state, Operator.FromDense(h, dims)).Value;
        var locals = new double[n];
        for (var i = 0; i < n; i++) locals[i] = Ergotropy.Compute(state.PartialTraceKeep(i), terms[i]).Value;
        // not clamped: a value below 0 beyond rounding would be a defect, and rounding shows as it is
        return new LockedErgotropyResult(global, locals, global - locals.Sum(), terms);
    }
}
