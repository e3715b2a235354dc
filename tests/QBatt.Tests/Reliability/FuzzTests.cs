using System.Text;
using QBatt.IO;
using QBatt.Tests.Cli;
using QBatt.Thermodynamics;

namespace QBatt.Tests.Reliability;

/// <summary>
/// Seeded fuzz and property tests (issue 11; System.Random generators with fixed seeds, so a failure names the case that
/// reproduces it): mutated model files, mutated .npy files and random command lines end in a valid result or a clean
/// QBatt error, never another exception; random diagonal states satisfy 0 &lt;= ergotropy &lt;= entropy bound &lt;= capacity.
/// 12,500 cases in all (with 2,000 mutated sweep files).
/// </summary>
public class FuzzTests
{
    private const string Model = """
        {"name": "qubit", "dims": [2], "battery": [{"coef": 0.5, "op": "sz", "sites": [0]}, {"coef": 0.5, "op": "id"}],
         "hamiltonian": {"static": [{"coef": 1, "op": "sx", "sites": [0]}]},
         "collapse": [[{"coef": 0.2, "op": "sm", "sites": [0]}]],
         "initial": {"ground": "battery"}, "times": {"start": 0, "stop": 2, "points": 21},
         "observables": [{"name": "up", "operator": [{"op": "proj:0:0", "sites": [0]}]}]}
        """;

    private const string YamlModel = """
        name: two cells
        dims: [2, 2]
        battery:
          - {coef: 0.5, op: sz, sites: each}
        hamiltonian:
          static:
            - {coef: 1, op: sx sx, sites: [0, 1]}
        initial: {basis: [1, 1]}
        times: {start: 0, stop: 3, points: 31}
        """;

    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", ",", ":", "\"", "-", "1e400", "NaN", "-1", "0", "1e9", "null", "true", "\"dims\"", "\"times\"", "\"points\"",
        "\"coef\"", "\"op\"", "\"sites\"", "\"collapse\"", "\"sm\"", "\"proj:9:9\"", "\n", " ", "- ", "&a", "*a", "!!binary", "%", "'",
    ];

    [Fact]
    public void Mutated_model_files_parse_or_raise_a_QBatt_error()
    {
        var rng = new Random(11);
        var sources = new[] { Model, YamlModel };
        for (var i = 0; i < 4000; i++)
        {
            var text = Mutate(sources[i % 2], rng);
            try
            {
                ModelFile.Parse(text, $"fuzz-{i}");
            }
            catch (QBattException)
            {
                // a clean error naming the field
            }
            catch (Exception e)
            {
                Assert.Fail($"case {i} (seed 11): {e.GetType().Name}: {e.Message}\n{text}");
            }
        }
    }

    private const string SweepYaml = """
        command: dicke
        description: fuzz seed
        parameters:
          cells: [2, 3]
          coupling: 0.1..0.5:3
          tmax: 1
        zip:
          - {wa: [1, 1.1], wc: [1, 1.2]}
        random:
          seed: 7
          draws: 3
          parameters:
            dt: {uniform: [0.01, 0.02]}
        """;

    [Fact]
    public void Mutated_sweep_files_parse_or_give_one_line_naming_the_file()
    {
        // a sweep file that parses must give a plan whose points can be formed; one that does not, a single-line error that
        // starts with the file's name (docs/sweeps.md), never another exception
        var root = QBatt.Cli.QBattCli.Build(new QBatt.Cli.CliContext(TextWriter.Null, TextWriter.Null, false));
        Assert.Equal(2 * 3 * 2 * 3, QBatt.Cli.Sweeps.SweepFile.Parse(SweepYaml, "s.yaml", root).Count);
        var rng = new Random(15);
        var parsed = 0;
        for (var i = 0; i < 2000; i++)
        {
            var text = Mutate(SweepYaml, rng);
            try
            {
                var plan = QBatt.Cli.Sweeps.SweepFile.Parse(text, "s.yaml", root);
                if (plan.Count > 0)
                {
                    _ = plan.Point(0);
                    _ = plan.Point(plan.Count - 1);
                }
                parsed++;
            }
            catch (Exception e) when (e is QBattException || e.GetType().Name == "UsageException")
            {
                Assert.True(e.Message.StartsWith("s.yaml", StringComparison.Ordinal) && !e.Message.Contains('\n'),
                    $"case {i} (seed 15): the message does not name the file on one line: {e.Message}\n{text}");
            }
            catch (Exception e)
            {
                Assert.Fail($"case {i} (seed 15): {e.GetType().Name}: {e.Message}\n{text}");
            }
        }
        // the mutations leave some files valid and break most: both branches are exercised
        Assert.InRange(parsed, 20, 1980);
    }

    [Fact]
    public void Mutated_npy_files_read_or_raise_a_QBatt_error()
    {
        var rng = new Random(12);
        var dir = Path.Combine(AppContext.BaseDirectory, "Data", "npy");
        var files = Directory.GetFiles(dir, "*.npy").Select(File.ReadAllBytes).ToArray();
        Assert.NotEmpty(files);
        for (var i = 0; i < 3000; i++)
        {
            var bytes = (byte[])files[i % files.Length].Clone();
            var kind = rng.Next(4);
            if (kind == 0) bytes = bytes[..rng.Next(bytes.Length)];
            else
            {
                for (var k = rng.Next(1, 6); k > 0; k--)
                {
                    // the header (first 128 bytes) most of the time: magic, version, length, dict
                    var at = rng.Next(kind == 3 ? bytes.Length : Math.Min(bytes.Length, 128));
                    bytes[at] = kind == 1 ? (byte)rng.Next(256) : (byte)"0123456789{}(),:' <>|fcbi"[rng.Next(25)];
                }
            }
            try
            {
                using var s = new MemoryStream(bytes);
                var a = Npy.Read(s, $"fuzz-{i}");
                Assert.NotNull(a);
            }
            catch (QBattException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"case {i} (seed 12): {e.GetType().Name}: {e.Message}");
            }
        }
    }

    [Fact]
    public void Random_command_lines_exit_0_or_2_with_one_line()
    {
        var rng = new Random(13);
        string[] commands = ["ergotropy", "gaussian", "copies", "bogus", "ergotropie"];
        string[] options = ["--energies", "--populations", "--omega", "--displace", "--squeeze", "--beta", "--n", "--normalize", "--json", "--bogus", "--two-mode", "--squeeze-phase"];
        string[] values = ["0,1", "0.3,0.7", "1", "1,1", "0.5", "-1", "1e400", "nan", "abc", "", "1..3", "0,1,2", "1+2i", "inf", "1e-320", "2", "800", "1G", "0", "1e100"];
        for (var i = 0; i < 1500; i++)
        {
            var args = new List<string> { commands[rng.Next(commands.Length)] };
            for (var k = rng.Next(0, 6); k > 0; k--)
            {
                args.Add(options[rng.Next(options.Length)]);
                if (rng.Next(5) > 0) args.Add(values[rng.Next(values.Length)]);
            }
            var r = CliRunner.Run([.. args]);
            var line = string.Join(' ', args);
            Assert.True(r.Code is 0 or 2, $"case {i} (seed 13) '{line}': exit {r.Code}: {r.Err}");
            Assert.DoesNotContain("NaN", r.Out, StringComparison.Ordinal);
            if (r.Code != 0)
            {
                Assert.Equal("", r.Out);
                Assert.True(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 1, $"case {i} '{line}': {r.Err}");
            }
        }
    }

    [Fact]
    public void Ergotropy_lies_between_zero_and_the_entropy_bound_and_the_capacity()
    {
        // R2, R3: 0 <= W <= W_S (entropy bound) <= E - E_min (capacity of extraction from rho)
        var rng = new Random(14);
        for (var i = 0; i < 2000; i++)
        {
            var d = rng.Next(2, 9);
            var p = new double[d];
            var e = new double[d];
            for (var k = 0; k < d; k++)
            {
                p[k] = rng.Next(4) == 0 ? 0 : Math.Pow(rng.NextDouble(), 3);
                e[k] = rng.Next(3) == 0 ? Math.Round(rng.NextDouble() * 3) : (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-3, 4));
            }
            if (p.Sum() == 0) p[0] = 1;
            var sum = p.Sum();
            for (var k = 0; k < d; k++) p[k] /= sum;
            var energy = p.Zip(e, (a, b) => a * b).Sum();
            var scale = e.Max(Math.Abs) + 1e-300;
            var tol = 1e-9 * scale;
            var w = Ergotropy.OfDiagonal(p, e);
            var bound = EntropyBound.Compute(p, e).Bound;
            var capacity = energy - e.Min();
            var label = $"case {i} (seed 14): p = [{string.Join(", ", p)}], e = [{string.Join(", ", e)}]";
            Assert.True(w >= -tol, $"{label}: ergotropy {w} < 0");
            Assert.True(w <= bound + tol, $"{label}: ergotropy {w} > entropy bound {bound}");
            Assert.True(bound <= capacity + tol, $"{label}: entropy bound {bound} > capacity {capacity}");
        }
    }

    private static string Mutate(string text, Random rng)
    {
        var sb = new StringBuilder(text);
        for (var k = rng.Next(1, 5); k > 0; k--)
        {
            var at = rng.Next(sb.Length);
            switch (rng.Next(4))
            {
                case 0:
                    sb.Remove(at, Math.Min(sb.Length - at, rng.Next(1, 8)));
                    break;
                case 1:
                    sb.Insert(at, Tokens[rng.Next(Tokens.Length)]);
                    break;
                case 2:
                    sb[at] = (char)rng.Next(32, 127);
                    break;
                default:
                    // a number replaced by an extreme one
                    var digit = sb.ToString().IndexOfAny("0123456789".ToCharArray(), at);
                    if (digit >= 0) sb.Insert(digit, rng.Next(2) == 0 ? "99999999999" : "-");
                    break;
            }
            if (sb.Length == 0) sb.Append('{');
        }
        return sb.ToString();
    }
}
