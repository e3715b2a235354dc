using System.CommandLine;
using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QBatt.Cli.Sweeps;

/// <summary>
/// Reads a sweep file (docs/sweeps.md): <c>command</c> (or <c>model</c>, a model file for
/// <c>qbatt evolve</c>), <c>parameters</c> (a value is fixed, a list is a grid axis, a scalar
/// number option also takes the command-line list and range syntax), <c>zip</c> (lists of equal
/// length that vary together) and <c>random</c> (seeded draws). Every option of the command is
/// named by its long name without dashes. A bad file gives one line naming the file and the field's
/// path, e.g. <c>sweep.yaml: parameters.coupling[1]: ...</c>.
/// </summary>
internal static class SweepFile
{
    private static readonly string[] TopKeys = ["command", "model", "parameters", "zip", "random", "description"];
    private static readonly string[] RandomKeys = ["seed", "draws", "parameters"];
    private static readonly string[] Distributions = ["uniform", "loguniform", "integers", "choice"];

    public static SweepPlan Parse(string text, string file, Command root)
    {
        var name = Path.GetFileName(file);
        YamlMappingNode top;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            top = stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode m
                ? m
                : throw Error(name, "", "expected one YAML mapping with command and parameters");
        }
        catch (YamlException e)
        {
            throw Error(name, $"line {e.Start.Line}", Files(e.Message));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet's own state errors on some malformed flow collections (found by FuzzTests), e.g. "[1{ 1.2]"
            throw Error(name, "syntax", $"expected valid YAML, got text the YAML reader stopped on ({Files(e.Message)})");
        }
        var reader = new Reader(name, root);
        try
        {
            return reader.Read(top);
        }
        catch (InvalidOperationException e)
        {
            // a YAML node the reader cannot interpret (e.g. an alias where a scalar belongs)
            throw Error(name, "syntax", $"expected valid YAML of the sweep-file form, got a node the reader cannot interpret ({Files(e.Message)})");
        }
    }

    private static string Files(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    private static UsageException Error(string file, string path, string message) =>
        new(path.Length == 0 ? $"{file}: {message}" : $"{file}: {path}: {message}");

    private sealed class Reader(string file, Command root)
    {
        private readonly List<(CommandParameter Parameter, int Axis, int Column, string? Value)> _order = [];
        private readonly List<SweepAxis> _axes = [];
        private readonly Dictionary<string, string> _given = new(StringComparer.Ordinal);
        private CommandParameters _params = null!;
        private ValueChecker _checker = null!;

        public SweepPlan Read(YamlMappingNode top)
        {
            foreach (var key in top.Children.Keys)
            {
                var k = Scalar(key, "");
                if (!TopKeys.Contains(k))
                    throw Fail(k, $"unknown key (expected one of {string.Join(", ", TopKeys)})");
            }
            var command = Optional(top, "command");
            var model = Optional(top, "model");
            if (command is not null && model is not null)
                throw Fail("model", "expected either command or model, got both");
            if (command is null && model is null)
                throw Fail("command", "missing (name the command to run, e.g. command: dicke)");
            var commandName = command is not null ? Scalar(command, "command") : "charge";
            _params = CommandParameters.For(root, commandName)
                ?? throw Fail("command", $"unknown command '{commandName}' (expected one of {string.Join(", ", CommandParameters.Commands(root))})");
            _checker = new ValueChecker(root, _params);
            if (model is not null)
            {
                var p = _params.Find("model") ?? throw Fail("model", "qbatt evolve takes no --model here");
                Fix(p, Scalar(model, "model"), "model");
            }
            if (Optional(top, "parameters") is { } parameters)
                ReadParameters(Mapping(parameters, "parameters"), "parameters");
            if (Optional(top, "zip") is { } zip)
                ReadZip(zip);
            if (Optional(top, "random") is { } random)
                ReadRandom(Mapping(random, "random"));
            var plan = new SweepPlan(commandName, _order, _axes, file);
            if (plan.Count > 0) _checker.CheckPoint(plan.Point(0), m => Fail("parameters", m));
            return plan;
        }

        private void ReadParameters(YamlMappingNode map, string at)
        {
            foreach (var (keyNode, value) in map.Children)
            {
                var (p, path) = Parameter(keyNode, at);
                switch (value)
                {
                    case YamlSequenceNode seq:
                        AddAxis("grid", [p], [.. Values(p, seq, path).Select(v => new[] { v })], path);
                        break;
                    case YamlScalarNode s:
                        var text = ScalarValue(s, path);
                        if (p.IsScalarNumber && ValueList.IsList(text))
                            AddAxis("grid", [p], [.. Expand(p, text, path).Select(v => new[] { v })], path);
                        else
                            Fix(p, Check(p, text, path), path);
                        break;
                    default:
                        throw Fail(path, "expected a value or a list of values, got a mapping");
                }
            }
        }

        private void ReadZip(YamlNode zip)
        {
            var groups = zip switch
            {
                YamlMappingNode m => [(m, "zip")],
                YamlSequenceNode s => s.Children.Select((g, k) => (Mapping(g, $"zip[{k}]"), $"zip[{k}]")).ToList(),
                _ => throw Fail("zip", "expected a mapping of parameter lists of equal length (or a list of such mappings)"),
            };
            foreach (var (map, at) in groups)
            {
                var ps = new List<CommandParameter>();
                var columns = new List<List<string>>();
                string? first = null;
                foreach (var (keyNode, value) in map.Children)
                {
                    var (p, path) = Parameter(keyNode, at);
                    var values = value switch
                    {
                        YamlSequenceNode seq => Values(p, seq, path),
                        YamlScalarNode s when p.IsScalarNumber && ValueList.IsList(ScalarValue(s, path)) => Expand(p, ScalarValue(s, path), path),
                        _ => throw Fail(path, "expected a list of values"),
                    };
                    if (columns.Count > 0 && values.Count != columns[0].Count)
                        throw Fail(path, $"expected {columns[0].Count} values (as many as {first}), got {values.Count}");
                    first ??= path;
                    ps.Add(p);
                    columns.Add(values);
                }
                if (ps.Count == 0)
                    throw Fail(at, "empty zip (expected parameter lists of equal length)");
                var rows = Enumerable.Range(0, columns[0].Count).Select(r => columns.Select(c => c[r]).ToArray()).ToList();
                AddAxis("zip", ps, rows, at);
            }
        }

        private void ReadRandom(YamlMappingNode map)
        {
            foreach (var key in map.Children.Keys)
            {
                var k = Scalar(key, "random");
                if (!RandomKeys.Contains(k))
                    throw Fail($"random.{k}", $"unknown key (expected one of {string.Join(", ", RandomKeys)})");
            }
            var seed = Integer(Optional(map, "seed") ?? throw Fail("random.seed", "missing (every random draw needs an explicit seed)"), "random.seed", long.MinValue);
            var draws = Integer(Optional(map, "draws") ?? throw Fail("random.draws", "missing (the number of draws)"), "random.draws", 1);
            if (draws > SweepPlan.MaxPoints)
                throw Fail("random.draws", $"expected at most {SweepPlan.MaxPoints} draws, got {draws}");
            var specs = Mapping(Optional(map, "parameters") ?? throw Fail("random.parameters", "missing (the distribution of each drawn parameter)"), "random.parameters");
            var ps = new List<CommandParameter>();
            var dists = new List<Func<RandomStream, string>>();
            foreach (var (keyNode, value) in specs.Children)
            {
                var (p, path) = Parameter(keyNode, "random.parameters");
                ps.Add(p);
                dists.Add(Distribution(p, Mapping(value, path), path));
            }
            if (ps.Count == 0)
                throw Fail("random.parameters", "empty (expected at least one drawn parameter)");
            var rows = new List<string[]>((int)draws);
            for (var d = 0; d < draws; d++)
            {
                var rng = RandomStream.ForDraw(seed, d);
                rows.Add([.. dists.Select(f => f(rng))]);
            }
            AddAxis("random", ps, rows, "random.parameters");
        }

        private Func<RandomStream, string> Distribution(CommandParameter p, YamlMappingNode spec, string path)
        {
            if (spec.Children.Count != 1)
                throw Fail(path, $"expected one distribution ({string.Join(", ", Distributions)}), got {spec.Children.Count}");
            var (kNode, args) = spec.Children.First();
            var kind = Scalar(kNode, path);
            var at = $"{path}.{kind}";
            if (!Distributions.Contains(kind))
                throw Fail(at, $"unknown distribution (expected one of {string.Join(", ", Distributions)})");
            var list = args as YamlSequenceNode ?? throw Fail(at, kind == "choice" ? "expected a list of values" : "expected [low, high]");
            if (kind == "choice")
            {
                var values = Values(p, list, at);
                return r => values[(int)r.Below((ulong)values.Count)];
            }
            if (list.Children.Count != 2)
                throw Fail(at, $"expected [low, high], got {list.Children.Count} value(s)");
            if (kind == "integers")
            {
                if (p.Kind is not (ParameterKind.Integer or ParameterKind.Real))
                    throw Fail(at, $"expected a numeric parameter for integers, got {p.Name} ({p.Kind})");
                long lo = Integer(list.Children[0], $"{at}[0]", long.MinValue), hi = Integer(list.Children[1], $"{at}[1]", long.MinValue);
                if (hi < lo) throw Fail(at, $"expected low <= high, got [{lo}, {hi}]");
                Check(p, lo.ToString(CultureInfo.InvariantCulture), $"{at}[0]");
                Check(p, hi.ToString(CultureInfo.InvariantCulture), $"{at}[1]");
                return r => (lo + (long)r.Below((ulong)(hi - lo) + 1)).ToString(CultureInfo.InvariantCulture);
            }
            if (p.Kind != ParameterKind.Real)
                throw Fail(at, $"expected a real parameter for {kind} (use integers for integer options), got {p.Name} ({p.Kind})");
            double a = Real(list.Children[0], $"{at}[0]"), b = Real(list.Children[1], $"{at}[1]");
            if (!(b > a)) throw Fail(at, $"expected low < high, got [{ValueList.Format(a)}, {ValueList.Format(b)}]");
            if (kind == "loguniform" && !(a > 0)) throw Fail(at, $"expected 0 < low for loguniform, got {ValueList.Format(a)}");
            Check(p, ValueList.Format(a), $"{at}[0]");
            Check(p, ValueList.Format(b), $"{at}[1]");
            return kind == "uniform"
                ? r => ValueList.Format(a + (b - a) * r.NextDouble())
                : r => ValueList.Format(Math.Exp(Math.Log(a) + (Math.Log(b) - Math.Log(a)) * r.NextDouble()));
        }

        private (CommandParameter P, string Path) Parameter(YamlNode keyNode, string at)
        {
            var name = Scalar(keyNode, at);
            var path = $"{at}.{name}";
            var p = _params.Find(name)
                ?? throw Fail(path, $"unknown parameter of qbatt {_params.Command} (expected one of {string.Join(", ", _params.All.Select(x => x.Name))})");
            if (_given.TryGetValue(name, out var before))
                throw Fail(path, $"{name} is given twice (also at {before})");
            _given[name] = path;
            return (p, path);
        }

        private List<string> Values(CommandParameter p, YamlSequenceNode seq, string path)
        {
            if (seq.Children.Count == 0)
                throw Fail(path, "empty grid (expected at least one value)");
            var values = new List<string>();
            for (var k = 0; k < seq.Children.Count; k++)
            {
                var at = $"{path}[{k}]";
                switch (seq.Children[k])
                {
                    case YamlScalarNode s:
                        var text = ScalarValue(s, at);
                        if (p.IsScalarNumber && ValueList.IsList(text)) values.AddRange(Expand(p, text, at));
                        else values.Add(Check(p, text, at));
                        break;
                    case YamlSequenceNode inner when p.Kind == ParameterKind.List:
                        var joined = string.Join(",", inner.Children.Select((c, j) => Scalar(c, $"{at}[{j}]")));
                        values.Add(Check(p, joined, at));
                        break;
                    default:
                        throw Fail(at, p.Kind == ParameterKind.List ? "expected a value or a list" : "expected a single value");
                }
            }
            return values;
        }

        private List<string> Expand(CommandParameter p, string text, string path)
        {
            List<string> values;
            try
            {
                values = ValueList.Expand(text, p.Name, p.Kind == ParameterKind.Integer);
            }
            catch (UsageException e)
            {
                throw Fail(path, e.Message);
            }
            foreach (var v in values) Check(p, v, path);
            return values;
        }

        private string Check(CommandParameter p, string value, string path)
        {
            if (p.Kind == ParameterKind.Flag && value is not ("true" or "false"))
                throw Fail(path, $"expected true or false for the switch --{p.Name}, got '{value}'");
            _checker.CheckValue(p, value, m => Fail(path, m));
            return value;
        }

        private void Fix(CommandParameter p, string value, string path)
        {
            _given.TryAdd(p.Name, path);
            _order.Add((p, -1, 0, value));
        }

        private void AddAxis(string kind, List<CommandParameter> ps, List<string[]> rows, string path)
        {
            if (rows.Count == 0) throw Fail(path, "empty grid (expected at least one value)");
            for (var c = 0; c < ps.Count; c++) _order.Add((ps[c], _axes.Count, c, null));
            _axes.Add(new SweepAxis(kind, ps, rows));
        }

        private static YamlNode? Optional(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

        private YamlMappingNode Mapping(YamlNode node, string path) =>
            node as YamlMappingNode ?? throw Fail(path, "expected a mapping");

        private string Scalar(YamlNode node, string path) =>
            node is YamlScalarNode { Value: { Length: > 0 } v } ? v : throw Fail(path, "expected a non-empty value");

        private string ScalarValue(YamlScalarNode s, string path) =>
            s.Value is { Length: > 0 } v ? v.Trim() : throw Fail(path, "expected a value, got an empty one");

        private long Integer(YamlNode node, string path, long min)
        {
            var t = Scalar(node, path);
            if (!long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
                throw Fail(path, $"expected an integer, got '{t}'");
            if (v < min) throw Fail(path, $"expected an integer >= {min}, got {v}");
            return v;
        }

        private double Real(YamlNode node, string path)
        {
            var t = Scalar(node, path);
            return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
                ? v
                : throw Fail(path, $"expected a finite number, got '{t}'");
        }

        private UsageException Fail(string path, string message) => Error(file, path, message);
    }
}
