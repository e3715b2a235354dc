using System.CommandLine;
using System.CommandLine.Parsing;

namespace QBatt.Cli.Sweeps;

/// <summary>
/// Checks sweep values with the command's own option parsers before any point runs, so that a
/// value the command would refuse is reported once, with where it came from, instead of failing
/// every point that uses it.
/// </summary>
internal sealed class ValueChecker(Command root, CommandParameters parameters)
{
    private readonly HashSet<(string, string)> _checked = [];

    /// <summary>Parses <c>COMMAND --name value</c> and reports the errors that belong to the option.</summary>
    public void CheckValue(CommandParameter p, string value, Func<string, Exception> fail)
    {
        if (p.Kind == ParameterKind.Flag || !_checked.Add((p.Name, value))) return;
        var parse = root.Parse([parameters.Command, p.Flag, value]);
        var error = parse.Errors.FirstOrDefault(e => Belongs(e.SymbolResult, p.Option));
        if (error is not null) throw fail(error.Message);
    }

    /// <summary>Parses a whole point: what single values cannot show (a required option missing, options that exclude each other at parse time).</summary>
    public void CheckPoint(SweepPoint point, Func<string, Exception> fail)
    {
        var parse = root.Parse([.. point.Args, "--json"]);
        if (parse.Errors.Count > 0) throw fail($"qbatt {string.Join(' ', point.Args)}: {parse.Errors[0].Message}");
    }

    private static bool Belongs(SymbolResult? r, Option option)
    {
        for (; r is not null; r = r.Parent)
        {
            if (r is OptionResult o && o.Option == option) return true;
        }
        return false;
    }
}

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): the random stream of one draw of a sweep, a function
/// of the seed and the draw's index only, so any shard recomputes any draw and a release of .NET
/// cannot change the values.
/// </summary>
internal sealed class RandomStream(ulong state)
{
    public static RandomStream ForDraw(long seed, long draw) =>
        new(Mix(unchecked((ulong)seed) ^ Mix(unchecked((ulong)draw) + 0x632BE59BD9B4E019UL)));

    public ulong Next()
    {
        state = unchecked(state + 0x9E3779B97F4A7C15UL);
        return Mix(state);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n) without modulo bias (rejection); n = 0 stands for 2^64.</summary>
    public ulong Below(ulong n)
    {
        if (n == 0) return Next();
        var limit = ulong.MaxValue - ulong.MaxValue % n;
        ulong v;
        do v = Next(); while (v >= limit);
        return v % n;
    }

    private static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
