using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using QBatt.IO;
using YamlDotNet.RepresentationModel;

namespace QBatt.Tests.IO;

/// <summary>docs/model-file.schema.json: every example model file (and every full model in docs/model-files.md) validates and parses.</summary>
public partial class ModelFileSchemaTests
{
    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "QBatt.slnx"))) dir = dir.Parent;
        return dir!.FullName;
    }

    // loaded once: the library registers a schema by its $id and refuses to register it twice
    private static readonly Lazy<JsonSchema> Loaded = new(() => JsonSchema.FromText(File.ReadAllText(Path.Combine(Root(), "docs", "model-file.schema.json"))));

    private static JsonSchema Schema() => Loaded.Value;

    /// <summary>YAML as JSON, with YAML's plain scalars typed: integers, numbers, booleans, else strings (quoted scalars stay strings).</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(kv => new KeyValuePair<string, JsonNode?>(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode s => new JsonArray([.. s.Children.Select(ToJson)]),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } p when long.TryParse(p.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => JsonValue.Create(i),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } p when double.TryParse(p.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "true" or "false" } p => JsonValue.Create(p.Value == "true"),
        YamlScalarNode p => JsonValue.Create(p.Value),
        _ => null,
    };

    private static JsonNode Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return ToJson(stream.Documents[0].RootNode)!;
    }

    private static EvaluationResults Evaluate(string text) => Schema().Evaluate(System.Text.Json.JsonSerializer.SerializeToElement(Parse(text)), new EvaluationOptions { OutputFormat = OutputFormat.List });

    private static string Errors(EvaluationResults r) =>
        string.Join("; ", (r.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    public static TheoryData<string> Examples() => [.. Directory.GetFiles(Path.Combine(Root(), "docs", "examples")).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)).Select(f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_model_file_validates_against_the_schema_and_parses(string name)
    {
        var path = Path.Combine(Root(), "docs", "examples", name!);
        var r = Evaluate(File.ReadAllText(path));
        Assert.True(r.IsValid, $"{name}: {Errors(r)}");
        Assert.NotNull(ModelFile.Load(path));
    }

    [GeneratedRegex("```(?:yaml|json)\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [Fact]
    public void Every_full_model_in_the_model_file_reference_validates()
    {
        var doc = File.ReadAllText(Path.Combine(Root(), "docs", "model-files.md"));
        var models = CodeBlock().Matches(doc).Select(m => m.Groups[1].Value).Where(b => b.Contains("dims:", StringComparison.Ordinal) || b.Contains("\"dims\"", StringComparison.Ordinal)).ToArray();
        Assert.True(models.Length >= 2);
        foreach (var m in models)
        {
            var r = Evaluate(m);
            Assert.True(r.IsValid, $"{m[..Math.Min(60, m.Length)]}: {Errors(r)}");
        }
    }

    [Theory]
    [InlineData("color: blue")]
    [InlineData("compute: [energy]")]
    [InlineData("reference: {parallel: 0, model: one.yaml}")]
    [InlineData("end: {duration: 1, max_power: 2}")]
    [InlineData("options: {method: euler}")]
    public void Shapes_the_parser_refuses_are_invalid_for_the_schema_too(string extra)
    {
        var text = "dims: [2]\nbattery:\n  - {op: proj:1:1, sites: [0]}\ninitial: {basis: [0]}\ntimes: {stop: 1, points: 3}\n" + extra + "\n";
        Assert.False(Evaluate(text).IsValid);
        Assert.Throws<ValidationException>(() => ModelFile.Parse(text));
    }
}
