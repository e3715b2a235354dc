using System.Numerics;
using System.Text.Json.Nodes;
using QBatt.IO;
using QBatt.IO.Plot;
using QBatt.Tests.IO;

namespace QBatt.Tests.Sweeps;

/// <summary>The HDF5 writer read back by h5py (Debian's python3-h5py, an independent HDF5 implementation) and the heatmap series.</summary>
public class Hdf5Tests
{
    [Fact]
    public void Datasets_attributes_groups_and_complex_data_read_back_with_h5py()
    {
        using var dir = new TempDir();
        var f = new Hdf5File();
        f.Attribute("version", "0.1.0").Attribute("n", 5L).Attribute("x", 0.25).Attribute("flag", true).Attribute("names", new[] { "a", "bb" });
        f.Add("matrix", [1.0, 2, 3, 4, 5, 6], 2, 3).Attribute("unit", "J");
        f.Add("ints", new long[] { -1, 0, 7 });
        f.Add("small", new[] { 3, 4 });
        f.Add("labels", ["x", "yy", "zzz"]);
        f.Add("z", [new Complex(1, 2), new Complex(-3.5, 0.25), new Complex(0, -1), new Complex(1e-300, 1e300)], 2, 2);
        f.Group("sub").Group("deeper").Add("v", [double.NaN, double.PositiveInfinity]).Attribute("note", "ok");
        f.Add("empty", Array.Empty<double>());
        var path = dir.File("t.h5");
        f.Save(path);
        Assert.Equal(["t.h5"], dir.Entries());
        var text = SweepFixtures.Python("""
            import h5py, json, numpy as np
            f = h5py.File('t.h5', 'r')
            z = f['z']
            out = {
              'matrix': f['matrix'][()].tolist(), 'matrix_dtype': str(f['matrix'].dtype), 'unit': f['matrix'].attrs['unit'],
              'ints': f['ints'][()].tolist(), 'ints_dtype': str(f['ints'].dtype), 'small_dtype': str(f['small'].dtype),
              'labels': [s.decode() for s in f['labels'][()]],
              'z_dtype': str(z.dtype), 'z_fields': list(z.id.get_type().dtype.names or []) if z.dtype.kind == 'V' else [n.decode() if isinstance(n, bytes) else n for n in [z.id.get_type().get_member_name(i) for i in range(z.id.get_type().get_nmembers())]],
              'z_re': z[()].real.ravel().tolist(), 'z_im': z[()].imag.ravel().tolist(), 'z_shape': list(z.shape),
              'v': [repr(x) for x in f['sub/deeper/v'][()]], 'note': f['sub/deeper/v'].attrs['note'],
              'attrs': {k: (v.tolist() if hasattr(v, 'tolist') else v) for k, v in f.attrs.items()},
              'empty': list(f['empty'].shape),
            }
            print(json.dumps(out, default=str))
            """, dir.Root);
        var h = JsonNode.Parse(text)!;
        Assert.Equal("[[1,2,3],[4,5,6]]", h["matrix"]!.ToJsonString().Replace(".0", "", StringComparison.Ordinal));
        Assert.Equal("float64", (string?)h["matrix_dtype"]);
        Assert.Equal("J", (string?)h["unit"]);
        Assert.Equal("[-1,0,7]", h["ints"]!.ToJsonString());
        Assert.Equal("int64", (string?)h["ints_dtype"]);
        Assert.Equal("int32", (string?)h["small_dtype"]);
        Assert.Equal("[\"x\",\"yy\",\"zzz\"]", h["labels"]!.ToJsonString());
        Assert.Equal("complex128", (string?)h["z_dtype"]);
        Assert.Equal("[\"r\",\"i\"]", h["z_fields"]!.ToJsonString());
        Assert.Equal("[2,2]", h["z_shape"]!.ToJsonString());
        Assert.Equal([1, -3.5, 0, 1e-300], h["z_re"]!.AsArray().Select(x => (double)x!));
        Assert.Equal([2, 0.25, -1, 1e300], h["z_im"]!.AsArray().Select(x => (double)x!));
        Assert.Equal("[\"nan\",\"inf\"]", h["v"]!.ToJsonString());
        Assert.Equal("ok", (string?)h["note"]);
        var attrs = h["attrs"]!;
        Assert.Equal("0.1.0", (string?)attrs["version"]);
        Assert.Equal(5, (int)attrs["n"]!);
        Assert.Equal(0.25, (double)attrs["x"]!);
        Assert.Equal(1, (int)attrs["flag"]!);
        Assert.Equal("[\"a\",\"bb\"]", attrs["names"]!.ToJsonString());
        Assert.Equal("[0]", h["empty"]!.ToJsonString());
    }

    [Fact]
    public void Bad_shapes_names_and_attributes_are_refused()
    {
        var f = new Hdf5File();
        Assert.Throws<DimensionMismatchException>(() => f.Add("a", [1.0, 2, 3], 2, 2));
        f.Add("a", [1.0]);
        Assert.Throws<ValidationException>(() => f.Add("a", [2.0]));
        Assert.Throws<ValidationException>(() => f.Group("a"));
        Assert.Throws<ValidationException>(() => f.Add("x/y", [1.0]));
        Assert.Throws<ValidationException>(() => f.Attribute("bad", new object()));
        Assert.Throws<ValidationException>(() => f.Add("s", ["ok", null!]));
    }

    [Fact]
    public void Heatmap_cells_take_viridis_colours_with_edges_halfway_between_centres()
    {
        // matplotlib 3.6: viridis(0) = #440154, viridis(1) = #fde725 (matplotlib.colors.to_hex)
        Assert.Equal("#440154", HeatmapSeries.Colour(0));
        Assert.Equal("#fde725", HeatmapSeries.Colour(1));
        var axis = new SvgPlot().X;
        Assert.Equal([0.5, 1.5, 3, 5], HeatmapSeries.Edges([1, 2, 4], axis));
        axis.Scale = AxisScale.Log10;
        var log = HeatmapSeries.Edges([1, 100], axis);
        Assert.Equal([0.1, 10, 1000], log.Select(v => Math.Round(v, 10)));
        var plot = new SvgPlot("t", "x", "y").AddHeatmap("value", [1, 2], [10, 20, 30], new double[,] { { 0, 1, 2 }, { 3, double.NaN, 5 } });
        var svg = plot.ToSvg();
        Assert.Contains("fill=\"#440154\"", svg, StringComparison.Ordinal);
        Assert.Contains("fill=\"#fde725\"", svg, StringComparison.Ordinal);
        Assert.Contains("fill=\"#d9d9d9\"", svg, StringComparison.Ordinal);
        Assert.Contains("class=\"cblabel\"", svg, StringComparison.Ordinal);
        Assert.Throws<DimensionMismatchException>(() => new SvgPlot().AddHeatmap("v", [1, 2], [1], new double[1, 1]));
        Assert.Throws<ValidationException>(() => new SvgPlot().AddHeatmap("v", [2, 1], [1], new double[2, 1]));
    }
}
