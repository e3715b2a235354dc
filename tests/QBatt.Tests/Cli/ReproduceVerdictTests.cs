using QBatt.Cli.Commands;
using QBatt.Cli.Reproduce;

namespace QBatt.Tests.Cli;

/// <summary>
/// Every reproduce verdict is earned: run once over the whole catalog with the perturbation seam of
/// <see cref="ReproduceContext.Perturb"/> on (each computed value moved out of its accepted region by more
/// than its tolerance), every row that agrees (with the source, with a closed form), every consistency row
/// and every "source differs" row turns into "disagrees", while the verdicts on the computed values
/// themselves contain no disagreement. One full run (about the length of <c>qbatt reproduce</c>), so it is
/// made once here.
/// </summary>
public class ReproduceVerdictTests
{
    [OncePerCiFact]
    public void Every_verdict_turns_into_disagrees_when_its_computed_value_is_perturbed()
    {
        var ctx = new ReproduceContext(null) { Perturb = true };
        foreach (var r in Catalog.All)
        {
            ctx.CurrentId = r.Id;
            r.Run(ctx);
        }
        Assert.True(ctx.Rows.Count > 50, $"{ctx.Rows.Count} rows");
        var wrong = ctx.Rows.Where(row => row.Unperturbed == Agreement.Disagrees).Select(row => $"{row.Id}: {row.Claim}: {row.Computed} [{string.Join(", ", row.Tests)}]").ToList();
        Assert.True(wrong.Count == 0, "rows that disagree without perturbation: " + string.Join("; ", wrong));
        var decided = ctx.Rows.Where(row => row.Unperturbed != Agreement.Computed).ToList();
        foreach (var kind in new[] { Agreement.AgreesWithSource, Agreement.AgreesWithClosedForm, Agreement.Consistency, Agreement.SourceDiffers })
            Assert.Contains(decided, row => row.Unperturbed == kind);
        var survivors = decided.Where(row => row.Agreement != Agreement.Disagrees).Select(row => $"{row.Id}: {row.Claim}").ToList();
        Assert.True(survivors.Count == 0, "verdicts that survive the perturbation: " + string.Join("; ", survivors));
        Assert.All(decided, row => Assert.NotEmpty(row.Tests));
        Assert.All(ctx.Rows.Where(row => row.Unperturbed == Agreement.Computed), row => Assert.Equal(Agreement.Computed, row.Agreement));
    }

    [Fact]
    public void Perturbation_moves_each_relation_past_its_tolerance()
    {
        // equalities both sides of the expectation, inequalities at and away from the bound, a zero tolerance
        Test[] tests =
        [
            Test.Equal("a", 1.0, 1.0, 1e-9), Test.Equal("b", 1 - 5e-10, 1.0, 1e-9), Test.Equal("c", 0, 0, 0),
            Test.AtMost("d", 0.3, 1, 1e-12), Test.AtMost("e", 1, 1, 0), Test.AtLeast("f", 5, 1e-3), Test.AtLeast("g", 1e-3, 1e-3, 1e-6),
        ];
        foreach (var t in tests)
        {
            Assert.True(t.Holds(t.Value), t.ToString());
            Assert.False(t.Holds(t.Perturbed()), t.ToString());
            Assert.True(Math.Abs(t.Perturbed() - t.Value) > t.Tolerance, t.ToString());
        }
        Assert.False(Test.Equal("nan", double.NaN, 0, 1).Holds(double.NaN));
    }

    [Fact]
    public void A_source_differs_row_whose_value_misses_its_expectation_disagrees()
    {
        var ctx = new ReproduceContext(null) { CurrentId = "t" };
        ctx.SourceDiffers("claim", "src", "1.8", "1.7", "reason", Test.Equal("W", 1.7, 1.7, 1e-12));
        ctx.SourceDiffers("claim", "src", "1.8", "1.6", "reason", Test.Equal("W", 1.6, 1.7, 1e-12));
        ctx.Consistency("claim", "src", "0", "1", "", Test.Equal("violations", 1, 0, 0));
        Assert.Equal([Agreement.SourceDiffers, Agreement.Disagrees, Agreement.Disagrees], ctx.Rows.Select(r => r.Agreement));
        Assert.Throws<InvalidOperationException>(() => ctx.ClosedForm("no test", "src", "-", "-", ""));
    }

    [Fact]
    public void Summary_and_json_give_each_category_count()
    {
        var r = CliRunner.Run("reproduce", "--only", "prl-c0-bounds,prl-bounds", "--no-files", "--json");
        Assert.True(r.Code == 0, r.Err + r.Out);
        var doc = System.Text.Json.Nodes.JsonNode.Parse(r.Out)!;
        var counts = doc["counts"]!.AsObject();
        Assert.Equal(["agrees_with_source", "agrees_with_closed_form", "consistency", "computed", "source_differs", "disagrees"], counts.Select(c => c.Key));
        Assert.Equal(doc["rows"]!.AsArray().Count, counts.Sum(c => (int)c.Value!));
        Assert.Equal(3, (int)counts["agrees_with_source"]!);
        Assert.Equal(1, (int)counts["computed"]!);
        Assert.Contains("3 agree with the source's value", (string)doc["summary"]!, StringComparison.Ordinal);
        var t = CliRunner.Run("reproduce", "--only", "prl-c0-bounds", "--no-files");
        Assert.Contains("2 rows: 2 agree with the source's value, 0 agree with a closed form or independent oracle, 0 consistency checks", t.Out, StringComparison.Ordinal);
    }
}
