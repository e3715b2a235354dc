using System.Text;
using FsCheck;
using FsCheck.Fluent;
using QBatt.IO;
using QBatt.Tests.Cli;
using QBatt.Thermodynamics;

namespace QBatt.Tests.Reliability;

/// <summary>
/// Seeded fuzz and property tests (issue 11), driven by FsCheck with fixed replay seeds (a failure is reproducible
/// and FsCheck shrinks it to a smallest failing mutation): mutated model files, sweep files and .npy files and random
/// command lines end in a valid result or a clean QBatt error, never another exception; random diagonal states
/// satisfy 0 &lt;= ergotropy &lt;= entropy bound &lt;= E - E_min. 12,500 cases in all.
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

    /// <summary>One edit of a text: delete, insert a token, replace a character, or make the next number extreme.</summary>
    public sealed record Edit(int Kind, int At, int Length, int Token, char Char, bool Big)
    {
        public override string ToString() => $"Edit(kind={Kind}, at={At}, length={Length}, token={Token}, char='{Char}', big={Big})";
    }

    private static Gen<Edit> EditGen =>
        from kind in Gen.Choose(0, 3)
        from at in Gen.Choose(0, 1 << 20)
        from length in Gen.Choose(1, 7)
        from token in Gen.Choose(0, Tokens.Length - 1)
        from c in Gen.Choose(32, 126)
        from big in Gen.Elements(true, false)
        select new Edit(kind, at, length, token, (char)c, big);

    /// <summary>One to four edits of one of the sources.</summary>
    private static Arbitrary<(int Source, Edit[] Edits)> Mutations(int sources) =>
        Arb.From(
            from source in Gen.Choose(0, sources - 1)
            from n in Gen.Choose(1, 4)
            from edits in EditGen.ArrayOf(n)
            select (source, edits));

    [Fact]
    public void Mutated_model_files_parse_or_raise_a_QBatt_error()
    {
        var sources = new[] { Model, YamlModel };
        var ran = 0;
        Properties.Verify(Prop.ForAll(Mutations(2), m =>
        {
            ran++;
            var text = Mutate(sources[m.Source], m.Edits);
            try
            {
                ModelFile.Parse(text, "fuzz");
            }
            catch (QBattException)
            {
                // a clean error naming the field
            }
            catch (Exception e)
            {
                Assert.Fail($"{e.GetType().Name}: {e.Message}\n{text}");
            }
            return true;
        }), cases: 4000, seed: 11);
        Assert.Equal(4000, ran);
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
        var parsed = 0;
        var ran = 0;
        Properties.Verify(Prop.ForAll(Mutations(1), m =>
        {
            ran++;
            var text = Mutate(SweepYaml, m.Edits);
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
                    $"the message does not name the file on one line: {e.Message}\n{text}");
            }
            catch (Exception e)
            {
                Assert.Fail($"{e.GetType().Name}: {e.Message}\n{text}");
            }
            return true;
        }), cases: 2000, seed: 15);
        Assert.Equal(2000, ran);
        // the mutations leave some files valid and break most: both branches are exercised
        Assert.InRange(parsed, 20, 1980);
    }

    [Fact]
    public void Mutated_npy_files_read_or_raise_a_QBatt_error()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "Data", "npy");
        var files = Directory.GetFiles(dir, "*.npy").Select(File.ReadAllBytes).ToArray();
        Assert.NotEmpty(files);
        // kind 0 truncates; 1 writes random bytes, 2 header-like characters, both into the header (first 128 bytes:
        // magic, version, length, dict); 3 header-like characters anywhere
        var gen =
            from file in Gen.Choose(0, files.Length - 1)
            from kind in Gen.Choose(0, 3)
            from n in Gen.Choose(1, 5)
            from places in Gen.Choose(0, 1 << 20).ArrayOf(n)
            from bytes in Gen.Choose(0, 255).ArrayOf(n)
            select (File: file, Kind: kind, Places: places, Bytes: bytes);
        var ran = 0;
        Properties.Verify(Prop.ForAll(Arb.From(gen), m =>
        {
            ran++;
            var bytes = (byte[])files[m.File].Clone();
            if (m.Kind == 0) bytes = bytes[..(m.Places[0] % bytes.Length)];
            else
            {
                for (var k = 0; k < m.Places.Length; k++)
                {
                    var at = m.Places[k] % (m.Kind == 3 ? bytes.Length : Math.Min(bytes.Length, 128));
                    bytes[at] = m.Kind == 1 ? (byte)m.Bytes[k] : (byte)"0123456789{}(),:' <>|fcbi"[m.Bytes[k] % 25];
                }
            }
            try
            {
                using var s = new MemoryStream(bytes);
                var a = Npy.Read(s, "fuzz");
                Assert.NotNull(a);
            }
            catch (QBattException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"{e.GetType().Name}: {e.Message}");
            }
            return true;
        }), cases: 3000, seed: 12);
        Assert.Equal(3000, ran);
    }

    [Fact]
    public void Random_command_lines_exit_0_or_2_with_one_line()
    {
        string[] commands = ["ergotropy", "gaussian", "copies", "bogus", "ergotropie"];
        string[] options = ["--energies", "--populations", "--omega", "--displace", "--squeeze", "--beta", "--n", "--normalize", "--json", "--bogus", "--two-mode", "--squeeze-phase"];
        string[] values = ["0,1", "0.3,0.7", "1", "1,1", "0.5", "-1", "1e400", "nan", "abc", "", "1..3", "0,1,2", "1+2i", "inf", "1e-320", "2", "800", "1G", "0", "1e100"];
        // an option followed by a value four times in five, alone otherwise
        var pair =
            from option in Gen.Elements(options)
            from hasValue in Gen.Choose(0, 4)
            from value in Gen.Elements(values)
            select hasValue > 0 ? new[] { option, value } : [option];
        var gen =
            from command in Gen.Elements(commands)
            from n in Gen.Choose(0, 5)
            from pairs in pair.ArrayOf(n)
            select new[] { command }.Concat(pairs.SelectMany(x => x)).ToArray();
        var ran = 0;
        Properties.Verify(Prop.ForAll(Arb.From(gen), args =>
        {
            ran++;
            var r = CliRunner.Run(args);
            var line = string.Join(' ', args);
            Assert.True(r.Code is 0 or 2, $"'{line}': exit {r.Code}: {r.Err}");
            Assert.DoesNotContain("NaN", r.Out, StringComparison.Ordinal);
            if (r.Code != 0)
            {
                Assert.Equal("", r.Out);
                Assert.True(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 1, $"'{line}': {r.Err}");
            }
            return true;
        }), cases: 1500, seed: 13);
        Assert.Equal(1500, ran);
    }

    [Fact]
    public void Ergotropy_lies_between_zero_and_the_entropy_bound_and_the_capacity()
    {
        // R2, R3: 0 <= W <= W_S (entropy bound) <= E - E_min (capacity of extraction from rho)
        // a level: population zero one time in four, u^3 otherwise; energy an integer 0..3 (degenerate levels) one time
        // in three, (u - 1/2) 10^k for k in -3..3 otherwise
        var level =
            from zero in Gen.Choose(0, 3)
            from u in Gen.Choose(0, 1 << 30).Select(x => x / (double)(1 << 30))
            from integer in Gen.Choose(0, 2)
            from v in Gen.Choose(0, 1 << 30).Select(x => x / (double)(1 << 30))
            from decade in Gen.Choose(-3, 3)
            select (P: zero == 0 ? 0 : Math.Pow(u, 3), E: integer == 0 ? Math.Round(v * 3) : (v - 0.5) * Math.Pow(10, decade));
        var gen = from d in Gen.Choose(2, 8) from levels in level.ArrayOf(d) select levels;
        var ran = 0;
        Properties.Verify(Prop.ForAll(Arb.From(gen), levels =>
        {
            ran++;
            var d = levels.Length;
            var p = levels.Select(x => x.P).ToArray();
            var e = levels.Select(x => x.E).ToArray();
            if (p.Sum() == 0) p[0] = 1;
            var sum = p.Sum();
            for (var k = 0; k < d; k++) p[k] /= sum;
            var energy = p.Zip(e, (a, b) => a * b).Sum();
            var scale = e.Max(Math.Abs) + 1e-300;
            var tol = 1e-9 * scale;
            var w = Ergotropy.OfDiagonal(p, e);
            var bound = EntropyBound.Compute(p, e).Bound;
            var capacity = energy - e.Min();
            var label = $"p = [{string.Join(", ", p)}], e = [{string.Join(", ", e)}]";
            Assert.True(w >= -tol, $"{label}: ergotropy {w} < 0");
            Assert.True(w <= bound + tol, $"{label}: ergotropy {w} > entropy bound {bound}");
            Assert.True(bound <= capacity + tol, $"{label}: entropy bound {bound} > capacity {capacity}");
            return true;
        }), cases: 2000, seed: 14);
        Assert.Equal(2000, ran);
    }

    private static string Mutate(string text, Edit[] edits)
    {
        var sb = new StringBuilder(text);
        foreach (var edit in edits)
        {
            var at = edit.At % sb.Length;
            switch (edit.Kind)
            {
                case 0:
                    sb.Remove(at, Math.Min(sb.Length - at, edit.Length));
                    break;
                case 1:
                    sb.Insert(at, Tokens[edit.Token]);
                    break;
                case 2:
                    sb[at] = edit.Char;
                    break;
                default:
                    // a number replaced by an extreme one
                    var digit = sb.ToString().IndexOfAny("0123456789".ToCharArray(), at);
                    if (digit >= 0) sb.Insert(digit, edit.Big ? "99999999999" : "-");
                    break;
            }
            if (sb.Length == 0) sb.Append('{');
        }
        return sb.ToString();
    }
}
