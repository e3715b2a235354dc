using System.Globalization;

namespace QBatt;

/// <summary>
/// Base of every error QBatt raises on purpose. The message is one line that names the
/// operation, the argument, what was expected and what came (DESIGN.md, Conventions).
/// </summary>
public abstract class QBattException : Exception
{
    /// <summary>Creates the error from its parts; <see cref="Exception.Message"/> joins them.</summary>
    protected QBattException(string operation, string argument, string expected, string actual)
        : base(Compose(operation, argument, expected, actual))
    {
        Operation = operation;
        Argument = argument;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>Creates the error with a ready one-line message.</summary>
    protected QBattException(string message) : base(message)
    {
        Operation = Argument = Expected = Actual = "";
    }

    /// <summary>The operation that refused its input, e.g. <c>Multiply</c>.</summary>
    public string Operation { get; }

    /// <summary>The argument at fault, e.g. <c>right</c>.</summary>
    public string Argument { get; }

    /// <summary>What the operation expected.</summary>
    public string Expected { get; }

    /// <summary>What it received.</summary>
    public string Actual { get; }

    /// <summary>True when the caller is at fault (exit code 2 in the CLI); false for run-time failures (exit code 1).</summary>
    public virtual bool IsInputError => true;

    private static string Compose(string operation, string argument, string expected, string actual) =>
        $"{operation}: argument '{argument}' expected {expected}, got {actual}.";

    /// <summary>Formats a number for messages with enough digits to be useful and no culture.</summary>
    public static string Num(double x) => x.ToString("g6", CultureInfo.InvariantCulture);
}

/// <summary>Operands whose sizes or subsystem dimensions do not fit together.</summary>
public sealed class DimensionMismatchException : QBattException
{
    /// <inheritdoc cref="QBattException(string, string, string, string)"/>
    public DimensionMismatchException(string operation, string argument, string expected, string actual)
        : base(operation, argument, expected, actual) { }
}

/// <summary>
/// A value that violates a required property: NaN or infinite entries, a non-Hermitian matrix
/// where a Hermitian one is required, a density matrix that is not positive or not of unit trace,
/// an out-of-range parameter.
/// </summary>
public sealed class ValidationException : QBattException
{
    /// <inheritdoc cref="QBattException(string, string, string, string)"/>
    public ValidationException(string operation, string argument, string expected, string actual)
        : base(operation, argument, expected, actual) { }
}

/// <summary>An iterative method that did not reach its tolerance, or a numerical routine that failed.</summary>
public sealed class ConvergenceException : QBattException
{
    /// <summary>Creates the error with a one-line message naming the routine and what failed.</summary>
    public ConvergenceException(string message) : base(message) { }

    /// <inheritdoc/>
    public override bool IsInputError => false;
}

/// <summary>A request that cannot be met on this machine, e.g. a size whose memory exceeds what is available.</summary>
public sealed class ResourceException : QBattException
{
    /// <inheritdoc cref="QBattException(string, string, string, string)"/>
    public ResourceException(string operation, string argument, string expected, string actual)
        : base(operation, argument, expected, actual) { }
}

/// <summary>Small argument guards that raise QBatt's errors with uniform messages.</summary>
public static class Guard
{
    /// <summary>Requires every entry of <paramref name="values"/> to be finite.</summary>
    public static void Finite(ReadOnlySpan<System.Numerics.Complex> values, string operation, string argument)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var z = values[i];
            if (!double.IsFinite(z.Real) || !double.IsFinite(z.Imaginary))
                throw new ValidationException(operation, argument, "finite entries", $"{z.Real.ToString(CultureInfo.InvariantCulture)}{(z.Imaginary >= 0 ? "+" : "")}{z.Imaginary.ToString(CultureInfo.InvariantCulture)}i at index {i}");
        }
    }

    /// <summary>Requires every entry of <paramref name="values"/> to be finite.</summary>
    public static void Finite(ReadOnlySpan<double> values, string operation, string argument)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new ValidationException(operation, argument, "finite entries", $"{values[i].ToString(CultureInfo.InvariantCulture)} at index {i}");
        }
    }

    /// <summary>Requires a finite value.</summary>
    public static void Finite(double value, string operation, string argument)
    {
        if (!double.IsFinite(value))
            throw new ValidationException(operation, argument, "a finite number", value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Requires a strictly positive, finite value.</summary>
    public static void Positive(double value, string operation, string argument)
    {
        if (!(value > 0) || !double.IsFinite(value))
            throw new ValidationException(operation, argument, "a positive finite number", value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Requires a non-negative, finite value.</summary>
    public static void NonNegative(double value, string operation, string argument)
    {
        if (!(value >= 0) || !double.IsFinite(value))
            throw new ValidationException(operation, argument, "a non-negative finite number", value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Requires an integer at least <paramref name="min"/>.</summary>
    public static void AtLeast(long value, long min, string operation, string argument)
    {
        if (value < min)
            throw new ValidationException(operation, argument, $"an integer >= {min}", value.ToString(CultureInfo.InvariantCulture));
    }
}
