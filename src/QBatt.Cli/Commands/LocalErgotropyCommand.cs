using System.CommandLine;
using System.Text.Json.Nodes;
using QBatt.Cli.Inputs;
using QBatt.Cli.Output;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Cli.Commands;

/// <summary>
/// <c>qbatt local-ergotropy</c>: the work a unitary on one subsystem alone extracts from an interacting
/// battery under its full Hamiltonian (R18), with a certified upper bound and the global ergotropy.
/// </summary>
internal static class LocalErgotropyCommand
{
    public static Command Create(CliContext ctx)
    {
        var output = new OutputOptions();
        var stateFile = CliOptions.File("--state", "Density matrix of the whole battery (.npy or JSON).", required: true, mustExist: true);
        var hamiltonianFile = CliOptions.File("--hamiltonian", "Hermitian H of the whole battery, couplings included (.npy or JSON).", required: true, mustExist: true);
        var dims = CliOptions.Custom("--dims", "d1,d2,...: dimensions of the subsystems (first most significant in the basis index).", true, t => MatrixInputs.ParseDims(t, "--dims", 1));
        var subsystem = CliOptions.Int("--subsystem", "0-based index of the subsystem the unitary acts on (default 0).", defaultValue: 0, min: 0);
        var starts = CliOptions.Int("--starts", "Starting unitaries of the optimisation (default 8).", defaultValue: 8, min: 1);
        var seed = CliOptions.Int("--seed", "Seed of the random starting unitaries (default 1).", defaultValue: 1);
        var cmd = new Command("local-ergotropy", "Local ergotropy (R18): the most work a unitary on one subsystem alone extracts from an interacting battery under its full Hamiltonian; exact for a qubit subsystem, otherwise optimised with a certified upper bound; with the global ergotropy.\n\nExamples:\n  qbatt local-ergotropy --state rho.npy --hamiltonian h.npy --dims 2,2 --subsystem 0\n  qbatt local-ergotropy --state rho.json --hamiltonian h.json --dims 3,2 --json");
        cmd.Options.Add(stateFile);
        cmd.Options.Add(hamiltonianFile);
        cmd.Options.Add(dims);
        cmd.Options.Add(subsystem);
        cmd.Options.Add(starts);
        cmd.Options.Add(seed);
        output.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var report = new Report("local-ergotropy");
            var statePath = parse.GetValue(stateFile)!;
            var hPath = parse.GetValue(hamiltonianFile)!;
            var d = parse.GetValue(dims)!;
            var k = parse.GetValue(subsystem);
            var m = MatrixInputs.ReadState(statePath, "--state");
            var total = d.Aggregate(1L, (a, b) => a * b);
            if (total != m.Rows)
                throw new UsageException($"--dims: expected dimensions multiplying to {m.Rows} (the state's dimension), got {string.Join(" * ", d)} = {total}");
            if (k >= d.Length)
                throw new UsageException($"--subsystem: expected an index in 0..{d.Length - 1} (one per --dims entry), got {k}");
            var h = MatrixInputs.ReadHermitian(hPath, "--hamiltonian", m.Rows, "the state's dimension");
            var rho = MatrixInputs.State(m, new Dims(d), "--state");
            var options = new LocalErgotropyOptions { Starts = parse.GetValue(starts), Seed = parse.GetValue(seed) };
            report.Param("state", statePath).Param("hamiltonian", hPath).Param("dims", Json.Array(d)).Param("subsystem", JsonValue.Create(k))
                .Param("starts", JsonValue.Create(options.Starts)).Param("seed", JsonValue.Create(options.Seed));
            var r = LocalErgotropy.Compute(rho, Operator.FromDense(h, new Dims(d)), k, options);
            report.Set("local_ergotropy", MatrixInputs.Finite(r.Value, "the local ergotropy"), "local ergotropy W_A");
            report.Set("optimised_value", r.OptimisedValue, "value reached by the optimiser");
            report.Set("upper_bound", r.UpperBound, "certified upper bound");
            report.Set("global_ergotropy", r.GlobalErgotropy, "global ergotropy");
            report.Set("energy", r.Energy, "energy tr[rho H]");
            report.Set("closed_form", r.ClosedForm, "qubit closed form");
            report.Set("gradient_norm", r.GradientNorm, "gradient norm at the optimum");
            var u = new JsonArray();
            for (var i = 0; i < r.Unitary.Rows; i++)
            {
                var row = new JsonArray();
                for (var j = 0; j < r.Unitary.Cols; j++) row.Add(new JsonArray(Json.Number(r.Unitary[i, j].Real), Json.Number(r.Unitary[i, j].Imaginary)));
                u.Add(row);
            }
            report.Set("unitary", u);
            report.Note("unitary: the best local unitary found, rows of [re, im] entries");
            ReportWriter.Emit(ctx, parse, report, output);
            return 0;
        });
        return cmd;
    }
}
