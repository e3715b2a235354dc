using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using QBatt.Cli.Inputs;
using QBatt.Cli.Output;
using QBatt.IO.Plot;
using QBatt.Thermodynamics;

namespace QBatt.Cli.Commands;

/// <summary>
/// <c>qbatt copies</c>: work per copy from n copies of a cell (R4, Rev eqs 10-11, Fig. 3): w_max(n),
/// the extra work per copy Delta w(n) = w_max(n) - W_max(1), whether the n-copy state is passive,
/// and the n -&gt; infinity limit from the entropy bound (R3).
/// </summary>
internal static class CopiesCommand
{
    /// <summary>The library's own limit of type classes (ManyCopies), checked here before any n runs.</summary>
    private const double MaxClasses = 2e10;

    /// <summary>Measured cost of one type class of the passive-energy sum.</summary>
    private const double SecondsPerClass = 1e-7;

    /// <summary>Largest n: the factorial tables of n copies are indexed by int.</summary>
    private const int MaxCopies = 1_000_000_000;

    public static Command Create(CliContext ctx)
    {
        var output = new OutputOptions(plot: true);
        var cell = new CellInput(required: true);
        var copies = CliOptions.IntRanges("--n", "Numbers of copies: a list and/or ranges, e.g. 1,2,3,10,100 or 1..50.", required: true);
        var cmd = new Command("copies", "Work per copy from n copies of one cell (R4): w_max(n) = (1/n)(E(rho^n) - E(passive(rho^n))), the extra work per copy over single-copy extraction, whether n copies are passive, and the n -> infinity limit (the entropy bound, R3). Type classes make n = 10^4 take seconds for d = 3.\n\nExamples:\n  qbatt copies --energies 0,0.579,1 --populations 0.538,0.237,0.224 --normalize --n 1..20,50,100,1000\n  qbatt copies --energies 0,1,2 --populations 0.5,0.3,0.2 --n 1,2,3,10 --json\n  qbatt copies --energies 0,0.579,1 --populations 0.538,0.237,0.224 --normalize --n 1..60 --plot fig3.svg");
        cell.AddTo(cmd);
        cmd.Options.Add(copies);
        output.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var report = new Report("copies");
            report.MayBeInfinite.Add("beta_bar"); // a pure state (docs/cli.md)
            var (e, p) = cell.Read(parse, report);
            var ns = parse.GetValue(copies)!;
            foreach (var n in ns)
                if (n < 1) throw new UsageException($"--n: expected numbers of copies >= 1, got {n}");
            report.Param("n", Json.Array(ns));
            var mc = ManyCopies.FromDiagonal(p, e);
            var maxN = ns.Max();
            // the sum over type classes of n copies is the cost: about 20 ns a class (measured, d = 2 and 3)
            if (maxN > MaxCopies)
                throw new UsageException($"--n: expected numbers of copies up to {MaxCopies}, got {maxN}");
            if (mc.ClassCount(maxN) > MaxClasses)
                throw new UsageException($"--n: expected at most {MaxClasses:G2} type classes of n copies, got n = {maxN} with {e.Length} levels ({mc.ClassCount(maxN):G3} classes)");
            var seconds = ns.Sum(n => mc.ClassCount(n)) * SecondsPerClass;
            if (seconds > 60)
                Estimate.Announce(ctx, $"{ns.Sum(n => mc.ClassCount(n)):G3} type classes", seconds);
            var breaks = Passivity.SmallestNonPassiveCopies(p, e, maxN);
            var completely = Passivity.IsCompletelyPassive(p, e);
            var values = ProgressReporter.Run(ctx, "copies", ns.Length, done =>
            {
                var r = new (double Work, double Extra)[ns.Length];
                for (var i = 0; i < ns.Length; i++)
                {
                    var passive = mc.PassiveEnergyPerCopy(ns[i]);
                    r[i] = (mc.Energy - passive, mc.PassiveEnergy - passive);
                    done(i + 1);
                }
                return r;
            });
            var rows = new JsonArray();
            var table = report.AddTable("rows", "n", "work_per_copy", "extra_work_per_copy", "passive");
            for (var i = 0; i < ns.Length; i++)
            {
                var passive = breaks is null || ns[i] < breaks;
                rows.Add(new JsonObject
                {
                    ["n"] = ns[i],
                    ["work_per_copy"] = Json.Number(values[i].Work),
                    ["extra_work_per_copy"] = Json.Number(values[i].Extra),
                    ["passive"] = passive,
                });
                table.Add(ns[i], values[i].Work, values[i].Extra, passive);
            }
            report.Set("rows", rows);
            report.Set("limit", mc.Limit, "limit of w_max(n), n -> infinity");
            report.Set("extra_limit", mc.ExtraLimit, "limit of the extra work per copy");
            report.Set("ergotropy", mc.SingleCopyErgotropy, "single-copy ergotropy");
            report.Set("beta_bar", double.IsNaN(mc.Bound.Beta) ? null : Json.Number(mc.Bound.Beta), "entropy-matched beta");
            report.Set("completely_passive", completely, "completely passive (thermal)");
            report.Set("passivity_breaks_at", breaks is null ? null : JsonValue.Create(breaks.Value), "smallest n with non-passive copies");
            if (breaks is null && !completely)
                report.Note($"the state is passive but not thermal: some n > {maxN} copies are not passive (only n <= {maxN} were checked)");
            var plotPath = parse.GetValue(output.Plot!);
            if (plotPath is not null)
            {
                output.SaveFigure(ctx, parse, Figures.ExtraWorkPerCopy(ns, values.Select(v => v.Extra).ToArray(), mc.ExtraLimit), plotPath);
            }
            ReportWriter.Emit(ctx, parse, report, output);
            return 0;
        });
        return cmd;
    }

}
