using System.Text.Json.Nodes;
using QBatt.Numerics;

namespace QBatt.Tests.Cli;

public class InfoAndErrorsTests
{
    [Fact]
    public void Info_json_reports_version_and_active_backend()
    {
        var r = CliRunner.Run("info", "--json");
        Assert.Equal(0, r.Code);
        var doc = JsonNode.Parse(r.Out)!.AsObject();
        Assert.Equal("info", (string?)doc["command"]);
        Assert.Equal(LinearAlgebra.Default.Name, (string?)doc["backend"]);
        Assert.False(string.IsNullOrEmpty((string?)doc["qbatt_version"]));
        Assert.Equal(LinearAlgebra.Native is not null, (bool?)doc["openblas_available"]);
    }

    [Fact]
    public void Unknown_option_is_one_line_with_exit_code_2()
    {
        var r = CliRunner.Run("info", "--bogus");
        Assert.Equal(2, r.Code);
        Assert.Equal("qbatt info: unknown option '--bogus'; see 'qbatt info --help'", r.Err.Trim());
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void Bad_out_extension_is_refused_before_running()
    {
        var r = CliRunner.Run("info", "--out", "x.txt");
        Assert.Equal(2, r.Code);
        Assert.Contains("--out: expected a file ending in .json, .csv, .h5, got 'x.txt'", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Info_writes_json_and_csv_files_atomically()
    {
        var dir = Directory.CreateTempSubdirectory("qbatt-cli");
        try
        {
            var json = Path.Combine(dir.FullName, "sub", "info.json");
            Assert.Equal(0, CliRunner.Run("info", "--out", json).Code);
            Assert.Equal("info", (string?)JsonNode.Parse(File.ReadAllText(json))!["command"]);
            var csv = Path.Combine(dir.FullName, "info.csv");
            Assert.Equal(0, CliRunner.Run("info", "--out", csv).Code);
            // one row of the scalar results, the columns the JSON keys
            var lines = File.ReadAllLines(csv);
            Assert.Equal(2, lines.Length);
            Assert.Contains("backend", lines[0].Split(','));
            Assert.Equal(2, Directory.GetFiles(dir.FullName, "*", SearchOption.AllDirectories).Length);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Info_in_a_real_process_without_openblas_falls_back_to_managed()
    {
        var r = CliRunner.RunProcess(new Dictionary<string, string?> { ["QBATT_OPENBLAS_LIBRARY"] = "/nonexistent/libopenblas.so.0", ["QBATT_BACKEND"] = null }, "info", "--json");
        Assert.Equal(0, r.Code);
        var doc = JsonNode.Parse(r.Out)!.AsObject();
        Assert.Equal("managed", (string?)doc["backend"]);
        Assert.False((bool?)doc["openblas_available"]);
    }

    [Fact]
    public void Forcing_native_without_openblas_is_a_one_line_error()
    {
        var r = CliRunner.RunProcess(new Dictionary<string, string?> { ["QBATT_OPENBLAS_LIBRARY"] = "/nonexistent/libopenblas.so.0", ["QBATT_BACKEND"] = "native" }, "info");
        Assert.Equal(2, r.Code);
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains("QBATT_BACKEND", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Info_in_a_real_process_with_openblas_reports_core_and_threads()
    {
        Assert.True(LinearAlgebra.Native is not null, "OpenBLAS not loadable: install libopenblas0-pthread");
        var r = CliRunner.RunProcess(new Dictionary<string, string?> { ["QBATT_BACKEND"] = "native" }, "info", "--json");
        Assert.Equal(0, r.Code);
        var doc = JsonNode.Parse(r.Out)!.AsObject();
        Assert.Equal("native", (string?)doc["backend"]);
        Assert.False(string.IsNullOrEmpty((string?)doc["openblas_core"]));
        Assert.True((int?)doc["openblas_threads"] >= 1);
    }

    [Fact]
    public void Unknown_backend_value_is_refused()
    {
        var r = CliRunner.RunProcess(new Dictionary<string, string?> { ["QBATT_BACKEND"] = "gpu" }, "info");
        Assert.Equal(2, r.Code);
        Assert.Contains("expected 'native' or 'managed', got 'gpu'", r.Err, StringComparison.Ordinal);
    }
}
