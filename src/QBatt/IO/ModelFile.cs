using System.Globalization;
using System.Numerics;
using QBatt.Dynamics;
using QBatt.Numerics;
using QBatt.Quantum;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QBatt.IO;

/// <summary>
/// A charging model read from a model file (docs/model-files.md): subsystem dims, the battery
/// Hamiltonian H0, the charging Hamiltonian H(t) = static + sum_k f_k(t) H_k, collapse operators, the
/// initial state, the output times (or an end condition), named observables, solver options, what to
/// compute, and the reference it is compared with.
/// </summary>
/// <param name="Name">Free text from the file (or the file name).</param>
/// <param name="Dims">Subsystem dimensions.</param>
/// <param name="Battery">H0, the work reference (R7).</param>
/// <param name="Hamiltonian">H(t).</param>
/// <param name="Collapse">Lindblad collapse operators (empty: closed dynamics).</param>
/// <param name="InitialKet">The initial state when pure.</param>
/// <param name="InitialDensity">The initial state when mixed (exactly one of the two is set).</param>
/// <param name="Times">Output times (strictly increasing), or null when the model ends by its <see cref="End"/> condition.</param>
/// <param name="Observables">Named expectation values to record.</param>
/// <param name="Options">Solver options (defaults overridden by the file's <c>options</c>).</param>
public sealed record ChargingModel(
    string Name,
    Dims Dims,
    Operator Battery,
    Hamiltonian Hamiltonian,
    IReadOnlyList<Operator> Collapse,
    Ket? InitialKet,
    DensityMatrix? InitialDensity,
    IReadOnlyList<double>? Times,
    IReadOnlyList<Observable> Observables,
    EvolutionOptions Options)
{
    /// <summary>The end condition of a protocol (<c>end:</c>), or null for a fixed output grid.</summary>
    public ModelEnd? End { get; init; }

    /// <summary>The reference the model is compared with (<c>reference:</c>), or null.</summary>
    public ModelReference? Reference { get; init; }

    /// <summary>What to compute (<c>compute:</c>; default work and power): work, power, ergotropy, ergotropy_parts, passive_energy, qsl, constraints.</summary>
    public IReadOnlyList<string> Compute { get; init; } = ["work", "power"];
}

/// <summary>How a model's protocol ends (<c>end:</c>).</summary>
/// <param name="Kind"><c>target</c> (first arrival, searched up to the horizon), <c>duration</c>, or <c>max_power</c> (maximal average power up to the horizon).</param>
/// <param name="Time">The horizon or the duration.</param>
/// <param name="TargetKet">The pure target of <c>target</c>.</param>
public sealed record ModelEnd(string Kind, double Time, Ket? TargetKet);

/// <summary>The reference of a model (<c>reference:</c>): another model standing for <paramref name="Parallel"/> copies, compared under <paramref name="Constraints"/>.</summary>
/// <param name="Model">The reference model (one copy).</param>
/// <param name="Parallel">How many copies it stands for.</param>
/// <param name="Constraints">c0, c1, c2 (empty: the plain ratio of maximal average powers).</param>
public sealed record ModelReference(ChargingModel Model, int Parallel, IReadOnlyList<string> Constraints);

/// <summary>
/// Reads model files in YAML or JSON (JSON is read as YAML). Every mistake is a
/// <see cref="ValidationException"/> naming the file and the path of the offending entry, e.g.
/// <c>hamiltonian.drives[0].function.type</c>.
/// </summary>
public static class ModelFile
{
    /// <summary>Most output times a model file may ask for (times.points or an explicit list), as --steps of the battery commands.</summary>
    public const int MaxOutputTimes = 1_000_000;

    /// <summary>The time-function types a model file accepts.</summary>
    public static IReadOnlyList<string> FunctionTypes { get; } = ["constant", "step", "ramp", "sine", "gaussian", "samples"];

    /// <summary>The quantities a model file's <c>compute:</c> may ask for.</summary>
    public static IReadOnlyList<string> ComputeKeys { get; } = ["work", "power", "ergotropy", "ergotropy_parts", "passive_energy", "qsl", "constraints"];

    /// <summary>Largest total stored size of the operators a model file may build (2^31 entries of 20 B); the engine's estimate of the run comes after.</summary>
    private const double MaxOperatorEntries = 1L << 31;

    /// <summary>Reads and validates the model in <paramref name="path"/>.</summary>
    public static ChargingModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
            throw new ValidationException("ModelFile", "path", "a model file", $"'{path}' (a directory)");
        if (!File.Exists(path))
            throw new ValidationException("ModelFile", "path", "an existing model file", $"'{path}' (not found)");
        return Parse(File.ReadAllText(path), Path.GetFileName(path), Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <summary>
    /// Parses a model from text; <paramref name="source"/> names it in error messages, and files it refers to (.npy operators,
    /// sampled pulses, a reference model) are relative to <paramref name="directory"/> (default: the current directory).
    /// </summary>
    public static ChargingModel Parse(string text, string source = "model", string? directory = null) => Parse(text, source, directory, allowReference: true);

    private static ChargingModel Parse(string text, string source, string? directory, bool allowReference)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ValidationException($"model file '{source}'", "syntax", "valid YAML or JSON", $"{OneLine(e.Message)} at line {e.Start.Line}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet's own state errors on some malformed inputs (found by the fuzz test of FuzzTests)
            throw new ValidationException($"model file '{source}'", "syntax", "valid YAML or JSON", OneLine(e.Message));
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ValidationException($"model file '{source}'", "(top level)", "a mapping with dims, battery, hamiltonian, initial and times", "something else");
        try
        {
            return new Reader(source, directory ?? Directory.GetCurrentDirectory(), allowReference).Model(root);
        }
        catch (InvalidOperationException e)
        {
            // a YAML node the reader cannot interpret (e.g. an alias where a scalar belongs), found by the fuzz test
            throw new ValidationException($"model file '{source}'", "syntax", "valid YAML or JSON of the model-file schema", OneLine(e.Message));
        }
    }

    private static string OneLine(string s) => string.Join(' ', s.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private sealed class Reader(string source, string directory, bool allowReference)
    {
        private static readonly string[] TopKeys = ["name", "dims", "battery", "hamiltonian", "collapse", "initial", "times", "observables", "options", "reference", "compute", "end"];
        private Dims _dims = new(1);
        private double _entries;

        private ValidationException Error(string path, string expected, string actual) =>
            new($"model file '{source}'", path, expected, actual);

        private static string Show(YamlNode node) => node switch
        {
            YamlScalarNode s => $"'{s.Value}'",
            YamlSequenceNode => "a list",
            YamlMappingNode => "a mapping",
            _ => "an unknown node",
        };

        private static void CheckKeys(YamlMappingNode map, string path, string[] allowed, Func<string, string, string, ValidationException> error)
        {
            foreach (var k in map.Children.Keys)
            {
                var key = (k as YamlScalarNode)?.Value ?? "";
                if (!allowed.Contains(key))
                    throw error(path.Length == 0 ? key : $"{path}.{key}", $"one of the keys {string.Join(", ", allowed)}", $"unknown key '{key}'");
            }
        }

        private static YamlNode? Get(YamlMappingNode map, string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

        private YamlNode Need(YamlMappingNode map, string key, string path) =>
            Get(map, key) ?? throw Error(path.Length == 0 ? key : $"{path}.{key}", "an entry", "none (missing)");

        private double Number(YamlNode node, string path)
        {
            if (node is YamlScalarNode s && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
                return v;
            throw Error(path, "a finite number", Show(node));
        }

        private int Integer(YamlNode node, string path)
        {
            if (node is YamlScalarNode s && int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
                return v;
            throw Error(path, "an integer", Show(node));
        }

        private Complex ComplexNumber(YamlNode node, string path)
        {
            if (node is YamlScalarNode s && s.Value is { } text)
            {
                var t = text.Trim().Replace(" ", "", StringComparison.Ordinal);
                if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var re) && double.IsFinite(re)) return re;
                if (t.Length > 0 && t[^1] is 'i' or 'j')
                {
                    var body = t[..^1];
                    var k = body.Length - 1;
                    while (k > 0 && !((body[k] is '+' or '-') && body[k - 1] is not ('e' or 'E'))) k--;
                    var imText = k > 0 ? body[k..] : body;
                    var reOk = k <= 0 || double.TryParse(body[..k], NumberStyles.Float, CultureInfo.InvariantCulture, out re);
                    if (k <= 0) re = 0;
                    double im = imText switch { "" or "+" => 1, "-" => -1, _ => double.NaN };
                    if (double.IsNaN(im) && !double.TryParse(imText, NumberStyles.Float, CultureInfo.InvariantCulture, out im)) reOk = false;
                    if (reOk && double.IsFinite(re) && double.IsFinite(im)) return new Complex(re, im);
                }
            }
            throw Error(path, "a number or a complex number like 0.5+0.2i", Show(node));
        }

        private YamlMappingNode Map(YamlNode node, string path) => node as YamlMappingNode ?? throw Error(path, "a mapping", Show(node));

        private YamlSequenceNode List(YamlNode node, string path) => node as YamlSequenceNode ?? throw Error(path, "a list", Show(node));

        private static string Text(YamlNode node) => (node as YamlScalarNode)?.Value ?? "";

        public ChargingModel Model(YamlMappingNode root)
        {
            CheckKeys(root, "", TopKeys, Error);
            var name = Get(root, "name") is { } n ? Scalar(n, "name") : source;
            var dimsNode = List(Need(root, "dims", ""), "dims");
            if (dimsNode.Children.Count == 0) throw Error("dims", "at least one subsystem dimension", "an empty list");
            var dims = dimsNode.Children.Select((d, i) => Integer(d, $"dims[{i}]")).ToArray();
            for (var i = 0; i < dims.Length; i++)
                if (dims[i] < 1) throw Error($"dims[{i}]", "a dimension >= 1", $"{dims[i]}");
            if (dims.Aggregate(1L, (a, b) => a * b) > 1 << 24) throw Error("dims", "a total dimension up to 2^24", $"{dims.Aggregate(1L, (a, b) => a * b)}");
            _dims = new Dims(dims);
            var battery = OperatorSum(Need(root, "battery", ""), "battery");
            battery.RequireHermitian($"model file '{source}'", "battery");
            var hamiltonian = HamiltonianOf(Get(root, "hamiltonian"), battery);
            var collapse = Get(root, "collapse") is { } c
                ? List(c, "collapse").Children.Select((x, i) => OperatorSum(x, $"collapse[{i}]")).ToArray()
                : [];
            var (ket, rho) = Initial(Need(root, "initial", ""), battery, hamiltonian);
            var end = Get(root, "end") is { } en ? End(en, ket) : null;
            var times = Get(root, "times") is { } tn ? Times(tn) : end is null ? throw Error("times", "an entry (output times, or an end: condition)", "none (missing)") : null;
            var observables = Get(root, "observables") is { } o ? Observables(o) : [];
            var options = Options(Get(root, "options"));
            var compute = Get(root, "compute") is { } cn ? Compute(cn) : (IReadOnlyList<string>)["work", "power"];
            var reference = Get(root, "reference") is { } rn ? Reference(rn) : null;
            return new ChargingModel(name, _dims, battery, hamiltonian, collapse, ket, rho, times, observables, options)
            {
                End = end,
                Reference = reference,
                Compute = compute,
            };
        }

        private string Scalar(YamlNode node, string path) =>
            node is YamlScalarNode { Value: { } v } ? v : throw Error(path, "a text value", Show(node));

        private ModelEnd End(YamlNode node, Ket? initialKet)
        {
            var map = Map(node, "end");
            CheckKeys(map, "end", ["target", "horizon", "duration", "max_power"], Error);
            var kinds = new[] { "target", "duration", "max_power" }.Where(k => Get(map, k) is not null).ToArray();
            if (kinds.Length != 1) throw Error("end", "exactly one of target, duration, max_power", kinds.Length == 0 ? "none" : string.Join(", ", kinds));
            switch (kinds[0])
            {
                case "duration":
                    if (Get(map, "horizon") is not null) throw Error("end.horizon", "no horizon with a fixed duration", "a horizon");
                    return new ModelEnd("duration", PositiveTime(Get(map, "duration")!, "end.duration"), null);
                case "max_power":
                    if (Get(map, "horizon") is not null) throw Error("end.horizon", "the horizon as the value of max_power", "a separate horizon");
                    return new ModelEnd("max_power", PositiveTime(Get(map, "max_power")!, "end.max_power"), null);
                default:
                    if (initialKet is null) throw Error("end.target", "a pure initial state for a pure target", "a mixed initial state");
                    var target = StateOf(Map(Get(map, "target")!, "end.target"), "end.target");
                    return new ModelEnd("target", PositiveTime(Need(map, "horizon", "end"), "end.horizon"), target);
            }
        }

        private double PositiveTime(YamlNode node, string path)
        {
            var t = Number(node, path);
            return t > 0 ? t : throw Error(path, "a positive time", QBattException.Num(t));
        }

        private string[] Compute(YamlNode node)
        {
            var list = List(node, "compute");
            var keys = new List<string>();
            for (var k = 0; k < list.Children.Count; k++)
            {
                var key = Scalar(list.Children[k], $"compute[{k}]");
                if (!ComputeKeys.Contains(key)) throw Error($"compute[{k}]", $"one of {string.Join(", ", ComputeKeys)}", $"'{key}'");
                if (keys.Contains(key)) throw Error($"compute[{k}]", "each quantity once", $"'{key}' twice");
                keys.Add(key);
            }
            return [.. keys];
        }

        private ModelReference Reference(YamlNode node)
        {
            if (!allowReference) throw Error("reference", "no reference inside a reference model", "a nested reference");
            var map = Map(node, "reference");
            CheckKeys(map, "reference", ["model", "parallel", "constraints"], Error);
            var modelNode = Need(map, "model", "reference");
            ChargingModel model;
            if (modelNode is YamlMappingNode inline)
            {
                model = new Reader($"{source} (reference.model)", directory, false).Model(inline);
            }
            else
            {
                var file = ResolveFile(modelNode, "reference.model");
                try
                {
                    model = ModelFile.Parse(File.ReadAllText(file), Path.GetFileName(file), Path.GetDirectoryName(file), allowReference: false);
                }
                catch (ValidationException e) when (e.Operation.StartsWith("model file", StringComparison.Ordinal))
                {
                    throw Error($"reference.model ({e.Operation}) {e.Argument}", e.Expected, e.Actual);
                }
            }
            var parallel = Get(map, "parallel") is { } p ? Integer(p, "reference.parallel") : 1;
            if (parallel < 1) throw Error("reference.parallel", "a number of copies >= 1", $"{parallel}");
            var constraints = new List<string>();
            if (Get(map, "constraints") is { } cs)
            {
                var list = List(cs, "reference.constraints");
                for (var k = 0; k < list.Children.Count; k++)
                {
                    var c = Scalar(list.Children[k], $"reference.constraints[{k}]").ToLowerInvariant();
                    if (c is not ("c0" or "c1" or "c2")) throw Error($"reference.constraints[{k}]", "c0, c1 or c2", $"'{c}'");
                    if (constraints.Contains(c)) throw Error($"reference.constraints[{k}]", "each constraint once", $"'{c}' twice");
                    constraints.Add(c);
                }
            }
            return new ModelReference(model, parallel, constraints);
        }

        /// <summary>A file named in the model, relative to the model file's directory; it must exist.</summary>
        private string ResolveFile(YamlNode node, string path)
        {
            var name = Scalar(node, path);
            if (name.Length == 0) throw Error(path, "a file name", "an empty value");
            var full = Path.GetFullPath(Path.Combine(directory, name));
            if (Directory.Exists(full)) throw Error(path, "a file", $"'{name}' (a directory)");
            if (!File.Exists(full)) throw Error(path, "an existing file (relative to the model file)", $"'{name}' (not found)");
            return full;
        }

        private Hamiltonian HamiltonianOf(YamlNode? node, Operator battery)
        {
            if (node is null) return new Hamiltonian(battery);
            var map = Map(node, "hamiltonian");
            CheckKeys(map, "hamiltonian", ["static", "drives"], Error);
            var stat = Get(map, "static") is { } s ? OperatorSum(s, "hamiltonian.static") : battery;
            stat.RequireHermitian($"model file '{source}'", "hamiltonian.static");
            var drives = new List<DriveTerm>();
            if (Get(map, "drives") is { } d)
            {
                var list = List(d, "hamiltonian.drives");
                for (var k = 0; k < list.Children.Count; k++)
                {
                    var path = $"hamiltonian.drives[{k}]";
                    var dm = Map(list.Children[k], path);
                    CheckKeys(dm, path, ["operator", "function"], Error);
                    var op = OperatorSum(Need(dm, "operator", path), $"{path}.operator");
                    op.RequireHermitian($"model file '{source}'", $"{path}.operator");
                    drives.Add(new DriveTerm(op, Function(Need(dm, "function", path), $"{path}.function")));
                }
            }
            return new Hamiltonian(stat, drives);
        }

        private TimeFunction Function(YamlNode node, string path)
        {
            var map = Map(node, path);
            var type = Text(Need(map, "type", path)).ToLowerInvariant();
            double P(string key, double? fallback = null)
            {
                var v = Get(map, key);
                if (v is null)
                    return fallback ?? throw Error($"{path}.{key}", $"a number (required by type {type})", "none (missing)");
                return Number(v, $"{path}.{key}");
            }
            string[] Keys(params string[] k) => ["type", .. k];
            switch (type)
            {
                case "constant":
                    CheckKeys(map, path, Keys("value"), Error);
                    return TimeFunction.Constant(P("value"));
                case "step":
                    CheckKeys(map, path, Keys("on", "off", "amplitude"), Error);
                    return TimeFunction.Step(P("on"), P("amplitude", 1), P("off", double.PositiveInfinity));
                case "ramp":
                    CheckKeys(map, path, Keys("start", "end", "from", "to"), Error);
                    return TimeFunction.Ramp(P("start"), P("end"), P("from"), P("to"));
                case "sine":
                    CheckKeys(map, path, Keys("amplitude", "frequency", "phase", "offset"), Error);
                    return TimeFunction.Sine(P("amplitude"), P("frequency"), P("phase", 0), P("offset", 0));
                case "gaussian":
                    CheckKeys(map, path, Keys("amplitude", "center", "width"), Error);
                    return TimeFunction.GaussianPulse(P("amplitude"), P("center"), P("width"));
                case "samples":
                    CheckKeys(map, path, Keys("times", "values", "file", "interpolation"), Error);
                    return Samples(map, path);
                default:
                    throw Error($"{path}.type", $"one of {string.Join(", ", FunctionTypes)}", $"'{type}'");
            }
        }

        /// <summary>A sampled pulse: inline times and values, or a file (.npy of shape (n, 2), or CSV with columns t, f), and the interpolation.</summary>
        private TimeFunction Samples(YamlMappingNode map, string path)
        {
            var scheme = Get(map, "interpolation") is { } i ? Scalar(i, $"{path}.interpolation").ToLowerInvariant() switch
            {
                "linear" => SampleInterpolation.Linear,
                "cubic" => SampleInterpolation.Cubic,
                "hold" => SampleInterpolation.Hold,
                var x => throw Error($"{path}.interpolation", "linear, cubic or hold", $"'{x}'"),
            } : SampleInterpolation.Cubic;
            double[] t, v;
            if (Get(map, "file") is { } f)
            {
                if (Get(map, "times") is not null || Get(map, "values") is not null)
                    throw Error(path, "either a file or inline times and values", "both");
                (t, v) = SampleFile(ResolveFile(f, $"{path}.file"), $"{path}.file");
            }
            else
            {
                var tl = List(Need(map, "times", path), $"{path}.times");
                var vl = List(Need(map, "values", path), $"{path}.values");
                t = [.. tl.Children.Select((x, k) => Number(x, $"{path}.times[{k}]"))];
                v = [.. vl.Children.Select((x, k) => Number(x, $"{path}.values[{k}]"))];
                if (v.Length != t.Length) throw Error($"{path}.values", $"one value per sample time ({t.Length})", $"{v.Length} values");
            }
            if (t.Length < 2) throw Error($"{path}.times", "at least two samples", $"{t.Length}");
            for (var k = 1; k < t.Length; k++)
                if (!(t[k] > t[k - 1])) throw Error($"{path}.times", "strictly increasing sample times", $"t[{k}] = {QBattException.Num(t[k])} after t[{k - 1}] = {QBattException.Num(t[k - 1])}");
            return TimeFunction.Sampled(t, v, scheme);
        }

        private (double[] T, double[] V) SampleFile(string file, string path)
        {
            if (file.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
            {
                ComplexMatrix m;
                try
                {
                    m = MatrixFile.ReadMatrix(file);
                }
                catch (ValidationException e)
                {
                    throw Error(path, "a readable .npy array of shape (n, 2): times and values", e.Actual);
                }
                if (m.Cols != 2) throw Error(path, "an array of shape (n, 2): times and values", $"shape ({m.Rows}, {m.Cols})");
                var t = new double[m.Rows];
                var v = new double[m.Rows];
                for (var k = 0; k < m.Rows; k++)
                {
                    if (m[k, 0].Imaginary != 0 || m[k, 1].Imaginary != 0) throw Error(path, "real samples", $"a complex entry in row {k}");
                    t[k] = m[k, 0].Real;
                    v[k] = m[k, 1].Real;
                    if (!double.IsFinite(t[k]) || !double.IsFinite(v[k])) throw Error(path, "finite samples", $"row {k}");
                }
                return (t, v);
            }
            if (!file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                throw Error(path, "a .npy or .csv file", $"'{Path.GetFileName(file)}'");
            var ts = new List<double>();
            var vs = new List<double>();
            var lines = File.ReadAllLines(file);
            for (var k = 0; k < lines.Length; k++)
            {
                var line = lines[k].Trim();
                if (line.Length == 0 || line.StartsWith('#')) continue;
                var cells = line.Split(',');
                if (cells.Length != 2) throw Error(path, "CSV lines of two columns t, f", $"{cells.Length} columns on line {k + 1}");
                var okT = double.TryParse(cells[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var tk);
                var okV = double.TryParse(cells[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var vk);
                if (!okT || !okV)
                {
                    if (ts.Count == 0 && k == Array.FindIndex(lines, l => l.Trim().Length > 0 && !l.Trim().StartsWith('#'))) continue; // a header line
                    throw Error(path, "numbers t, f on every CSV line", $"'{line}' on line {k + 1}");
                }
                if (!double.IsFinite(tk) || !double.IsFinite(vk)) throw Error(path, "finite samples", $"line {k + 1}");
                ts.Add(tk);
                vs.Add(vk);
            }
            return ([.. ts], [.. vs]);
        }

        /// <summary>An operator: a list of terms {coef, op, sites}, {coef, matrix, sites} or {coef, npy, sites}.</summary>
        private Operator OperatorSum(YamlNode node, string path)
        {
            var terms = List(node, path);
            if (terms.Children.Count == 0) throw Error(path, "at least one term", "an empty list");
            Operator? sum = null;
            for (var k = 0; k < terms.Children.Count; k++)
            {
                var t = Term(terms.Children[k], $"{path}[{k}]");
                sum = sum is null ? t : sum + t;
            }
            return sum!;
        }

        private Operator Term(YamlNode node, string path)
        {
            var map = Map(node, path);
            CheckKeys(map, path, ["coef", "op", "matrix", "npy", "sites"], Error);
            var coef = Get(map, "coef") is { } c ? ComplexNumber(c, $"{path}.coef") : Complex.One;
            var kinds = new[] { "op", "matrix", "npy" }.Where(k => Get(map, k) is not null).ToArray();
            if (kinds.Length != 1)
                throw Error(path, "exactly one of 'op' (local operator names), 'matrix' (a local matrix) or 'npy' (a matrix file)", kinds.Length == 0 ? "neither" : string.Join(" and ", kinds));
            var sitesNode = Get(map, "sites");
            if (kinds[0] != "op")
            {
                var on = sitesNode is null ? null : Sites(sitesNode, $"{path}.sites");
                if (on is null && kinds[0] == "matrix") throw Error($"{path}.sites", "the sites of the matrix (a list)", "none (missing)");
                var localDims = on is null ? _dims.AsSpan().ToArray() : on.Select(x => _dims[x]).ToArray();
                var d = localDims.Aggregate(1L, (a, b) => a * b);
                var local = kinds[0] == "matrix" ? Matrix(Get(map, "matrix")!, $"{path}.matrix", d, on) : NpyOperator(Get(map, "npy")!, $"{path}.npy", d, on);
                Charge(on is null ? RunSizesLike(local) : _dims.Total / (double)d * RunSizesLike(local), path);
                return coef * (on is null ? local.WithDims(_dims) : Operators.EmbedOnSites(local, on, _dims));
            }
            var names = Text(Get(map, "op")!).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (names.Length == 0) throw Error($"{path}.op", "one or more local operator names", "an empty value");
            if (sitesNode is null)
            {
                if (names.Length == 1 && names[0] == "id") return coef * Operator.Identity(_dims);
                throw Error($"{path}.sites", "the sites the operators act on (a list, or 'each')", "none (missing)");
            }
            Charge(_dims.Total * (double)(sitesNode is YamlScalarNode { Value: "each" } ? _dims.Count : names.Length), path);
            if (sitesNode is YamlScalarNode { Value: "each" })
            {
                if (names.Length != 1) throw Error($"{path}.op", "one local operator name with sites: each", $"{names.Length} names");
                Operator? sum = null;
                for (var s = 0; s < _dims.Count; s++)
                {
                    var e = Operators.Embed(Local(names[0], _dims[s], $"{path}.op"), s, _dims);
                    sum = sum is null ? e : sum + e;
                }
                return coef * sum!;
            }
            var sites = List(sitesNode, $"{path}.sites").Children.Select((x, i) => Integer(x, $"{path}.sites[{i}]")).ToArray();
            if (sites.Length != names.Length)
                throw Error($"{path}.sites", $"one site per operator name ({names.Length})", $"{sites.Length} sites");
            if (sites.Distinct().Count() != sites.Length) throw Error($"{path}.sites", "distinct sites", string.Join(", ", sites));
            Operator product = Operator.Identity(_dims);
            for (var i = 0; i < sites.Length; i++)
            {
                if ((uint)sites[i] >= (uint)_dims.Count) throw Error($"{path}.sites[{i}]", $"a subsystem index in 0..{_dims.Count - 1}", $"{sites[i]}");
                product *= Operators.Embed(Local(names[i], _dims[sites[i]], $"{path}.op"), sites[i], _dims);
            }
            return coef * product;
        }

        /// <summary>Distinct subsystem indices.</summary>
        private int[] Sites(YamlNode node, string path)
        {
            var s = List(node, path).Children.Select((x, i) => Integer(x, $"{path}[{i}]")).ToArray();
            if (s.Length == 0) throw Error(path, "at least one site", "an empty list");
            for (var i = 0; i < s.Length; i++)
                if ((uint)s[i] >= (uint)_dims.Count) throw Error($"{path}[{i}]", $"a subsystem index in 0..{_dims.Count - 1}", $"{s[i]}");
            if (s.Distinct().Count() != s.Length) throw Error(path, "distinct sites", string.Join(", ", s));
            return s;
        }

        private static double RunSizesLike(Operator a) => a.SparseStorage is { } m ? m.NonZeros : (double)a.Dimension * a.Dimension;

        /// <summary>Counts the stored entries of the operators built so far and refuses a file whose operators would not fit.</summary>
        private void Charge(double entries, string path)
        {
            _entries += entries;
            if (_entries > MaxOperatorEntries)
                throw new ResourceException($"model file '{source}'", path, $"operators with at most 2^31 stored entries in all (about {QBattException.Num(MaxOperatorEntries * 20 / (1L << 30))} GiB)", $"about {QBattException.Num(_entries)} entries");
        }

        private Operator NpyOperator(YamlNode node, string path, long d, int[]? sites)
        {
            var file = ResolveFile(node, path);
            ComplexMatrix m;
            try
            {
                m = MatrixFile.ReadMatrix(file);
            }
            catch (ValidationException e)
            {
                throw Error(path, "a readable square matrix (.npy or .json)", e.Actual);
            }
            var what = sites is null ? "the whole space" : $"sites {string.Join(", ", sites)}";
            if (m.Rows != d || m.Cols != d) throw Error(path, $"a {d}x{d} matrix ({what})", $"{m.Rows}x{m.Cols}");
            foreach (var z in m.ReadOnlySpan)
                if (!double.IsFinite(z.Real) || !double.IsFinite(z.Imaginary)) throw Error(path, "finite entries", "a non-finite entry");
            var op = Operator.FromDense(m);
            return IsSparse(m) ? Operator.FromSparse(CsrMatrix.FromDense(m)) : op;
        }

        private static bool IsSparse(ComplexMatrix m)
        {
            long nnz = 0;
            foreach (var z in m.ReadOnlySpan) if (z != Complex.Zero) nnz++;
            return nnz <= (long)m.Rows * m.Cols / 10;
        }

        private Operator Matrix(YamlNode node, string path, long size, int[]? sites)
        {
            var rows = List(node, path);
            var d = (int)size;
            var what = sites is { Length: 1 } ? $"dimension of subsystem {sites[0]}" : $"the dimension of sites {string.Join(", ", sites ?? [])}";
            if (rows.Children.Count != d) throw Error(path, $"{d} rows ({what})", $"{rows.Children.Count}");
            var m = new ComplexMatrix(d, d);
            for (var i = 0; i < d; i++)
            {
                var row = List(rows.Children[i], $"{path}[{i}]");
                if (row.Children.Count != d) throw Error($"{path}[{i}]", $"{d} entries", $"{row.Children.Count}");
                for (var j = 0; j < d; j++) m[i, j] = ComplexNumber(row.Children[j], $"{path}[{i}][{j}]");
            }
            return Operator.FromDense(m);
        }

        /// <summary>Local operators by name for a subsystem of dimension d.</summary>
        private Operator Local(string name, int d, string path)
        {
            var j = (d - 1) / 2.0;
            switch (name)
            {
                case "id": return Operator.Identity(new Dims(d));
                case "n": return Boson.Number(d);
                case "a": return Boson.Destroy(d);
                case "adag": return Boson.Create(d);
                case "jx": return Spin.Jx(j);
                case "jy": return Spin.Jy(j);
                case "jz": return Spin.Jz(j);
                case "jp": return Spin.Jplus(j);
                case "jm": return Spin.Jminus(j);
            }
            if (d == 2)
            {
                switch (name)
                {
                    case "sx": return Pauli.X;
                    case "sy": return Pauli.Y;
                    case "sz": return Pauli.Z;
                    case "sp": return Pauli.Plus;
                    case "sm": return Pauli.Minus;
                }
            }
            if (name.StartsWith("proj:", StringComparison.Ordinal))
            {
                var parts = name.Split(':');
                if (parts.Length == 3 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var a) && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var b)
                    && (uint)a < (uint)d && (uint)b < (uint)d)
                    return Qudit.Projector(d, a, b);
                throw Error(path, $"proj:i:j with levels i, j in 0..{d - 1}", $"'{name}'");
            }
            var pauli = d == 2 ? "sx, sy, sz, sp, sm, " : "";
            throw Error(path, $"a local operator name for dimension {d} ({pauli}id, n, a, adag, jx, jy, jz, jp, jm, proj:i:j)", $"'{name}'");
        }

        private (Ket?, DensityMatrix?) Initial(YamlNode node, Operator battery, Hamiltonian h)
        {
            var map = Map(node, "initial");
            CheckKeys(map, "initial", ["basis", "ket", "ground"], Error);
            if (map.Children.Count != 1) throw Error("initial", "exactly one of basis, ket, ground", $"{map.Children.Count} entries");
            if (Get(map, "ground") is not { } g) return (StateOf(map, "initial"), null);
            var which = Text(g);
            var op = which switch
            {
                "battery" => battery,
                "hamiltonian" => h.At(0),
                _ => throw Error("initial.ground", "battery or hamiltonian (at t = 0)", $"'{which}'"),
            };
            if (op.Dimension > 4096) throw Error("initial.ground", "a space of dimension up to 4096 for the ground state", $"{op.Dimension}");
            var eig = MatrixFunctions.Eigh(op.ToDense());
            if (eig.Values.Length > 1 && eig.Values[1] - eig.Values[0] < 1e-9 * Math.Max(1, Math.Abs(eig.Values[0])))
                throw Error("initial.ground", $"a non-degenerate ground state of the {which} Hamiltonian", $"a degenerate lowest level ({QBattException.Num(eig.Values[0])} twice)");
            return (Ket.Normalize(eig.Vectors.Column(0), _dims).State, null);
        }

        /// <summary>A pure state given as <c>basis: [levels]</c> or <c>ket: [amplitudes]</c> (unit norm within 1e-10).</summary>
        private Ket StateOf(YamlMappingNode map, string path)
        {
            CheckKeys(map, path, path == "initial" ? ["basis", "ket", "ground"] : ["basis", "ket"], Error);
            if (map.Children.Count != 1) throw Error(path, "exactly one of basis, ket", $"{map.Children.Count} entries");
            if (Get(map, "basis") is { } b)
            {
                var levels = List(b, $"{path}.basis").Children.Select((x, i) => Integer(x, $"{path}.basis[{i}]")).ToArray();
                if (levels.Length != _dims.Count) throw Error($"{path}.basis", $"{_dims.Count} levels (one per subsystem)", $"{levels.Length}");
                for (var i = 0; i < levels.Length; i++)
                    if ((uint)levels[i] >= (uint)_dims[i]) throw Error($"{path}.basis[{i}]", $"a level in 0..{_dims[i] - 1}", $"{levels[i]}");
                return Ket.Basis(_dims, levels);
            }
            var amps = List(Get(map, "ket")!, $"{path}.ket").Children.Select((x, i) => ComplexNumber(x, $"{path}.ket[{i}]")).ToArray();
            if (amps.Length != _dims.Total) throw Error($"{path}.ket", $"{_dims.Total} amplitudes", $"{amps.Length}");
            var norm = VectorOps.Norm(amps);
            if (Math.Abs(norm - 1) > 1e-10) throw Error($"{path}.ket", "a unit vector (|| psi || = 1 within 1e-10)", $"norm {norm.ToString("R", CultureInfo.InvariantCulture)}");
            return new Ket(amps, _dims);
        }

        private double[] Times(YamlNode node)
        {
            if (node is YamlSequenceNode seq)
            {
                var t = seq.Children.Select((x, i) => Number(x, $"times[{i}]")).ToArray();
                if (t.Length == 0) throw Error("times", "at least one output time", "an empty list");
                for (var k = 1; k < t.Length; k++)
                    if (!(t[k] > t[k - 1])) throw Error("times", "strictly increasing output times", $"t[{k}] = {QBattException.Num(t[k])} after t[{k - 1}] = {QBattException.Num(t[k - 1])}");
                return t;
            }
            var map = Map(node, "times");
            CheckKeys(map, "times", ["start", "stop", "points"], Error);
            var start = Get(map, "start") is { } s ? Number(s, "times.start") : 0;
            var stop = Number(Need(map, "stop", "times"), "times.stop");
            var points = Integer(Need(map, "points", "times"), "times.points");
            if (points < 2) throw Error("times.points", "at least 2 output times", $"{points}");
            if (points > MaxOutputTimes) throw Error("times.points", $"at most {MaxOutputTimes} output times (each one records the energy, power and observables)", $"{points}");
            if (!(stop > start)) throw Error("times.stop", $"a time after start = {QBattException.Num(start)}", QBattException.Num(stop));
            return [.. Enumerable.Range(0, points).Select(k => start + (stop - start) * k / (points - 1))];
        }

        private Observable[] Observables(YamlNode node)
        {
            var list = List(node, "observables");
            var r = new List<Observable>();
            for (var k = 0; k < list.Children.Count; k++)
            {
                var path = $"observables[{k}]";
                var map = Map(list.Children[k], path);
                CheckKeys(map, path, ["name", "operator"], Error);
                var name = Scalar(Need(map, "name", path), $"{path}.name");
                if (name.Length == 0) throw Error($"{path}.name", "a non-empty name", "an empty value");
                if (r.Any(o => o.Name == name)) throw Error($"{path}.name", "a name not used by another observable", $"'{name}' twice");
                var o = OperatorSum(Need(map, "operator", path), $"{path}.operator");
                o.RequireHermitian($"model file '{source}'", $"{path}.operator");
                r.Add(new Observable(name, o));
            }
            return [.. r];
        }

        /// <summary>The model-file field of an <see cref="EvolutionOptions"/> property named in a validation error.</summary>
        private static string OptionField(string property) => property switch
        {
            nameof(EvolutionOptions.Method) => "method",
            nameof(EvolutionOptions.TimeDependentMethod) => "time_dependent_method",
            nameof(EvolutionOptions.AbsoluteTolerance) => "atol",
            nameof(EvolutionOptions.RelativeTolerance) => "rtol",
            nameof(EvolutionOptions.KrylovDimension) => "krylov_dimension",
            nameof(EvolutionOptions.ArnoldiDimension) => "arnoldi_dimension",
            nameof(EvolutionOptions.MaxStep) => "max_step",
            _ => property,
        };

        private EvolutionOptions Options(YamlNode? node)
        {
            var o = EvolutionOptions.Default;
            if (node is null) return o;
            var map = Map(node, "options");
            CheckKeys(map, "options", ["method", "time_dependent_method", "atol", "rtol", "krylov_dimension", "arnoldi_dimension", "max_step"], Error);
            if (Get(map, "method") is { } m) o = o with { Method = Text(m) };
            if (Get(map, "time_dependent_method") is { } tm) o = o with { TimeDependentMethod = Text(tm) };
            if (Get(map, "atol") is { } a) o = o with { AbsoluteTolerance = Number(a, "options.atol") };
            if (Get(map, "rtol") is { } r) o = o with { RelativeTolerance = Number(r, "options.rtol") };
            if (Get(map, "krylov_dimension") is { } kd) o = o with { KrylovDimension = Integer(kd, "options.krylov_dimension") };
            if (Get(map, "arnoldi_dimension") is { } ad) o = o with { ArnoldiDimension = Integer(ad, "options.arnoldi_dimension") };
            if (Get(map, "max_step") is { } ms) o = o with { MaxStep = Number(ms, "options.max_step") };
            try
            {
                o.Validate();
            }
            catch (ValidationException e)
            {
                throw Error($"options.{OptionField(e.Argument)}", e.Expected, e.Actual);
            }
            return o;
        }
    }
}
