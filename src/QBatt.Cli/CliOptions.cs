using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace QBatt.Cli;

/// <summary>
/// Option factories with QBatt's value syntax (DESIGN.md, CLI conventions): lists as
/// <c>1,2,3</c>, integer ranges as <c>1..50</c>, complex numbers as <c>1.5+0.2i</c>. Values that do
/// not parse become parse errors naming the option, what was expected and what came (exit code 2).
/// </summary>
internal static class CliOptions
{
    public static Option<double[]> Doubles(string name, string description, bool required = false) =>
        Custom(name, description, required, text => ParseDoubles(text, name));

    public static Option<int[]> IntRanges(string name, string description, bool required = false) =>
        Custom(name, description, required, text => ParseIntRanges(text, name));

    public static Option<Complex> ComplexNumber(string name, string description, bool required = false) =>
        Custom(name, description, required, text => ParseComplex(text, name));

    public static Option<int> Int(string name, string description, int? defaultValue = null, int min = int.MinValue, bool required = false)
    {
        var o = Custom(name, description, required, text =>
        {
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
                throw new UsageException($"{name}: expected an integer, got '{text}'");
            if (v < min)
                throw new UsageException($"{name}: expected an integer >= {min}, got {v}");
            return v;
        });
        if (defaultValue is { } d) o.DefaultValueFactory = _ => d;
        return o;
    }

    public static Option<double> Double(string name, string description, double? defaultValue = null, bool required = false, bool positive = false, bool nonNegative = false)
    {
        var o = Custom(name, description, required, text =>
        {
            var v = ParseDouble(text, name);
            if (positive && !(v > 0))
                throw new UsageException($"{name}: expected a positive number, got {text}");
            if (nonNegative && !(v >= 0))
                throw new UsageException($"{name}: expected a non-negative number, got {text}");
            return v;
        });
        if (defaultValue is { } d) o.DefaultValueFactory = _ => d;
        return o;
    }

    public static Option<string> Choice(string name, string description, string[] choices, string? defaultValue = null, bool required = false)
    {
        var o = Custom(name, description, required, text =>
        {
            var match = choices.FirstOrDefault(c => c.Equals(text, StringComparison.OrdinalIgnoreCase));
            return match ?? throw new UsageException($"{name}: expected one of {string.Join(", ", choices)}, got '{text}'");
        });
        if (defaultValue is not null) o.DefaultValueFactory = _ => defaultValue;
        o.HelpName = string.Join("|", choices);
        return o;
    }

    public static Option<string> File(string name, string description, bool required = false, bool mustExist = false)
    {
        return Custom(name, description, required, text =>
        {
            if (string.IsNullOrWhiteSpace(text))
                throw new UsageException($"{name}: expected a file path, got an empty value");
            if (mustExist && Directory.Exists(text))
                throw new UsageException($"{name}: expected a file, got '{text}' (a directory)");
            if (mustExist && !System.IO.File.Exists(text))
                throw new UsageException($"{name}: expected an existing file, got '{text}' (not found)");
            return text;
        });
    }

    /// <summary>
    /// Builds or validates an options record of the library under the CLI's names: a
    /// <see cref="ValidationException"/> about one of the record's properties becomes a
    /// <see cref="UsageException"/> naming the option (<paramref name="names"/>: property, option),
    /// e.g. <c>EvolutionOptions 'AbsoluteTolerance'</c> becomes <c>--atol</c>.
    /// </summary>
    public static T Named<T>(Func<T> build, params (string Property, string Option)[] names)
    {
        ArgumentNullException.ThrowIfNull(build);
        try
        {
            return build();
        }
        catch (ValidationException e) when (names.Any(n => n.Property == e.Argument))
        {
            var option = names.First(n => n.Property == e.Argument).Option;
            throw new UsageException($"{option}: expected {e.Expected}, got {e.Actual}");
        }
    }

    /// <summary>An option whose single value is parsed by <paramref name="parse"/>; a <see cref="UsageException"/> becomes a parse error.</summary>
    public static Option<T> Custom<T>(string name, string description, bool required, Func<string, T> parse)
    {
        return new Option<T>(name)
        {
            Description = description,
            Required = required,
            Arity = ArgumentArity.ExactlyOne,
            CustomParser = result => Run(result, name, parse),
        };
    }

    private static T Run<T>(ArgumentResult result, string name, Func<string, T> parse)
    {
        if (result.Tokens.Count != 1)
        {
            result.AddError($"{name}: expected one value, got {result.Tokens.Count}");
            return default!;
        }
        try
        {
            return parse(result.Tokens[0].Value);
        }
        catch (UsageException e)
        {
            result.AddError(e.Message);
            return default!;
        }
    }

    public static double ParseDouble(string text, string name)
    {
        var t = text.Trim();
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            throw new UsageException($"{name}: expected a number, got '{text}'");
        if (!double.IsFinite(v))
            throw new UsageException($"{name}: expected a finite number, got '{text}'");
        return v;
    }

    public static double[] ParseDoubles(string text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new UsageException($"{name}: expected comma-separated numbers, got an empty value");
        var parts = text.Split(',');
        var r = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var p = parts[i].Trim();
            if (p.Length == 0)
                throw new UsageException($"{name}: expected comma-separated numbers, got an empty item at position {i + 1} in '{text}'");
            if (!double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out r[i]) || !double.IsFinite(r[i]))
                throw new UsageException($"{name}: expected comma-separated finite numbers, got '{p}' at position {i + 1}");
        }
        return r;
    }

    public static int[] ParseIntRanges(string text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new UsageException($"{name}: expected integers or ranges like 1,2,5..10, got an empty value");
        var r = new List<int>();
        foreach (var raw in text.Split(','))
        {
            var p = raw.Trim();
            var dots = p.IndexOf("..", StringComparison.Ordinal);
            if (dots < 0)
            {
                r.Add(ParseIntItem(p, name));
                continue;
            }
            var a = ParseIntItem(p[..dots], name);
            var b = ParseIntItem(p[(dots + 2)..], name);
            if (b < a)
                throw new UsageException($"{name}: expected a range a..b with a <= b, got '{p}'");
            if ((long)b - a > 10_000_000)
                throw new UsageException($"{name}: expected a range of at most 10^7 values, got '{p}'");
            for (var k = a; k <= b; k++) r.Add(k);
        }
        return [.. r];
    }

    private static int ParseIntItem(string p, string name)
    {
        if (!int.TryParse(p.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
            throw new UsageException($"{name}: expected integers or ranges like 1,2,5..10, got '{p}'");
        return v;
    }

    public static Complex ParseComplex(string text, string name)
    {
        var t = text.Trim().Replace(" ", "", StringComparison.Ordinal);
        var error = new UsageException($"{name}: expected a complex number like 1.5, 0.2i or 1.5+0.2i, got '{text}'");
        if (t.Length == 0) throw error;
        double re = 0, im = 0;
        if (t[^1] is 'i' or 'j')
        {
            var body = t[..^1];
            // the sign that starts the imaginary part: the last + or - not at the start and not in an exponent
            var k = body.Length - 1;
            while (k > 0 && !((body[k] is '+' or '-') && body[k - 1] is not ('e' or 'E'))) k--;
            var imText = k > 0 ? body[k..] : body;
            if (k > 0 && !TryNumber(body[..k], out re)) throw error;
            im = imText switch
            {
                "" or "+" => 1,
                "-" => -1,
                _ => TryNumber(imText, out var v) ? v : throw error,
            };
        }
        else if (!TryNumber(t, out re))
        {
            throw error;
        }
        if (!double.IsFinite(re) || !double.IsFinite(im))
            throw new UsageException($"{name}: expected a finite complex number, got '{text}'");
        return new Complex(re, im);
    }

    private static bool TryNumber(string s, out double v) =>
        double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out v);
}
