using System.Text.Json.Nodes;
using QBatt.Tests.Sweeps;

namespace QBatt.Tests.Cli;

/// <summary>
/// Every command in real processes (dotnet QBatt.Cli.dll): exit code 0, <c>--json</c> parses and holds
/// the keys docs/cli.md documents, and every <c>--out</c> format it accepts loads back in Debian's Python
/// (CSV by pandas, .h5 by h5py, .npy by numpy) holding the headline numbers: every scalar number of the
/// JSON document is a CSV column with that value on every row and an attribute of the HDF5 root, and
/// every numeric array of the JSON (a time series) is a dataset. The JSON is the oracle for the files
/// (a different writer and a different reader); the physics of each value is tested elsewhere.
/// Every run also prints --json (the document checked). Bad input exits 2. The processes run four at a
/// time: about 45 runs, a minute or two on a loaded machine.
/// </summary>
public sealed class OutputFormatsTests
{
    /// <summary>Keys that are measured resources of a run (wall time, peak memory), not results: they differ between runs.</summary>
    private static readonly string[] Measured = ["seconds", "peak_memory_bytes"];

    /// <summary>A command line, the keys its JSON must hold (docs/cli.md), and the --out extensions it takes.</summary>
    public sealed record Case(string Name, string[] Args, string[] Keys, string[] Formats, string? Matrix = null, int[]? MatrixShape = null);

    private static string Example(string name) => Path.Combine(SweepFixtures.RepositoryRoot(), "docs", "examples", name);

    public static IReadOnlyList<Case> Cases() =>
    [
        new("info", ["info"], ["version", "backend"], [".json", ".csv", ".h5"]),
        new("ergotropy", ["ergotropy", "--energies", "0,1,2", "--populations", "0.5,0.2,0.3"], ["ergotropy", "energy", "passive_energy", "entropy", "beta_bar", "entropy_bound", "incoherent_ergotropy", "coherent_ergotropy", "passive_populations"], [".json", ".csv", ".h5", ".npy"], "passive_state", [3, 3]),
        new("copies", ["copies", "--energies", "0,0.579,1", "--populations", "0.538,0.237,0.224", "--normalize", "--n", "1,2,3"], ["rows", "limit", "extra_limit", "ergotropy", "beta_bar", "completely_passive"], [".json", ".csv", ".h5"]),
        new("extract-plan", ["extract-plan", "--energies", "0,1", "--populations", "0.3,0.7", "--cells", "2"], ["direct_transpositions", "single_cell_steps", "steps", "final_is_passive", "ergotropy", "separable_throughout", "min_ppt_eigenvalue"], [".json", ".csv", ".h5"]),
        new("charge", ["charge", "--model", Example("damped-qubit.json")], ["final_work", "max_work", "charging_time", "work_at_charging_time", "times", "energy", "work", "power"], [".json", ".csv", ".h5", ".npy"], "final_state", [2, 2]),
        new("dicke", ["dicke", "--cells", "1..3", "--coupling", "0.5", "--tmax", "1"], ["scan", "fit_slope", "fit_intercept", "fit_r_squared", "exponent"], [".json", ".csv", ".h5"]),
        new("chain", ["chain", "--cells", "3", "--trace", "--steps", "20", "--tmax", "2"], ["max_power", "charging_time", "gamma", "independent_max_power", "times", "work", "power", "independent_work"], [".json", ".csv", ".h5"]),
        new("separable-ball", ["separable-ball", "--cells", "2"], ["radius_bipartite", "radius_full", "max_eps", "max_eps_certifies", "ppt_threshold_eps"], [".json", ".csv", ".h5"]),
        new("advantage", ["advantage", "--cells", "2", "--constraint", "c0"], ["gamma", "t_parallel", "t_collective", "work", "constraint", "scale", "budget", "qsl_holds"], [".json", ".csv", ".h5"]),
        new("conjecture", ["conjecture", "--cells", "3", "--k", "2", "--samples", "10", "--seed", "4"], ["max_gamma", "bound", "samples", "seed", "histogram", "conjecture_holds", "mean_gamma", "worst"], [".json", ".csv", ".h5", ".npy"], "worst_hamiltonian", [8, 8]),
        new("cooper", ["cooper", "--cells", "2"], ["gamma", "gamma_c0", "gamma_c1", "gamma_c2", "review_claim", "theorem1_bound", "t_parallel", "t_collective", "work"], [".json", ".csv", ".h5"]),
        new("gaussian", ["gaussian", "--omega", "1", "--squeeze", "0.5"], ["initial_energy", "final_energy", "work", "final_std", "relative_precision", "modes"], [".json", ".csv", ".h5"]),
        new("gaussian-compare", ["gaussian", "--omega", "1", "--compare", "1,2"], ["rows"], [".json", ".csv", ".h5"]),
    ];

    [Fact]
    public void Every_command_prints_documented_json_and_writes_every_out_format_holding_its_headline_numbers()
    {
        using var dir = new QBatt.Tests.IO.TempDir();
        var cases = Cases();
        var runs = new List<(Case C, string Format, string[] Args)>();
        foreach (var c in cases)
        {
            foreach (var f in c.Formats)
                runs.Add((c, f, [.. c.Args, "--out", Path.Combine(dir.Root, c.Name + f), "--json"]));
        }
        var results = new CliRunner.Result[runs.Count];
        Parallel.For(0, runs.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            results[i] = CliRunner.RunProcess(new Dictionary<string, string?>(), runs[i].Args));

        var expected = new JsonObject();
        for (var i = 0; i < runs.Count; i++)
        {
            var (c, format, _) = runs[i];
            Assert.True(results[i].Code == 0, $"{c.Name} {format}: exit {results[i].Code}: {results[i].Err}");
            var doc = JsonNode.Parse(results[i].Out)!.AsObject();
            Assert.Equal(c.Args[0], (string)doc["command"]!);
            foreach (var key in c.Keys) Assert.True(doc.ContainsKey(key), $"{c.Name}: JSON key '{key}' (docs/cli.md) missing");
            if (format == ".json")
            {
                // the file is the document printed, byte for byte apart from the run time
                var file = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Root, c.Name + ".json")))!.AsObject();
                foreach (var measured in Measured) { file.Remove(measured); doc.Remove(measured); }
                Assert.Equal(doc.ToJsonString(), file.ToJsonString());
            }
            if (format == ".json") expected[c.Name] = new JsonObject { ["doc"] = doc.DeepClone(), ["formats"] = Json(c.Formats), ["matrix"] = c.Matrix, ["shape"] = c.MatrixShape is null ? null : new JsonArray([.. c.MatrixShape.Select(n => (JsonNode?)n)]) };
        }
        File.WriteAllText(Path.Combine(dir.Root, "expected.json"), expected.ToJsonString());
        var output = SweepFixtures.Python(CheckScript, dir.Root);
        Assert.Contains($"checked {cases.Count} commands", output, StringComparison.Ordinal);
    }

    private static JsonArray Json(string[] items) => new([.. items.Select(s => (JsonNode?)JsonValue.Create(s))]);

    /// <summary>
    /// Loads every file with pandas, h5py and numpy and compares it with the JSON printed by the same
    /// command line (the numbers of the run time differ between runs and are skipped; values to 1e-9 relative).
    /// </summary>
    private const string CheckScript = """
        import json, math
        import numpy as np
        import pandas as pd
        import h5py

        SKIP = {'seconds', 'peak_memory_bytes'}  # measured resources: differ between runs of the same command line

        def close(a, b):
            return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-300) or (math.isnan(float(a)) and math.isnan(float(b)))

        def number(v):
            if isinstance(v, bool):
                return None
            if isinstance(v, (int, float)):
                return float(v)
            if v in ('Infinity', '-Infinity', 'NaN'):
                return float(v.replace('Infinity', 'inf'))
            return None

        expected = json.load(open('expected.json', encoding='utf-8'))
        for name, case in expected.items():
            doc = case['doc']
            scalars = {k: number(v) for k, v in doc.items() if number(v) is not None and k not in SKIP}
            arrays = {k: v for k, v in doc.items() if isinstance(v, list) and v and all(number(x) is not None for x in v)}
            row_keys = set()
            for v in list(doc.values()) + list((doc.get('tables') or {}).values()):
                if isinstance(v, list):
                    for x in v:
                        if isinstance(x, dict):
                            row_keys.update(x.keys())
            if '.csv' in case['formats']:
                df = pd.read_csv(name + '.csv')
                assert len(df) >= 1, name
                for c in df.columns:
                    assert c in doc or c in SKIP or c in row_keys, f'{name}.csv: column {c} is not a JSON key'
                for k, v in scalars.items():
                    if k in row_keys:
                        continue  # a table column of that name holds its rows' values (conjecture's per-sample seed)
                    assert k in df.columns, f'{name}.csv: headline {k} missing (columns {list(df.columns)})'
                    assert all(close(x, v) for x in df[k]), f'{name}.csv: {k} = {df[k].iloc[0]}, JSON {v}'
            if '.h5' in case['formats']:
                with h5py.File(name + '.h5', 'r') as f:
                    assert f.attrs['command'] == doc['command'], name
                    assert f.attrs['qbatt_version'] == doc['version'], name
                    assert f.attrs['backend'] == doc['backend'], name
                    assert json.loads(f.attrs['parameters']) == doc['parameters'], name
                    assert 'units' in f.attrs, name
                    for k, v in scalars.items():
                        assert k in f.attrs, f'{name}.h5: attribute {k} missing'
                        assert close(f.attrs[k], v), f'{name}.h5: {k} = {f.attrs[k]}, JSON {v}'
                    for k, v in arrays.items():
                        data = f[k][()]
                        assert data.shape == (len(v),), f'{name}.h5: {k} shape {data.shape}'
                        assert all(close(a, number(b)) for a, b in zip(data, v)), f'{name}.h5: {k} differs'
                    if case['matrix']:
                        m = f[case['matrix']][()]
                        assert m.dtype == np.complex128 and list(m.shape) == case['shape'], f'{name}.h5: {case["matrix"]} {m.dtype} {m.shape}'
                    for k, v in doc.items():
                        if isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
                            g = f[k]
                            for key in v[0]:
                                col = g[key][()]
                                assert len(col) == len(v), f'{name}.h5: {k}/{key} has {len(col)} rows'
                                n0 = number(v[0][key])
                                if n0 is not None and not isinstance(v[0][key], bool):
                                    assert close(col[0], n0), f'{name}.h5: {k}/{key}[0] = {col[0]}, JSON {n0}'
            if '.npy' in case['formats']:
                m = np.load(name + '.npy')
                assert list(m.shape) == case['shape'], f'{name}.npy: shape {m.shape}'
                if case['matrix'] != 'worst_hamiltonian':
                    assert abs(np.trace(m) - 1) < 1e-9, f'{name}.npy: trace {np.trace(m)}'
                assert np.allclose(m, m.conj().T, atol=1e-12), f'{name}.npy: not Hermitian'
                with h5py.File(name + '.h5', 'r') as f:
                    assert np.array_equal(m, f[case['matrix']][()]), f'{name}: .npy and .h5 matrices differ'
        # the ergotropy's passive state holds the passive populations on its diagonal (JSON), descending in energy order
        e = expected['ergotropy']['doc']
        sigma = np.load('ergotropy.npy')
        assert np.allclose(np.sort(np.diag(sigma).real)[::-1], sorted(e['passive_populations'], reverse=True), atol=1e-12)
        assert math.isclose(float(np.real(np.trace(sigma @ np.diag([0.0, 1.0, 2.0])))), e['passive_energy'], rel_tol=1e-12)
        print(f'checked {len(expected)} commands')
        """;

    [Theory]
    [InlineData("ergotropy", "--energies", "0,1", "--populations", "0.5,0.6")]
    [InlineData("dicke", "--cells", "0")]
    [InlineData("chain", "--cells", "3", "--out", "x.npy")]
    [InlineData("dicke", "--cells", "2", "--plot", "g.svg", "--figure-size", "0.5x0.5")]
    [InlineData("ergtropy")]
    public void Bad_input_exits_2_in_a_real_process(params string[] args)
    {
        var r = CliRunner.RunProcess(new Dictionary<string, string?>(), args);
        CliRunner.AssertBadInput(r, args[0] == "ergtropy" ? "did you mean 'ergotropy'" : "--");
    }
}
