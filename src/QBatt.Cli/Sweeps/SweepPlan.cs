using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QBatt.Cli.Sweeps;

/// <summary>
/// One axis of a sweep: its parameters and, for each of its points, one value per parameter. A grid
/// axis has one parameter; a zipped axis several that vary together; a random axis one draw per point.
/// </summary>
internal sealed record SweepAxis(string Kind, IReadOnlyList<CommandParameter> Parameters, IReadOnlyList<string[]> Values)
{
    public int Length => Values.Count;
}

/// <summary>One point: its position in the sweep, the command line that runs it and its parameters.</summary>
internal sealed record SweepPoint(long Index, IReadOnlyList<string> Args, JsonObject Parameters)
{
    /// <summary>The identity of the point: its command line as a JSON array (the same parameters give the same key).</summary>
    public string Key => KeyOf(Args);

    public static string KeyOf(IEnumerable<string> args) => JsonSerializer.Serialize(args.ToArray());
}

/// <summary>
/// A sweep: a command, parameters fixed for every point and axes whose product is the set of points.
/// Points are numbered in row-major order over the axes (the last axis varies fastest), which is
/// also the order of the grids written for the sweep. Each point runs <c>qbatt COMMAND ARGS --json</c>.
/// </summary>
internal sealed class SweepPlan
{
    /// <summary>Most points a sweep may have.</summary>
    public const long MaxPoints = 10_000_000;

    private readonly List<(CommandParameter Parameter, int Axis, int Column, string? Value)> _order;
    private readonly IReadOnlyList<string> _extra;

    /// <param name="command">The command name.</param>
    /// <param name="order">Every parameter in the order given: fixed ones with their value, the others with their axis and column.</param>
    /// <param name="axes">The axes.</param>
    /// <param name="what">Names the sweep in errors (the file or "the command line").</param>
    /// <param name="extraArgs">Arguments every point passes as written, after the command name (the rest of a command line that has lists).</param>
    public SweepPlan(string command, IEnumerable<(CommandParameter Parameter, int Axis, int Column, string? Value)> order, IReadOnlyList<SweepAxis> axes, string what, IReadOnlyList<string>? extraArgs = null)
    {
        Command = command;
        _extra = extraArgs ?? [];
        _order = [.. order];
        Axes = axes;
        long count = 1;
        foreach (var a in axes)
        {
            count *= a.Length;
            if (count > MaxPoints)
                throw new UsageException($"{what}: expected at most {MaxPoints} points, got more ({string.Join(" x ", axes.Select(x => x.Length))})");
        }
        Count = count;
    }

    public string Command { get; }

    public IReadOnlyList<SweepAxis> Axes { get; }

    public long Count { get; }

    /// <summary>The parameters that vary, in the order given.</summary>
    public IReadOnlyList<CommandParameter> Varying => [.. _order.Where(o => o.Axis >= 0).Select(o => o.Parameter)];

    /// <summary>The parameters fixed for every point, with their values.</summary>
    public IReadOnlyList<(CommandParameter Parameter, string Value)> Fixed => [.. _order.Where(o => o.Axis < 0).Select(o => (o.Parameter, o.Value!))];

    /// <summary>The position of a point along each axis.</summary>
    public int[] Coordinates(long index)
    {
        var c = new int[Axes.Count];
        for (var a = Axes.Count - 1; a >= 0; a--)
        {
            c[a] = (int)(index % Axes[a].Length);
            index /= Axes[a].Length;
        }
        return c;
    }

    public SweepPoint Point(long index)
    {
        if (index < 0 || index >= Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"a point index in [0, {Count})");
        var c = Coordinates(index);
        var args = new List<string> { Command };
        args.AddRange(_extra);
        var parameters = new JsonObject();
        foreach (var (p, axis, column, fixedValue) in _order)
        {
            var value = axis < 0 ? fixedValue! : Axes[axis].Values[c[axis]][column];
            parameters[p.Name] = Typed(p, value);
            if (p.Kind == ParameterKind.Flag)
            {
                if (value == "true") args.Add(p.Flag);
            }
            else
            {
                args.Add(p.Flag);
                args.Add(value);
            }
        }
        return new SweepPoint(index, args, parameters);
    }

    /// <summary>The points of shard <paramref name="shard"/> (every point without one), in index order.</summary>
    public IEnumerable<long> Indices(Shard? shard)
    {
        for (var i = shard?.Index ?? 0; i < Count; i += shard?.Count ?? 1) yield return i;
    }

    /// <summary>A parameter value as JSON: numbers for numeric options and for a single number given to a list option, booleans for switches, else the text.</summary>
    public static JsonNode? Typed(CommandParameter p, string value) => p.Kind switch
    {
        ParameterKind.Flag => JsonValue.Create(value == "true"),
        ParameterKind.Integer or ParameterKind.List when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
        ParameterKind.Real or ParameterKind.List when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => JsonValue.Create(d),
        _ => JsonValue.Create(value),
    };
}

/// <summary>A deterministic slice of a sweep: the points whose index is Index modulo Count (0 &lt;= Index &lt; Count).</summary>
internal sealed record Shard(int Index, int Count)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>The directory of the shard's files under the sweep directory, e.g. shards/003-of-010.</summary>
    public string Directory
    {
        get
        {
            var width = Count.ToString(CultureInfo.InvariantCulture).Length;
            return Path.Combine("shards", $"{Index.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0')}-of-{Count.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>Parses <c>i/n</c>.</summary>
    /// <exception cref="UsageException">Not of the form i/n with 0 &lt;= i &lt; n.</exception>
    public static Shard Parse(string text, string name = "--shard")
    {
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            || !int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            throw new UsageException($"{name}: expected i/n (shard i of n, 0 <= i < n), got '{text}'");
        if (n < 1 || i >= n)
            throw new UsageException($"{name}: expected i/n with 0 <= i < n, got '{text}' (index {i} out of range for {n} shard(s))");
        return new Shard(i, n);
    }
}
