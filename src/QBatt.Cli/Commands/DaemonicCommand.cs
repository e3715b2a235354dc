using System.CommandLine;
using System.Text.Json.Nodes;
using QBatt.Cli.Inputs;
using QBatt.Cli.Output;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Cli.Commands;

/// <summary>
/// <c>qbatt daemonic</c>: the daemonic ergotropy (R18) of a battery A correlated with an ancilla B that is
/// measured, with the optimal measurement and the gain over W(rho_A).
/// </summary>
internal static class DaemonicCommand
{
    public static Command Create(CliContext ctx)
    {
        var output = new OutputOptions();
        var stateFile = CliOptions.File("--state", "Density matrix of battery and ancilla, rho_AB (.npy or JSON), basis index a*dB + b (A first).", required: true, mustExist: true);
        var hamiltonianFile = CliOptions.File("--hamiltonian", "Hermitian H_A of the battery alone (.npy or JSON), dA x dA.", required: true, mustExist: true);
        var dims = CliOptions.Custom("--dims", "dA,dB: dimensions of the battery A and the measured ancilla B.", true, t => MatrixInputs.ParseDims(t, "--dims", 2, 2));
        var povm = new Option<bool>("--povm") { Description = "Optimise over generalised measurements (up to dB^2 rank-one POVM elements, by Naimark dilation) instead of projective ones." };
        var starts = CliOptions.Int("--starts", "Starting points of the optimisation (default 8).", defaultValue: 8, min: 1);
        var seed = CliOptions.Int("--seed", "Seed of the random starting bases (default 1).", defaultValue: 1);
        var cmd = new Command("daemonic", "Daemonic ergotropy (R18): the work extractable from a battery A when an ancilla B correlated with it is measured first and the extraction unitary chosen for each outcome, maximised over the measurement; with W(rho_A) and the gain. Projective measurements by default (the Bloch sphere for a qubit ancilla), POVMs with --povm.\n\nExamples:\n  qbatt daemonic --state rho_ab.npy --hamiltonian h_a.npy --dims 2,2\n  qbatt daemonic --state rho_ab.json --hamiltonian h_a.json --dims 2,3 --povm --json");
        cmd.Options.Add(stateFile);
        cmd.Options.Add(hamiltonianFile);
        cmd.Options.Add(dims);
        cmd.Options.Add(povm);
        cmd.Options.Add(starts);
        cmd.Options.Add(seed);
        output.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var report = new Report("daemonic");
            var statePath = parse.GetValue(stateFile)!;
            var hPath = parse.GetValue(hamiltonianFile)!;
            var d = parse.GetValue(dims)!;
            var generalised = parse.GetValue(povm);
            var m = MatrixInputs.ReadState(statePath, "--state");
            if (m.Rows != d[0] * d[1])
                throw new UsageException($"--dims: expected dA * dB = {m.Rows} (the state's dimension), got {d[0]} * {d[1]} = {d[0] * d[1]}");
            var h = MatrixInputs.ReadHermitian(hPath, "--hamiltonian", d[0], "H_A, dA from --dims");
            var rho = MatrixInputs.State(m, new Dims(d), "--state");
            var options = new DaemonicOptions { Generalised = generalised, Starts = parse.GetValue(starts), Seed = parse.GetValue(seed) };
            report.Param("state", statePath).Param("hamiltonian", hPath).Param("dims", Json.Array(d)).Param("povm", generalised)
                .Param("starts", JsonValue.Create(options.Starts)).Param("seed", JsonValue.Create(options.Seed));
            var r = DaemonicErgotropy.Compute(rho, Operator.FromDense(h), d[0], d[1], options);
            report.Set("daemonic_ergotropy", MatrixInputs.Finite(r.Value, "the daemonic ergotropy"), "daemonic ergotropy E_D");
            report.Set("ergotropy", r.Ergotropy, "ergotropy W(rho_A)");
            report.Set("gain", r.Gain, "daemonic gain E_D - W(rho_A)");
            report.Set("energy", r.Energy, "energy tr[rho_A H_A]");
            report.Set("upper_bound", r.UpperBound, "tr[rho_A H_A] - e_min");
            report.Set("generalised", r.Generalised);
            report.Set("gradient_norm", r.GradientNorm, "gradient norm at the optimum");
            report.Set("starts_agreeing", JsonValue.Create(r.StartsAgreeing), "starts reaching the optimum");
            var outcomes = new JsonArray();
            var t = report.AddTable("measurement", "outcome", "probability", "conditional ergotropy");
            for (var k = 0; k < r.Outcomes.Length; k++)
            {
                var o = r.Outcomes[k];
                var vec = new JsonArray();
                foreach (var z in o.Vector) vec.Add(new JsonArray(Json.Number(z.Real), Json.Number(z.Imaginary)));
                outcomes.Add(new JsonObject { ["probability"] = Json.Number(o.Probability), ["conditional_ergotropy"] = Json.Number(o.ConditionalErgotropy), ["vector"] = vec });
                t.Add(k, o.Probability, o.ConditionalErgotropy);
            }
            report.Set("measurement", outcomes);
            report.Note(generalised
                ? "measurement: rank-one POVM elements |m_k><m_k| on B (the vectors m_k, [re, im] per entry), optimised by Naimark dilation"
                : "measurement: the orthonormal basis |m_k> of B that is measured ([re, im] per entry)");
            ReportWriter.Emit(ctx, parse, report, output);
            return 0;
        });
        return cmd;
    }
}
