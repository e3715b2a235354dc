using QBatt.Charging;

namespace QBatt.Tests.Charging;

/// <summary>The progress sink of <see cref="EntanglementFreeExtraction.Verify"/> (R5).</summary>
public class ExtractionProgressTests
{
    private sealed class Recorder : IProgress<double>
    {
        public List<double> Values { get; } = [];

        public void Report(double value) => Values.Add(value);
    }

    [Fact]
    public void Verify_reports_rising_fractions_ending_at_one_and_the_same_result()
    {
        var plan = EntanglementFreeExtraction.PlanForCopies([0.3, 0.7], [0, 1], cells: 8);
        var recorder = new Recorder();
        var with = EntanglementFreeExtraction.Verify(plan, new ExtractionVerificationOptions { Progress = recorder });
        var without = EntanglementFreeExtraction.Verify(plan);
        Assert.Equal(without.MinPptEigenvalue, with.MinPptEigenvalue);
        Assert.Equal(without.StatesChecked, with.StatesChecked);
        Assert.Equal(without.SeparableThroughout, with.SeparableThroughout);
        var v = recorder.Values;
        Assert.True(v.Count >= 10, $"{v.Count} reports");
        Assert.True(v.Count <= 1002, $"{v.Count} reports");
        Assert.Equal(1, v[^1]);
        for (var i = 1; i < v.Count; i++) Assert.True(v[i] >= v[i - 1], $"report {i}: {v[i]} after {v[i - 1]}");
        Assert.All(v, x => Assert.InRange(x, 0, 1));
    }

    [Fact]
    public void Fraction_reporter_throttles_to_thousandths()
    {
        var recorder = new Recorder();
        var r = new FractionReporter(recorder, 1_000_000);
        for (var i = 0; i < 1_000_000; i++) r.Advance();
        Assert.Equal(1000, recorder.Values.Count);
        Assert.Equal(1, recorder.Values[^1]);
        var empty = new Recorder();
        new FractionReporter(empty, 0).Advance(5);
        Assert.Empty(empty.Values);
    }
}
