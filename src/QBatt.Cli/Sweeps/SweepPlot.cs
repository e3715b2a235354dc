using System.Globalization;
using QBatt.IO.Plot;

namespace QBatt.Cli.Sweeps;

/// <summary>
/// Figures of a sweep: a result against one parameter (a curve per combination of the other
/// parameters that vary), or a heatmap of a result over two parameters (the others fixed).
/// </summary>
internal static class SweepPlot
{
    private const int MaxCurves = 24;

    public static SvgPlot Draw(SweepPlan plan, SweepTable table, string x, string? y, string value)
    {
        var columns = table.ParameterColumns.Concat(table.ResultColumns).ToList();
        Require(table, columns, x, "--x");
        Require(table, columns, value, "--value");
        if (y is not null) Require(table, columns, y, "--y");
        if (table.Rows.Count == 0) throw new UsageException("DIR: no completed point to draw yet");
        var others = plan.Varying.Select(p => p.Name).Where(n => n != x && n != y && Distinct(table, n).Count > 1).ToList();
        return y is null ? Curves(table, x, value, others) : Heatmap(table, x, y, value, others);
    }

    private static SvgPlot Curves(SweepTable table, string x, string value, List<string> others)
    {
        var plot = new SvgPlot($"{value} against {x}", x, value);
        var groups = table.Rows.GroupBy(r => string.Join(", ", others.Select(o => $"{o} = {SweepTable.Text(SweepTable.Get(r, o))}"))).ToList();
        if (groups.Count > MaxCurves)
            throw new UsageException($"--x: {groups.Count} curves (one per combination of {string.Join(", ", others)}); expected at most {MaxCurves}: use --y for a heatmap or a sweep with fewer varying parameters");
        for (var k = 0; k < groups.Count; k++)
        {
            var pts = groups[k].Select(r => (X: Num(r, x), Y: Num(r, value))).OrderBy(p => p.X).ToList();
            var colour = SvgPlot.Palette[k % SvgPlot.Palette.Count];
            plot.AddLine(groups[k].Key, [.. pts.Select(p => p.X)], [.. pts.Select(p => p.Y)], color: colour);
            plot.AddScatter("", [.. pts.Select(p => p.X)], [.. pts.Select(p => p.Y)], color: colour);
        }
        return plot;
    }

    private static SvgPlot Heatmap(SweepTable table, string x, string y, string value, List<string> others)
    {
        if (others.Count > 0)
            throw new UsageException($"--y: a heatmap needs every other parameter fixed; {string.Join(", ", others)} also varies (values {string.Join(", ", Distinct(table, others[0]).Take(5))})");
        var xs = table.Rows.Select(r => Num(r, x)).Distinct().Order().ToArray();
        var ys = table.Rows.Select(r => Num(r, y)).Distinct().Order().ToArray();
        var grid = new double[xs.Length, ys.Length];
        var seen = new bool[xs.Length, ys.Length];
        foreach (var row in grid.Cast<double>().Select((_, k) => k)) grid[row / ys.Length, row % ys.Length] = double.NaN;
        foreach (var r in table.Rows)
        {
            int i = Array.BinarySearch(xs, Num(r, x)), j = Array.BinarySearch(ys, Num(r, y));
            if (seen[i, j])
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--y: two points at {x} = {xs[i]}, {y} = {ys[j]}; a heatmap needs one point per cell"));
            seen[i, j] = true;
            grid[i, j] = Num(r, value);
        }
        var plot = new SvgPlot($"{value} over {x} and {y}", x, y);
        plot.AddHeatmap(value, xs, ys, grid);
        return plot;
    }

    private static void Require(SweepTable table, List<string> columns, string name, string option)
    {
        if (!columns.Contains(name))
            throw new UsageException($"{option}: expected a column of the sweep (one of {string.Join(", ", columns)}), got '{name}'");
        if (!SweepTable.IsNumeric(table.Rows.Select(r => SweepTable.Get(r, name))))
            throw new UsageException($"{option}: expected a numeric column, got '{name}' (not a number in every point)");
    }

    private static double Num(SweepTable.Row r, string column) => SweepTable.Number(SweepTable.Get(r, column)) ?? double.NaN;

    private static List<string> Distinct(SweepTable table, string column) =>
        [.. table.Rows.Select(r => SweepTable.Text(SweepTable.Get(r, column))).Distinct()];
}
