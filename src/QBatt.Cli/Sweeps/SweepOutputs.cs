using System.Text.Json.Nodes;
using QBatt.Cli.Output;
using QBatt.IO;
using QBatt.Numerics;

namespace QBatt.Cli.Sweeps;

/// <summary>
/// The files a finished (or merged) sweep writes beside its JSON lines: <c>results.csv</c> (the
/// tidy table), <c>results.h5</c> (HDF5: axes, N-d grids, tidy columns, the fixed parameters as
/// attributes) and, for sweeps of one or two axes, <c>grids/NAME.npy</c> per numeric result with
/// the axis values. A grid cell of a point without a value (failed, missing, or null) is NaN.
/// </summary>
internal static class SweepOutputs
{
    public static IReadOnlyList<string> Write(string dir, SweepPlan plan, SweepTable table, string sweepSha256)
    {
        var written = new List<string>();
        var csv = Path.Combine(dir, "results.csv");
        Csv.Write(csv, table.Header, table.CsvRows());
        written.Add(csv);
        var grids = Grids(plan, table);
        var h5 = Path.Combine(dir, "results.h5");
        Hdf5(plan, table, grids, sweepSha256).Save(h5);
        written.Add(h5);
        if (plan.Axes.Count is 1 or 2)
        {
            var g = Path.Combine(dir, "grids");
            for (var a = 0; a < plan.Axes.Count; a++)
            {
                foreach (var (p, c) in plan.Axes[a].Parameters.Select((p, c) => (p, c)))
                {
                    var values = plan.Axes[a].Values.Select(v => SweepTable.Number(SweepPlan.Typed(p, v[c]))).ToArray();
                    if (values.All(v => v is not null))
                    {
                        var path = Path.Combine(g, $"axis{a}_{Safe(p.Name)}.npy");
                        Npy.Write(path, values.Select(v => v!.Value).ToArray());
                        written.Add(path);
                    }
                }
            }
            foreach (var (name, data) in grids)
            {
                var path = Path.Combine(g, Safe(name) + ".npy");
                if (plan.Axes.Count == 1) Npy.Write(path, data);
                else
                {
                    var m = new double[plan.Axes[0].Length, plan.Axes[1].Length];
                    Buffer.BlockCopy(data, 0, m, 0, data.Length * sizeof(double));
                    Npy.Write(path, m);
                }
                written.Add(path);
            }
        }
        return written;
    }

    /// <summary>
    /// The HDF5 file of a sweep given as lists on the command line (<c>qbatt dicke --coupling 0.1,0.5 --out FILE.h5</c>): the
    /// layout of results.h5, with the SHA-256 of the command line in place of the sweep file's and the command line's
    /// arguments as the attribute <c>arguments</c>.
    /// </summary>
    public static void WriteHdf5(string path, SweepPlan plan, SweepTable table, string[] arguments)
    {
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\u001f', arguments))));
        var f = Hdf5(plan, table, Grids(plan, table), sha);
        f.Attribute("arguments", arguments);
        f.Save(path);
    }

    /// <summary>The numeric result columns as row-major arrays over the axes (NaN where a point has no value).</summary>
    private static List<(string Name, double[] Data)> Grids(SweepPlan plan, SweepTable table)
    {
        var list = new List<(string, double[])>();
        if (plan.Count > 50_000_000 / Math.Max(1, table.ResultColumns.Count)) return list;
        foreach (var c in table.ResultColumns)
        {
            if (!SweepTable.IsNumeric(table.Rows.Select(r => r.Values.GetValueOrDefault(c)))) continue;
            var data = new double[plan.Count];
            Array.Fill(data, double.NaN);
            foreach (var r in table.Rows) data[r.Index] = SweepTable.Number(r.Values.GetValueOrDefault(c)) ?? double.NaN;
            list.Add((c, data));
        }
        return list;
    }

    private static Hdf5File Hdf5(SweepPlan plan, SweepTable table, List<(string Name, double[] Data)> grids, string sha)
    {
        var f = new Hdf5File();
        f.Attribute("command", plan.Command).Attribute("qbatt_version", ReportWriter.Version).Attribute("backend", LinearAlgebra.Default.Name)
            .Attribute("sweep_sha256", sha).Attribute("points", plan.Count).Attribute("completed", (long)table.Rows.Count);
        foreach (var (p, v) in plan.Fixed)
            f.Attribute(p.Name, Attr(SweepPlan.Typed(p, v)));
        var axes = f.Group("axes");
        var shape = plan.Axes.Select(a => a.Length).ToArray();
        var labels = new List<string>();
        for (var a = 0; a < plan.Axes.Count; a++)
        {
            var axis = plan.Axes[a];
            labels.Add(axis.Kind == "random" ? "draw" : string.Join(",", axis.Parameters.Select(p => p.Name)));
            foreach (var (p, c) in axis.Parameters.Select((p, c) => (p, c)))
                Column(axes, p.Name, [.. axis.Values.Select(v => SweepPlan.Typed(p, v[c]))], [axis.Length]).Attribute("axis", (long)a).Attribute("kind", axis.Kind);
        }
        var grid = f.Group("grid");
        grid.Attribute("axes", labels.ToArray());
        foreach (var (name, data) in grids)
            grid.Add(Safe(name), data, shape.Length == 0 ? [1] : shape).Attribute("axes", labels.ToArray()).Attribute("column", name);
        var points = f.Group("points");
        points.Add("index", table.Rows.Select(r => r.Index).ToArray());
        foreach (var c in table.ParameterColumns.Concat(table.ResultColumns))
            Column(points, c, [.. table.Rows.Select(r => SweepTable.Get(r, c))], [table.Rows.Count]);
        return f;
    }

    private static Hdf5Dataset Column(Hdf5Group g, string name, List<JsonNode?> values, int[] shape)
    {
        if (values.Count > 0 && values.All(v => v is JsonValue j && j.TryGetValue<long>(out _)))
            return g.Add(Safe(name), values.Select(v => v!.GetValue<long>()).ToArray(), shape).Attribute("column", name);
        if (SweepTable.IsNumeric(values))
            return g.Add(Safe(name), values.Select(v => SweepTable.Number(v) ?? double.NaN).ToArray(), shape).Attribute("column", name);
        return g.Add(Safe(name), values.Select(SweepTable.Text).ToArray(), shape).Attribute("column", name);
    }

    private static object Attr(JsonNode? v) => SweepTable.Cell(v) switch
    {
        long l => l,
        double d => d,
        bool b => b,
        var o => SweepTable.Text(v) is { } s ? s : o?.ToString() ?? "",
    };

    /// <summary>A column name as a file or dataset name: '/' and other path characters become '_'.</summary>
    public static string Safe(string name) =>
        string.Concat(name.Select(ch => char.IsLetterOrDigit(ch) || ch is '_' or '-' or '.' ? ch : '_'));
}
