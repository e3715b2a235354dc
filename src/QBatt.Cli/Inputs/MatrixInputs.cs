using System.Globalization;
using QBatt.IO;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Cli.Inputs;

/// <summary>
/// States, Hamiltonians and subsystem dimensions read from files and lists for the commands of the
/// ergotropy family (R18): every refusal is one line naming the option, what was expected and what came.
/// </summary>
internal static class MatrixInputs
{
    /// <summary>Parses <c>--dims d1,d2,...</c>: at least <paramref name="minCount"/> integers, each at least 1.</summary>
    public static int[] ParseDims(string text, string name, int minCount, int? exactCount = null)
    {
        var parts = text.Split(',');
        var dims = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out dims[i]) || dims[i] < 1)
                throw new UsageException($"{name}: expected comma-separated dimensions >= 1, got '{parts[i].Trim()}' at position {i + 1}");
        }
        if (exactCount is { } n && dims.Length != n)
            throw new UsageException($"{name}: expected {n} dimensions, got {dims.Length} ('{text}')");
        if (dims.Length < minCount)
            throw new UsageException($"{name}: expected at least {minCount} dimensions, got {dims.Length} ('{text}')");
        return dims;
    }

    /// <summary>A density matrix from a file: square, finite, Hermitian (1e-10), unit trace (1e-9), positive semidefinite (1e-10).</summary>
    public static ComplexMatrix ReadState(string path, string option)
    {
        var m = MatrixFile.ReadMatrix(path);
        if (!m.IsSquare)
            throw new UsageException($"{option}: expected a square matrix, got {m.Rows}x{m.Cols}");
        m.RequireFinite(option, "rho");
        var herm = m.HermiticityError();
        if (herm > 1e-10)
            throw new UsageException($"{option}: expected a Hermitian matrix, got max |rho - rho^dag| = {QBattException.Num(herm)}");
        var trace = m.Trace().Real;
        if (Math.Abs(trace - 1) > CellInput.TraceTolerance)
            throw new UsageException($"{option}: expected a state of unit trace (within 1e-9), got trace {CellInput.Num(trace)}");
        return m;
    }

    /// <summary>The validated state with its dims; positivity is refused on the option's name.</summary>
    public static DensityMatrix State(ComplexMatrix m, Dims dims, string option)
    {
        try
        {
            return new DensityMatrix(m, dims, new ValidationTolerances(Trace: CellInput.TraceTolerance));
        }
        catch (ValidationException e)
        {
            throw new UsageException($"{option}: expected {e.Expected}, got {e.Actual}");
        }
    }

    /// <summary>A Hermitian matrix of dimension <paramref name="dim"/> (what it is: <paramref name="what"/>) from a file.</summary>
    public static ComplexMatrix ReadHermitian(string path, string option, int dim, string what)
    {
        var h = MatrixFile.ReadMatrix(path);
        if (h.Rows != dim || h.Cols != dim)
            throw new UsageException($"{option}: expected a {dim}x{dim} matrix ({what}), got {h.Rows}x{h.Cols}");
        h.RequireFinite(option, "h");
        if (h.MaxAbs() > Ergotropy.MaxEnergyMagnitude)
            throw new UsageException($"{option}: expected entries of magnitude at most 1e150 (beyond, squared energy spreads overflow; rescale H), got {QBattException.Num(h.MaxAbs())}");
        var herm = h.HermiticityError();
        if (herm > 1e-10 * Math.Max(1, h.MaxAbs()))
            throw new UsageException($"{option}: expected a Hermitian matrix, got max |H - H^dag| = {QBattException.Num(herm)}");
        return h;
    }

    /// <summary>Refuses a non-finite result (one line naming the quantity).</summary>
    public static double Finite(double value, string what)
    {
        if (!double.IsFinite(value))
            throw new ConvergenceException($"{what} came out {value.ToString(CultureInfo.InvariantCulture)}; the input is outside the range the optimisation handles");
        return value;
    }
}
