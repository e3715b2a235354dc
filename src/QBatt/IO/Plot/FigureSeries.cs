namespace QBatt.IO.Plot;

/// <summary>
/// The data of one series of a figure as it was added, for the figure's data file and redraw script:
/// its kind (line, scatter, hline, vline, bars, heatmap), label, style (line style, marker, or the
/// colour map), colour, x and y (bars: the left edges and the counts, with the right edges in X2;
/// heatmaps: the cell centres with the values in Z).
/// </summary>
internal sealed record FigureSeries(string Kind, string Label, string Style, string Color, double[] X, double[] Y, double[]? X2 = null, double[]? Z = null);
