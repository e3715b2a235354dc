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
/// initial state, the output times, named observables and solver options.
/// </summary>
/// <param name="Name">Free text from the file (or the file name).</param>
/// <param name="Dims">Subsystem dimensions.</param>
/// <param name="Battery">H0, the work reference (R7).</param>
/// <param name="Hamiltonian">H(t).</param>
/// <param name="Collapse">Lindblad collapse operators (empty: closed dynamics).</param>
/// <param name="InitialKet">The initial state when pure.</param>
/// <param name="InitialDensity">The initial state when mixed (exactly one of the two is set).</param>
/// <param name="Times">Output times (strictly increasing).</param>
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
    IReadOnlyList<double> Times,
    IReadOnlyList<Observable> Observables,
    EvolutionOptions Options);

/// <summary>
/// Reads model files in YAML or JSON (JSON is read as YAML). Every mistake is a
/// <see cref="ValidationException"/> naming the file and the path of the offending entry, e.g.
/// <c>hamiltonian.drives[0].function.type</c>.
/// </summary>
public static class ModelFile
{
    /// <summary>The time-function types a model file accepts.</summary>
    public static IReadOnlyList<string> FunctionTypes { get; } = ["constant", "step", "ramp", "sine", "gaussian"];

    /// <summary>Reads and validates the model in <paramref name="path"/>.</summary>
    public static ChargingModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new ValidationException("ModelFile", "path", "an existing model file", $"'{path}' (not found)");
        return Parse(File.ReadAllText(path), Path.GetFileName(path));
    }

    /// <summary>Parses a model from text; <paramref name="source"/> names it in error messages.</summary>
    public static ChargingModel Parse(string text, string source = "model")
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
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ValidationException($"model file '{source}'", "(top level)", "a mapping with dims, battery, hamiltonian, initial and times", "something else");
        return new Reader(source).Model(root);
    }

    private static string OneLine(string s) => string.Join(' ', s.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private sealed class Reader(string source)
    {
        private static readonly string[] TopKeys = ["name", "dims", "battery", "hamiltonian", "collapse", "initial", "times", "observables", "options"];
        private Dims _dims = new(1);

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
            var name = Get(root, "name") is { } n ? Text(n) : source;
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
            var times = Times(Need(root, "times", ""));
            var observables = Get(root, "observables") is { } o ? Observables(o) : [];
            var options = Options(Get(root, "options"));
            return new ChargingModel(name, _dims, battery, hamiltonian, collapse, ket, rho, times, observables, options);
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
                default:
                    throw Error($"{path}.type", $"one of {string.Join(", ", FunctionTypes)}", $"'{type}'");
            }
        }

        /// <summary>An operator: a list of terms {coef, op, sites} or {coef, matrix, sites}.</summary>
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
            CheckKeys(map, path, ["coef", "op", "matrix", "sites"], Error);
            var coef = Get(map, "coef") is { } c ? ComplexNumber(c, $"{path}.coef") : Complex.One;
            var hasOp = Get(map, "op") is not null;
            var hasMatrix = Get(map, "matrix") is not null;
            if (hasOp == hasMatrix) throw Error(path, "exactly one of 'op' (local operator names) or 'matrix' (a local matrix)", hasOp ? "both" : "neither");
            var sitesNode = Get(map, "sites");
            if (hasMatrix)
            {
                var site = SingleSite(sitesNode, $"{path}.sites");
                var local = Matrix(Get(map, "matrix")!, $"{path}.matrix", site);
                return coef * Operators.Embed(local, site, _dims);
            }
            var names = Text(Get(map, "op")!).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (names.Length == 0) throw Error($"{path}.op", "one or more local operator names", "an empty value");
            if (sitesNode is null)
            {
                if (names.Length == 1 && names[0] == "id") return coef * Operator.Identity(_dims);
                throw Error($"{path}.sites", "the sites the operators act on (a list, or 'each')", "none (missing)");
            }
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

        private int SingleSite(YamlNode? node, string path)
        {
            if (node is null) throw Error(path, "the site of the matrix (a list with one index)", "none (missing)");
            var s = List(node, path);
            if (s.Children.Count != 1) throw Error(path, "one site for a local matrix", $"{s.Children.Count} sites");
            var site = Integer(s.Children[0], $"{path}[0]");
            if ((uint)site >= (uint)_dims.Count) throw Error($"{path}[0]", $"a subsystem index in 0..{_dims.Count - 1}", $"{site}");
            return site;
        }

        private Operator Matrix(YamlNode node, string path, int site)
        {
            var rows = List(node, path);
            var d = _dims[site];
            if (rows.Children.Count != d) throw Error(path, $"{d} rows (dimension of subsystem {site})", $"{rows.Children.Count}");
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
            if (Get(map, "basis") is { } b)
            {
                var levels = List(b, "initial.basis").Children.Select((x, i) => Integer(x, $"initial.basis[{i}]")).ToArray();
                if (levels.Length != _dims.Count) throw Error("initial.basis", $"{_dims.Count} levels (one per subsystem)", $"{levels.Length}");
                for (var i = 0; i < levels.Length; i++)
                    if ((uint)levels[i] >= (uint)_dims[i]) throw Error($"initial.basis[{i}]", $"a level in 0..{_dims[i] - 1}", $"{levels[i]}");
                return (Ket.Basis(_dims, levels), null);
            }
            if (Get(map, "ket") is { } k)
            {
                var amps = List(k, "initial.ket").Children.Select((x, i) => ComplexNumber(x, $"initial.ket[{i}]")).ToArray();
                if (amps.Length != _dims.Total) throw Error("initial.ket", $"{_dims.Total} amplitudes", $"{amps.Length}");
                var norm = VectorOps.Norm(amps);
                if (Math.Abs(norm - 1) > 1e-10) throw Error("initial.ket", "a unit vector (|| psi || = 1 within 1e-10)", $"norm {norm.ToString("R", CultureInfo.InvariantCulture)}");
                return (new Ket(amps, _dims), null);
            }
            var which = Text(Get(map, "ground")!);
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
                var name = Text(Need(map, "name", path));
                if (name.Length == 0) throw Error($"{path}.name", "a non-empty name", "an empty value");
                if (r.Any(o => o.Name == name)) throw Error($"{path}.name", "a name not used by another observable", $"'{name}' twice");
                r.Add(new Observable(name, OperatorSum(Need(map, "operator", path), $"{path}.operator")));
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
