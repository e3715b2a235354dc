using System.Globalization;
using System.Text;

namespace QBatt.IO.Plot;

/// <summary>The figure's data as a CSV file and a matplotlib script that redraws the figure from it.</summary>
public sealed partial class SvgPlot
{
    /// <summary>The columns of <see cref="ToDataCsv"/>.</summary>
    public static IReadOnlyList<string> DataColumns { get; } = ["series", "kind", "label", "style", "color", "x", "y", "x2", "z"];

    private static string Style(LineStyle style) => style switch
    {
        LineStyle.Dashed => "dashed",
        LineStyle.Dotted => "dotted",
        LineStyle.DashDot => "dashdot",
        _ => "solid",
    };

    /// <summary>
    /// The data drawn, one row a point: the series index, kind (line, scatter, hline, vline, bars,
    /// heatmap), label, style, colour, x, y, x2 (right edge of a bar) and z (heatmap value); empty
    /// cells where a column does not apply (a horizontal line has no x).
    /// </summary>
    public string ToDataCsv()
    {
        var rows = new List<IReadOnlyList<object?>>();
        for (var s = 0; s < _data.Count; s++)
        {
            var d = _data[s];
            for (var i = 0; i < d.X.Length; i++)
            {
                rows.Add([s, d.Kind, d.Label, d.Style, d.Color, Cell(d.X[i]), Cell(d.Y[i]), d.X2 is null ? null : Cell(d.X2[i]), d.Z is null ? null : Cell(d.Z[i])]);
            }
        }
        return Csv.ToString(DataColumns, rows);
    }

    private static object? Cell(double v) => double.IsNaN(v) ? null : v;

    /// <summary>
    /// A Python script (stdlib csv and matplotlib) that redraws the figure from <paramref name="dataFile"/>
    /// (the <see cref="ToDataCsv"/> output, looked up beside the script) at the same size, fonts, labels,
    /// scales and limits, and saves it as <paramref name="outputStem"/>.pdf and .png.
    /// </summary>
    public string ToMatplotlib(string dataFile, string outputStem)
    {
        var (w, h) = Inches ?? (Width / 100.0, Height / 100.0);
        var sb = new StringBuilder();
        sb.Append("#!/usr/bin/env python3\n");
        sb.Append("\"\"\"Redraws the QBatt figure ").Append(outputStem).Append(" from its data file with matplotlib.\n\n");
        sb.Append("Usage: python3 ").Append(outputStem).Append(".py  (writes ").Append(outputStem).Append(".pdf and ").Append(outputStem).Append(".png beside this script)\n\"\"\"\n");
        sb.Append("import csv\nimport os\nimport matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n\n");
        sb.Append("HERE = os.path.dirname(os.path.abspath(__file__))\n");
        sb.Append("DATA = os.path.join(HERE, ").Append(Py(dataFile)).Append(")\n");
        sb.Append("OUT = os.path.join(HERE, ").Append(Py(outputStem)).Append(")\n");
        sb.Append(Inv($"WIDTH_IN, HEIGHT_IN, FONT_PT = {w:R}, {h:R}, {(Inches is null ? FontSize * 0.75 : FontSize):R}\n"));
        sb.Append("TITLE = ").Append(Py(Title)).Append('\n');
        sb.Append("XLABEL = ").Append(Py(X.Label)).Append('\n');
        sb.Append("YLABEL = ").Append(Py(Y.Label)).Append('\n');
        sb.Append("XLOG, YLOG = ").Append(X.IsLog ? "True" : "False").Append(", ").Append(Y.IsLog ? "True" : "False").Append('\n');
        sb.Append("XLIM = (").Append(Limit(X.Min)).Append(", ").Append(Limit(X.Max)).Append(")\n");
        sb.Append("YLIM = (").Append(Limit(Y.Min)).Append(", ").Append(Limit(Y.Max)).Append(")\n\n");
        sb.Append("""
            LINESTYLES = {'solid': '-', 'dashed': '--', 'dotted': ':', 'dashdot': '-.'}
            MARKERS = {'circle': 'o', 'square': 's', 'triangle': '^', 'diamond': 'D', 'cross': 'x'}


            def num(text):
                return float(text) if text != '' else None


            def main():
                series = {}
                with open(DATA, newline='', encoding='utf-8') as f:
                    for row in csv.DictReader(f):
                        series.setdefault(int(row['series']), []).append(row)
                plt.rcParams.update({'font.size': FONT_PT, 'axes.labelsize': FONT_PT * 7 / 6, 'axes.titlesize': FONT_PT * 4 / 3})
                fig, ax = plt.subplots(figsize=(WIDTH_IN, HEIGHT_IN), constrained_layout=True)
                for key in sorted(series):
                    rows = series[key]
                    first = rows[0]
                    kind, label, style, color = first['kind'], first['label'] or None, first['style'], first['color'] or None
                    x = [num(r['x']) for r in rows]
                    y = [num(r['y']) for r in rows]
                    if kind == 'line':
                        ax.plot(x, y, LINESTYLES.get(style, '-'), color=color, label=label, linewidth=1.2)
                    elif kind == 'scatter':
                        ax.plot(x, y, MARKERS.get(style, 'o'), color=color, label=label, markersize=4, linestyle='none')
                    elif kind == 'hline':
                        ax.axhline(y[0], linestyle=LINESTYLES.get(style, '--'), color=color, label=label, linewidth=1)
                    elif kind == 'vline':
                        ax.axvline(x[0], linestyle=LINESTYLES.get(style, '--'), color=color, label=label, linewidth=1)
                    elif kind == 'bars':
                        widths = [num(r['x2']) - num(r['x']) for r in rows]
                        ax.bar(x, y, width=widths, align='edge', color=color, label=label, edgecolor='white', linewidth=0.3)
                    elif kind == 'heatmap':
                        xs = sorted(set(x))
                        ys = sorted(set(y))
                        grid = [[float('nan')] * len(xs) for _ in ys]
                        for r in rows:
                            z = num(r['z'])
                            grid[ys.index(num(r['y']))][xs.index(num(r['x']))] = float('nan') if z is None else z
                        mesh = ax.pcolormesh(xs, ys, grid, shading='nearest', cmap='viridis')
                        fig.colorbar(mesh, ax=ax, label=label)
                if XLOG:
                    ax.set_xscale('log')
                if YLOG:
                    ax.set_yscale('log')
                ax.set_xlim(*XLIM)
                ax.set_ylim(*YLIM)
                ax.set_xlabel(XLABEL)
                ax.set_ylabel(YLABEL)
                if TITLE:
                    ax.set_title(TITLE)
                if any(r['label'] for rows in series.values() for r in rows[:1] if r['kind'] != 'heatmap'):
                    ax.legend(frameon=True, framealpha=0.9)
                ax.grid(True, color='#e5e5e5', linewidth=0.6)
                ax.set_axisbelow(True)
                fig.savefig(OUT + '.pdf')
                fig.savefig(OUT + '.png', dpi=300)


            if __name__ == '__main__':
                main()

            """);
        return sb.ToString();
    }

    /// <summary>
    /// Writes the SVG to <paramref name="svgPath"/> and, beside it, its data (<c>NAME.data.csv</c>) and
    /// the matplotlib script that redraws it (<c>NAME.py</c>); returns the three paths.
    /// </summary>
    /// <exception cref="ValidationException">The plot cannot be drawn or a path cannot be written.</exception>
    public IReadOnlyList<string> SaveWithData(string svgPath)
    {
        var dir = System.IO.Path.GetDirectoryName(svgPath) ?? "";
        var stem = System.IO.Path.GetFileNameWithoutExtension(svgPath);
        var csv = System.IO.Path.Combine(dir, stem + ".data.csv");
        var py = System.IO.Path.Combine(dir, stem + ".py");
        var svg = ToSvg();
        AtomicFile.WriteAllText(csv, ToDataCsv());
        AtomicFile.WriteAllText(py, ToMatplotlib(stem + ".data.csv", stem));
        AtomicFile.WriteAllText(svgPath, svg);
        return [svgPath, csv, py];
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string Limit(double? v) => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "None";

    /// <summary>A Python string literal (UTF-8 source; backslashes, quotes and control characters escaped).</summary>
    private static string Py(string text)
    {
        var sb = new StringBuilder("'");
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '\\' => "\\\\",
                '\'' => "\\'",
                '\n' => "\\n",
                '\r' => "\\r",
                _ when c < ' ' => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }
        return sb.Append('\'').ToString();
    }
}
