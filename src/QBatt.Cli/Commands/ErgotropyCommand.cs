using System.CommandLine;
using System.Text.Json.Nodes;
using QBatt.Cli.Inputs;
using QBatt.Cli.Output;
using QBatt.Dynamics;
using QBatt.IO;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Cli.Commands;

/// <summary>
/// <c>qbatt ergotropy</c>: ergotropy, passive state, entropy bound and the incoherent/coherent split
/// (R2, R3) of a diagonal cell state (<c>--energies --populations</c>) or of any state and Hermitian
/// H0 read from files (<c>--state FILE --hamiltonian FILE</c>, .npy or JSON).
/// </summary>
internal static class ErgotropyCommand
{
    public static Command Create(CliContext ctx)
    {
        var output = new OutputOptions(false, ".json", ".csv", ".h5", ".npy");
        var cell = new CellInput(required: false);
        var stateFile = CliOptions.File("--state", "Density matrix file (.npy real or complex, or JSON nested arrays with [re, im] for complex entries).", mustExist: true);
        var hamiltonianFile = CliOptions.File("--hamiltonian", "Hermitian H0 file (.npy or JSON), same dimension as the state.", mustExist: true);
        var measurement = CliOptions.File("--measurement", "A unitary whose columns are the measured basis (.npy or JSON), for the observational ergotropy of the coarse-grained measurement (R18).", mustExist: true);
        var groups = CliOptions.Custom("--groups", "n1,n2,...: with --measurement, the sizes of the consecutive groups of columns that form each outcome (default: one column each).", false, t => MatrixInputs.ParseDims(t, "--groups", 1));
        var dims = CliOptions.Custom("--dims", "d1,d2,...: the cells of --state (first most significant in the basis index), for the locked ergotropy of a non-interacting H0.", false, t => MatrixInputs.ParseDims(t, "--dims", 2));
        var cmd = new Command("ergotropy", "Ergotropy of a state (R2): the maximal work a cyclic unitary extracts, with the passive state, the entropy bound (R3) and the incoherent/coherent parts, the battery capacity and antiergotropy (R18), and the asymptotic (many-copy) ergotropy, which equals the entropy bound. A state diagonal in the energy basis is given by --energies and --populations; any state and Hermitian H0 by --state and --hamiltonian.\n\nExamples:\n  qbatt ergotropy --energies -2,-1,0,1,2 --populations 0.1,0.2,0,0.3,0.4\n  qbatt ergotropy --state rho.npy --hamiltonian h0.json --json\n  qbatt ergotropy --energies 0,0.579,1 --populations 0.538,0.237,0.224 --normalize");
        cell.AddTo(cmd, normalize: false);
        cmd.Options.Add(stateFile);
        cmd.Options.Add(hamiltonianFile);
        cmd.Options.Add(dims);
        cmd.Options.Add(measurement);
        cmd.Options.Add(groups);
        cmd.Options.Add(cell.Normalize);
        output.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var report = new Report("ergotropy");
            report.MayBeInfinite.Add("beta_bar"); // a pure state (docs/cli.md)
            var (rho, h0) = ReadInput(parse, cell, stateFile, hamiltonianFile, report);
            var (r, bound, cap) = CliOptions.Named(() => (Ergotropy.Compute(rho, h0), EntropyBound.Compute(rho, h0), BatteryCapacity.Compute(rho, h0)), ("h0", "--hamiltonian"));
            report.Set("ergotropy", r.Value, "ergotropy W_max");
            report.Set("energy", r.Energy, "energy tr[rho H0]");
            report.Set("passive_energy", r.PassiveEnergy, "passive energy tr[sigma H0]");
            report.Set("ground_energy", r.GroundEnergy, "ground energy");
            report.Set("passive_populations", Json.Array(r.PassivePopulations));
            report.Set("energy_levels", Json.Array(r.EnergyLevels));
            report.Set("entropy", bound.Entropy, "entropy S(rho) (nats)");
            report.Set("beta_bar", double.IsNaN(bound.Beta) ? null : Json.Number(bound.Beta), "entropy-matched beta");
            report.Set("entropy_bound", bound.Bound, "entropy bound (upper bound on W_max)");
            report.Set("incoherent_ergotropy", r.IncoherentValue, "incoherent ergotropy");
            report.Set("coherent_ergotropy", r.CoherentValue, "coherent ergotropy");
            report.Set("capacity", cap.Capacity, "battery capacity E_max - E_min");
            report.Set("antiergotropy", cap.Antiergotropy, "antiergotropy E_max - tr[rho H0]");
            report.Set("active_energy", cap.ActiveEnergy, "active energy E_max");
            report.Set("asymptotic_ergotropy", bound.Bound, "asymptotic ergotropy (per copy, n -> infinity)");
            if (parse.GetResult(groups) is not null && parse.GetResult(measurement) is null)
                throw new UsageException("--groups: expected --measurement with it (the basis whose columns the groups take), got none");
            if (parse.GetResult(measurement) is not null)
            {
                var path = parse.GetValue(measurement)!;
                var u = MatrixFile.ReadMatrix(path);
                u.RequireFinite("--measurement", "basis");
                var sizes = parse.GetResult(groups) is null ? [.. Enumerable.Repeat(1, rho.Dims.Total)] : parse.GetValue(groups)!;
                var obs = CliOptions.Named(() => ObservationalErgotropy.Compute(rho, h0, u, sizes), ("basis", "--measurement"), ("groups", "--groups"), ("h0", "--hamiltonian"));
                report.Param("measurement", path).Param("groups", Json.Array(sizes));
                report.Set("observational_ergotropy", obs.Value, "observational ergotropy tr(rho H0) - tr(sigma(rho_X) H0)");
                report.Set("observational_entropy", obs.ObservationalEntropy, "observational entropy S_X (nats)");
                report.Set("coarse_probabilities", Json.Array(obs.Probabilities));
            }
            if (parse.GetResult(dims) is not null)
            {
                if (parse.GetResult(stateFile) is null)
                    throw new UsageException("--dims: expected --state and --hamiltonian with it (a state of several cells), got --energies/--populations");
                var d = new Dims(parse.GetValue(dims)!);
                if (d.Total != rho.Dims.Total)
                    throw new UsageException($"--dims: expected dimensions whose product is the state's dimension {rho.Dims.Total}, got {string.Join(",", d.ToArray())} (product {d.Total})");
                var locked = CliOptions.Named(() => LockedErgotropy.Compute(rho, h0, d), ("h0", "--hamiltonian"), ("dims", "--dims"));
                report.Param("dims", Json.Array(d.ToArray()));
                report.Set("local_ergotropies", Json.Array(locked.LocalErgotropies));
                report.Set("locked_ergotropy", locked.Locked, "locked ergotropy W - sum_i W(rho_i) (reachable only by global unitaries)");
            }
            report.Set("is_passive", Passivity.IsPassive(rho, h0), "passive");
            report.Set("unitary_residual", r.UnitaryResidual, "max |U rho U^dag - sigma|");
            report.Matrix("passive_state", r.PassiveState.ToMatrix(), "the passive state sigma_rho = sum_j r_j |e_j><e_j| in the basis of the input (--out FILE.npy)");
            report.Matrix("unitary", r.Unitary, "an optimal extraction unitary U = sum_j |e_j><r_j| with U rho U^dag = sigma_rho");
            var t = report.AddTable("passive state", "level", "energy_level", "population");
            for (var j = 0; j < r.EnergyLevels.Length; j++) t.Add(j, r.EnergyLevels[j], r.PassivePopulations[j]);
            if (double.IsNaN(bound.Beta))
                report.Note("H0 has a single distinct energy: every Gibbs state is 1/d, no temperature is defined, and the bound is 0");
            report.Note("incoherent ergotropy: the state dephased in H0's eigenbasis, keeping coherences inside degenerate eigenspaces");
            ReportWriter.Emit(ctx, parse, report, output);
            return 0;
        });
        return cmd;
    }

    private static (DensityMatrix Rho, Operator H0) ReadInput(ParseResult parse, CellInput cell, Option<string> stateFile, Option<string> hamiltonianFile, Report report)
    {
        var fromCell = parse.GetResult(cell.Energies) is not null || parse.GetResult(cell.Populations) is not null;
        var statePath = parse.GetResult(stateFile) is not null ? parse.GetValue(stateFile) : null;
        var hPath = parse.GetResult(hamiltonianFile) is not null ? parse.GetValue(hamiltonianFile) : null;
        var fromFiles = statePath is not null || hPath is not null;
        if (fromCell && fromFiles)
            throw new UsageException("--state: expected either --energies/--populations or --state/--hamiltonian, got both");
        if (!fromCell && !fromFiles)
            throw new UsageException("--energies: expected --energies and --populations (or --state and --hamiltonian), got neither");
        if (fromCell)
        {
            var (e, p) = cell.Read(parse, report);
            return (DensityMatrix.Diagonal(p, tolerances: new ValidationTolerances(Trace: CellInput.TraceTolerance)), Qudit.Hamiltonian(e));
        }
        if (statePath is null) throw new UsageException("--state: expected a density-matrix file with --hamiltonian, got none");
        if (hPath is null) throw new UsageException("--hamiltonian: expected an H0 file with --state, got none");
        report.Param("state", statePath).Param("hamiltonian", hPath);
        var m = MatrixFile.ReadMatrix(statePath);
        var h = MatrixFile.ReadMatrix(hPath);
        if (!m.IsSquare)
            throw new UsageException($"--state: expected a square matrix, got {m.Rows}x{m.Cols}");
        if (h.Rows != m.Rows || h.Cols != m.Rows)
            throw new UsageException($"--hamiltonian: expected a {m.Rows}x{m.Rows} matrix (the state's dimension), got {h.Rows}x{h.Cols}");
        m.RequireFinite("--state", "rho");
        h.RequireFinite("--hamiltonian", "h0");
        if (h.MaxAbs() > Ergotropy.MaxEnergyMagnitude)
            throw new UsageException($"--hamiltonian: expected entries of magnitude at most 1e150 (beyond, squared energy spreads overflow; rescale H0), got {QBattException.Num(h.MaxAbs())}");
        var herm = h.HermiticityError();
        if (herm > 1e-10 * Math.Max(1, h.MaxAbs()))
            throw new UsageException($"--hamiltonian: expected a Hermitian matrix, got max |H - H^dag| = {QBattException.Num(herm)}");
        var hermRho = m.HermiticityError();
        if (hermRho > 1e-10)
            throw new UsageException($"--state: expected a Hermitian matrix, got max |rho - rho^dag| = {QBattException.Num(hermRho)}");
        var trace = m.Trace().Real;
        var tol = new ValidationTolerances(Trace: CellInput.TraceTolerance);
        DensityMatrix rho;
        if (parse.GetValue(cell.Normalize))
        {
            report.Param("normalize", true);
            var (state, factor) = DensityMatrix.Normalize(m, tolerances: tol);
            CellInput.RecordNormalisation(report, "state", trace, factor);
            rho = state;
        }
        else
        {
            if (Math.Abs(trace - 1) > CellInput.TraceTolerance)
                throw new UsageException($"--state: expected a state of unit trace (within 1e-9), got trace {CellInput.Num(trace)}; pass --normalize to divide it by its trace");
            rho = new DensityMatrix(m, tolerances: tol);
        }
        report.Param("dimension", JsonValue.Create(m.Rows));
        return (rho, Operator.FromDense(h));
    }
}
