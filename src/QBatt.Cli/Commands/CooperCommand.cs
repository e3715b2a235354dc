using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using QBatt.Batteries;
using QBatt.Charging;
using QBatt.Cli.Output;
using QBatt.Dynamics;
using QBatt.Models;

namespace QBatt.Cli.Commands;

/// <summary>
/// <c>qbatt cooper</c>: N coupled Cooper-pair boxes (R15) charged from |0..0&gt; by gate pulses and two-body couplings,
/// fairly compared with N independent boxes under C0, C1 and C2 (R9), against the review's 'about 2' and PRL
/// Theorem 1's gamma k = pi; or a seeded search for the largest Gamma_C0 over the model's k = 2 drives.
/// </summary>
internal static class CooperCommand
{
    /// <summary>Largest --search: at 12 boxes one drive takes about a tenth of a second, so 10^6 drives are a day.</summary>
    internal const int MaxSearch = 1_000_000;

    public static Command Create(CliContext ctx)
    {
        var output = new OutputOptions(plot: true);
        var cells = CliOptions.Int("--cells", $"Number of boxes N (2..{CooperPairBoxes.MaxCells}).", min: 2, required: true);
        var gate = CliOptions.Double("--gate", "Gate-pulse amplitude a of a sum_l sigma_x^l (default 0).", defaultValue: 0);
        var coupling = CliOptions.Double("--coupling", "Two-body coupling J on every pair of the topology (default 1).", defaultValue: 1);
        var kind = CliOptions.Choice("--kind", "Coupling: xx (J sigma_x sigma_x) or swap (J (XX + YY)/2, pair tunnelling between islands).", ["xx", "swap"], defaultValue: "xx");
        var topology = CliOptions.Choice("--topology", "Coupled pairs: pairs (disjoint (0,1), (2,3), ..), chain (nearest neighbours) or all (every pair).", ["pairs", "chain", "all"], defaultValue: "pairs");
        var constraint = CliOptions.Choice("--constraint", "The constraint whose Gamma is reported as 'gamma' (all three are computed).", ["c0", "c1", "c2"], defaultValue: "c0");
        var search = CliOptions.Int("--search", "Instead of the given drive, search the largest Gamma_C0 over SAMPLES random k = 2 drives on --topology (gates and J_xx, J_yy, J_zz i.i.d. normal) plus R11's disjoint pairs, then hill-climb.", min: 1);
        var refine = CliOptions.Int("--refine", "Hill-climbing steps of --search (default 64).", defaultValue: 64, min: 0);
        var seed = CliOptions.Int("--seed", "Seed of --search (default 1).", defaultValue: 1);
        var cmd = new Command("cooper", "Coupled Cooper-pair boxes (charge qubits, R15): H0 = E sum (1 - sigma_z)/2, charged from |0..0> at the charge-degeneracy point by a sum_l sigma_x^l + J x (sigma_x sigma_x or (XX + YY)/2) on the chosen pairs. The drive is rescaled to saturate C0, C1 and C2 against N independent boxes under sigma_x; collective and reference both end at their maximal average power max_t W(t)/t. Gamma is set against the review's 'up to two times shorter' (2) and PRL Theorem 1's gamma k = pi for k = 2.\n\nExamples:\n  qbatt cooper --cells 4\n  qbatt cooper --cells 3 --gate 1 --coupling 0.5 --kind swap --topology all --constraint c1 --json\n  qbatt cooper --cells 4 --topology all --search 64 --seed 3");
        foreach (var o in new Option[] { cells, gate, coupling, kind, topology, constraint, search, refine, seed }) cmd.Options.Add(o);
        output.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var n = parse.GetValue(cells);
            if (n > CooperPairBoxes.MaxCells)
                throw new UsageException($"--cells: expected at most {CooperPairBoxes.MaxCells} boxes, got {n}");
            var top = parse.GetValue(topology) switch { "chain" => CooperTopology.Chain, "all" => CooperTopology.AllToAll, _ => CooperTopology.Pairs };
            if (top == CooperTopology.Pairs && n % 2 != 0)
                throw new UsageException($"--cells: expected an even number of boxes with --topology pairs, got {n}");
            var k = parse.GetValue(kind) == "swap" ? CooperCoupling.Swap : CooperCoupling.SigmaXX;
            var c = ChargingConstraints.Parse(parse.GetValue(constraint)!);
            int? samples = parse.GetResult(search) is not null ? parse.GetValue(search) : null;
            var (a, j) = (parse.GetValue(gate), parse.GetValue(coupling));

            var report = new Report("cooper").Param("cells", n).Param("topology", parse.GetValue(topology)).Param("constraint", c.Label().ToLowerInvariant());
            CooperComparison comparison;
            if (samples is { } s)
            {
                if (parse.GetValue(refine) > MaxSearch)
                    throw new UsageException($"--refine: expected at most {MaxSearch} hill-climbing steps (each is a run of the 2^N-state dynamics), got {parse.GetValue(refine)}");
                if (s > MaxSearch)
                    throw new UsageException($"--search: expected at most {MaxSearch} random drives (each is a run of the 2^N-state dynamics), got {s}");
                MemoryEstimate.Require(8.0 * s, null, "cooper", "search", $"{s} random drives");
                var options = new CooperSearchOptions { Cells = n, Topology = top, Samples = s, RefineSteps = parse.GetValue(refine), Seed = parse.GetValue(seed) };
                report.Param("search", s).Param("refine", options.RefineSteps).Param("seed", options.Seed);
                // progress a drive evaluated: a long search says after a few seconds how long the rest will take
                var total = (long)s + options.RefineSteps + 1;
                var r = ProgressReporter.Run(ctx, "cooper search", total, step =>
                {
                    var res = CooperPairBattery.Search(options, done => step(done));
                    step(total);
                    return res;
                });
                comparison = r.Comparison;
                report.Set("search_random_best", r.RandomBest, $"largest Gamma_C0 among {s} random drives");
                report.Set("search_best", r.BestGamma, "Gamma_C0 after the hill climbing (fast path)");
                report.Set("best_gates", new JsonArray([.. r.Best.Gates.Select(x => (JsonNode?)Json.Number(x))]), "gate amplitudes of the best drive");
                report.Set("best_couplings", new JsonArray([.. r.Best.Couplings.Select(p => (JsonNode?)new JsonObject
                {
                    ["pair"] = new JsonArray(p.First, p.Second),
                    ["xx"] = Json.Number(p.Xx),
                    ["yy"] = Json.Number(p.Yy),
                    ["zz"] = Json.Number(p.Zz),
                })]), "couplings of the best drive");
            }
            else
            {
                report.Param("gate", Json.Number(a)).Param("coupling", Json.Number(j)).Param("kind", parse.GetValue(kind));
                var drive = CooperPairBoxes.Drive(n, a, j, k, top);
                comparison = ProgressReporter.Run(ctx, "cooper", 1, step =>
                {
                    var res = CooperPairBattery.Compare(drive);
                    step(1);
                    return res;
                });
            }

            var chosen = comparison.Get(c);
            report.Set("gamma", chosen.Gamma, $"quantum advantage Gamma ({c.Label()})");
            foreach (var r in comparison.Results)
                report.Set($"gamma_{r.Constraint.Label().ToLowerInvariant()}", r.Gamma, $"Gamma under {r.Constraint.Label()}");
            report.Set("review_claim", CooperPairBattery.ReviewClaim, "review: 'up to two times shorter' with k = 2");
            report.Set("theorem1_bound", CooperPairBattery.Theorem1Bound, "PRL Theorem 1: gamma k = pi for k = 2");
            report.Set("below_theorem1", comparison.Get(ChargingConstraint.OperatorNorm).Gamma < CooperPairBattery.Theorem1Bound, "Gamma_C0 < pi");
            report.Set("t_parallel", chosen.ParallelTime, "T_par (reference at its maximal average power)");
            report.Set("t_collective", chosen.CollectiveTime, $"T_coll (rescaled for {c.Label()}, at its maximal average power)");
            report.Set("work", chosen.CollectiveWork, "work deposited (collective)");
            report.Set("power_collective", chosen.CollectivePower, "average power, collective");
            report.Set("power_parallel", chosen.ParallelPower, "average power, N independent boxes");
            report.Set("constraint", c.Label());
            report.Set("scale", chosen.Scale, "rescaling c (H -> c H, t -> t/c)");
            report.Set("budget", chosen.Budget, $"{c.Label()} budget");
            report.Set("qsl_holds", comparison.SpeedLimitHolds, "T >= T_QSL on every run");
            report.Set("collective", AdvantageCommand.Describe(chosen.Collective));
            report.Set("reference", AdvantageCommand.OneCell(AdvantageCommand.Describe(chosen.Reference)));
            var table = report.AddTable("runs", "run", "T", "W", "<P>", "C0", "C1", "C2", "T_QSL", "T_QSL_PRL_form", "T>=T_QSL");
            AdvantageCommand.Row(table, "reference (1 box)", comparison.Reference);
            AdvantageCommand.Row(table, "collective (as given)", comparison.Unscaled);
            foreach (var r in comparison.Results)
                AdvantageCommand.Row(table, $"collective (rescaled, {r.Constraint.Label()})", r.Collective);
            report.Note(CooperPairBattery.Describe());

            var plotPath = parse.GetValue(output.Plot!);
            if (plotPath is not null)
            {
                output.SaveFigure(ctx, parse, AdvantageCommand.Plot(chosen, n), plotPath);
            }
            ReportWriter.Emit(ctx, parse, report, output);
            return 0;
        });
        return cmd;
    }
}
