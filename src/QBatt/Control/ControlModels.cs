using QBatt.Batteries;
using QBatt.Charging;
using QBatt.IO;
using QBatt.Models;
using QBatt.Quantum;

namespace QBatt.Control;

/// <summary>
/// Control problems of the built-in batteries and of model files (R17): qudit arrays with controls on the k-local block terms
/// of the PRL's form and on the local flips (R9-R11), the Dicke cavity with a time-dependent coupling lambda(t) (R12), and a
/// model file's drive terms. Control names: <c>global</c> (k = N) or <c>block0</c>, <c>block1</c>, ... for the blocks,
/// <c>flip0</c>, <c>flip1</c>, ... for the cells, <c>coupling</c> for the Dicke cavity, <c>drive0</c>, <c>drive1</c>, ... for the
/// entries of a model file's <c>hamiltonian.drives</c>; the group names <c>blocks</c> and <c>flips</c> select all of a kind.
/// </summary>
public static class ControlModels
{
    /// <summary>The common settings of a problem (duration, slices, bound, objective, constraint).</summary>
    /// <param name="Duration">T.</param>
    /// <param name="Slices">M.</param>
    /// <param name="MaxAmplitude">u_max.</param>
    /// <param name="Objective">The objective.</param>
    /// <param name="Constraint">The fair constraint, or null.</param>
    public sealed record Settings(double Duration, int Slices, double MaxAmplitude, ControlObjective Objective, ChargingConstraint? Constraint = null);

    /// <summary>
    /// N cells of d levels (energies 0..d-1) from |0&gt;^(x)N, no drift, controls on the disjoint-block terms |0..0&gt;&lt;d-1..d-1| + h.c.
    /// of k cells and on the local flips |0&gt;&lt;d-1|_l + h.c. (<paramref name="controls"/>: names or groups; null: all). With a
    /// constraint (or a reference asked by <paramref name="withReference"/>), the reference is one cell with its flip, optimised under
    /// the same objective and constraint, N copies.
    /// </summary>
    public static ControlProblem Cells(int cells, int levels, int k, IReadOnlyList<string>? controls, Settings settings, bool withReference = false)
    {
        const string op = "ControlModels.Cells";
        ArgumentNullException.ThrowIfNull(settings);
        Guard.AtLeast(cells, 1, op, "cells");
        Guard.AtLeast(levels, 2, op, "levels");
        if (k < 1 || k > cells || cells % k != 0)
            throw new ValidationException(op, "k", $"an interaction order that divides --cells {cells}", $"{k}");
        if (Math.Pow(levels, cells) > QuditArrayBattery.MaxPureDimension)
            throw new ValidationException(op, "cells", $"d^N <= {QuditArrayBattery.MaxPureDimension}", $"{levels}^{cells}");
        var cell = new Dims(levels);
        Operator Embed(Operator local, int first, int width)
        {
            var parts = new List<Operator>();
            if (first > 0) parts.Add(Operator.Identity(new Dims([.. Enumerable.Repeat(levels, first)])));
            parts.Add(local);
            var rest = cells - first - width;
            if (rest > 0) parts.Add(Operator.Identity(new Dims([.. Enumerable.Repeat(levels, rest)])));
            return Operator.Tensor([.. parts]);
        }
        var available = new List<ControlTerm>();
        var block = ChargingHamiltonians.Blocks(levels, k, k);
        for (var mu = 0; mu < cells / k; mu++)
            available.Add(new ControlTerm(k == cells ? "global" : $"block{mu}", Embed(block, mu * k, k)));
        if (k > 1 || cells > 1)
        {
            var flip = ChargingHamiltonians.CellFlip(levels);
            for (var l = 0; l < cells; l++) available.Add(new ControlTerm($"flip{l}", Embed(flip, l, 1)));
        }
        var chosen = Select(available, controls, op, cells == 1 ? [] : null);
        var battery = QuditArrayBattery.Battery(levels, cells);
        var problem = Problem($"{cells} cell(s) of {levels} levels, controls {string.Join(", ", chosen.Select(c => c.Name))}", Operator.Zero(battery.Dims), chosen, battery, ChargingHamiltonians.Ground(levels, cells), settings);
        if (settings.Constraint is null && !withReference) return problem;
        var reference = Cells(1, levels, 1, ["global"], settings with { Constraint = null }) with { Name = $"one cell of {levels} levels, its flip" };
        return problem with { Reference = new ControlReference(reference, cells) };
    }

    /// <summary>
    /// The Dicke cavity of R12 with a time-dependent coupling: drift wc a^dag a + wa J_z, control <c>coupling</c> = 2 wc J_x (a + a^dag)
    /// with amplitude lambda(t), |lambda| &lt;= u_max; battery E_B = wa (J_z + N/2), from |N photons&gt; (x) |all down&gt;, in the
    /// symmetric space with <paramref name="cutoff"/> photon levels.
    /// </summary>
    public static ControlProblem Dicke(int cells, int cutoff, Settings settings, double cellFrequency = 1, double cavityFrequency = 1)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var off = new Models.Dicke(cells, cutoff, 0, cellFrequency, cavityFrequency);
        var on = new Models.Dicke(cells, cutoff, 1, cellFrequency, cavityFrequency);
        var drift = off.Hamiltonian();
        return Problem($"Dicke N = {cells}, coupling lambda(t)", drift, [new ControlTerm("coupling", on.Hamiltonian() - drift)], off.BatteryEnergy(), off.InitialState(), settings);
    }

    /// <summary>
    /// The spin-chain battery of R13 with a time-dependent charging field: drift Hg (the couplings, on during charging as in
    /// <see cref="SpinChainBattery"/>), control <c>field</c> = sum_i sigma_x^i with amplitude omega(t), |omega| &lt;= u_max; battery
    /// H0 = B sum sigma_z + Hg, from the ground state of H0. With g = 0 the spins are independent: the optimum at T = pi/(2 u_max) is
    /// the constant omega = u_max, a pi rotation of each spin, W = 2 |B| n.
    /// </summary>
    public static ControlProblem Chain(SpinChain chain, Settings settings)
    {
        const string op = "ControlModels.Chain";
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(settings);
        if (chain.Field == 0)
            throw new ValidationException(op, "b", "a non-zero field B (the battery H0 = B sum sigma_z + Hg)", "0");
        if (chain.Sites > MaxChainSites)
            throw new ValidationException(op, "cells", $"at most {MaxChainSites} spins (GRAPE holds dense 2^n x 2^n propagators per slice)", $"{chain.Sites}");
        var dims = Dims.Uniform(2, chain.Sites);
        var field = Enumerable.Range(0, chain.Sites).Select(i => Operators.Embed(Pauli.X, i, dims)).Aggregate((a, b) => a + b);
        var ground = chain.GroundState(1);
        return Problem($"spin chain n = {chain.Sites}, field omega(t)", chain.Interaction(1), [new ControlTerm("field", field)], chain.BatteryHamiltonian(1), ground.State, settings);
    }

    /// <summary>
    /// Coupled Cooper-pair boxes (R15) charged at the charge-degeneracy point by time-dependent gate pulses and couplings: controls
    /// <c>gate0</c>, <c>gate1</c>, ... = sigma_x of each box (one-body) and <c>coupling0</c>, <c>coupling1</c>, ... = the two-body term
    /// of <paramref name="kind"/> on each pair of <paramref name="topology"/> (k = 2), no drift, battery H0 = E sum (1 - sigma_z)/2, from
    /// |0..0&gt;. With a constraint (or <paramref name="withReference"/>) the reference is one box under its gate, optimised the same
    /// way, N copies; under C0 the xx coupling on disjoint pairs reaches Gamma = 2 (R11's k = 2 blocks: sigma_x sigma_x takes |00&gt;
    /// to |11&gt;), the gates alone Gamma = 1.
    /// </summary>
    public static ControlProblem Cooper(int cells, CooperCoupling kind, CooperTopology topology, IReadOnlyList<string>? controls, Settings settings,
        double chargingEnergy = 1, bool withReference = false)
    {
        const string op = "ControlModels.Cooper";
        ArgumentNullException.ThrowIfNull(settings);
        Guard.AtLeast(cells, 1, op, "cells");
        if (cells > MaxCooperCells)
            throw new ValidationException(op, "cells", $"at most {MaxCooperCells} boxes (GRAPE holds dense 2^N x 2^N propagators per slice)", $"{cells}");
        if (topology == CooperTopology.Pairs && cells % 2 != 0)
            throw new ValidationException(op, "topology", "an even number of boxes for disjoint pairs", $"{cells} boxes");
        var available = new List<ControlTerm>();
        for (var l = 0; l < cells; l++)
        {
            var a = new double[cells];
            a[l] = 1;
            available.Add(new ControlTerm($"gate{l}", CooperPairBoxes.GatePulses(a)));
        }
        if (cells > 1)
        {
            var pairs = CooperPairBoxes.Pairs(cells, topology);
            for (var q = 0; q < pairs.Count; q++)
                available.Add(new ControlTerm($"coupling{q}", CooperPairBoxes.Couplings(cells, [PairCoupling.Of(kind, pairs[q].First, pairs[q].Second, 1)])));
        }
        var chosen = Select(available, controls, op, ["gates", "couplings"]);
        var battery = CooperPairBoxes.Battery(cells, chargingEnergy);
        var problem = Problem($"{cells} Cooper-pair box(es), controls {string.Join(", ", chosen.Select(c => c.Name))}", Operator.Zero(battery.Dims), chosen, battery, CooperPairBoxes.Ground(cells), settings);
        if (settings.Constraint is null && !withReference) return problem;
        var reference = Cooper(1, kind, topology == CooperTopology.Pairs ? CooperTopology.Chain : topology, ["gate0"], settings with { Constraint = null }, chargingEnergy)
            with { Name = "one Cooper-pair box, its gate" };
        return problem with { Reference = new ControlReference(reference, cells) };
    }

    /// <summary>Largest number of boxes of <see cref="Cooper"/>.</summary>
    public const int MaxCooperCells = 8;

    /// <summary>Largest chain of <see cref="Chain"/>.</summary>
    public const int MaxChainSites = 10;

    /// <summary>
    /// A model file's battery (closed, pure initial state): the drives named in <paramref name="controls"/> (<c>drive0</c>, ...) become
    /// controls; the static part and the other drives, which must have constant coefficients, form the drift. Under a constraint the
    /// reference is the file's <c>reference:</c> block run as given (its copies set the budget).
    /// </summary>
    public static ControlProblem ModelFile(ChargingModel model, IReadOnlyList<string> controls, Settings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        var op = $"model file '{model.Name}'";
        if (model.Collapse.Count > 0)
            throw new ValidationException(op, "collapse", "closed dynamics for optimal control", $"{model.Collapse.Count} collapse operator(s)");
        if (model.InitialKet is null)
            throw new ValidationException(op, "initial", "a pure initial state for optimal control", "a density matrix");
        var available = model.Hamiltonian.Drives.Select((d, k) => new ControlTerm($"drive{k}", d.Operator)).ToList();
        var chosen = Select(available, controls, op, []);
        var drift = model.Hamiltonian.Constant;
        for (var k = 0; k < available.Count; k++)
        {
            if (chosen.Any(c => c.Name == available[k].Name)) continue;
            var f = model.Hamiltonian.Drives[k].Coefficient;
            if (!f.IsConstantOn(double.NegativeInfinity, double.PositiveInfinity))
                throw new ValidationException(op, $"hamiltonian.drives[{k}]", "a constant coefficient for a drive that is not controlled (or name it in --controls)", f.Describe());
            drift += f.Value(0) * model.Hamiltonian.Drives[k].Operator;
        }
        var problem = Problem(model.Name, drift, chosen, model.Battery, model.InitialKet, settings);
        if (settings.Constraint is null) return problem;
        if (model.Reference is not { } r)
            throw new ValidationException(op, "reference", $"a reference: block whose copies define the {settings.Constraint.Value.Label()} budget", "none");
        var refSetup = ModelFileBattery.Setup(r.Model);
        refSetup = refSetup with { Compute = refSetup.Compute | ChargingQuantities.Power | ChargingQuantities.Constraints, Reference = null };
        return problem with { Reference = new ControlReference(refSetup, r.Parallel) };
    }

    /// <summary>The terms named (or grouped) in <paramref name="names"/>, in the order of <paramref name="available"/>; null: all.</summary>
    private static List<ControlTerm> Select(List<ControlTerm> available, IReadOnlyList<string>? names, string op, string[]? groups)
    {
        if (names is null) return available;
        if (names.Count == 0) throw new ValidationException(op, "controls", "at least one control name", "none");
        var picked = new HashSet<string>();
        foreach (var raw in names)
        {
            var name = raw.Trim();
            var group = name switch
            {
                "blocks" => available.Where(c => c.Name == "global" || c.Name.StartsWith("block", StringComparison.Ordinal)).ToList(),
                "flips" => available.Where(c => c.Name.StartsWith("flip", StringComparison.Ordinal)).ToList(),
                "gates" => available.Where(c => c.Name.StartsWith("gate", StringComparison.Ordinal)).ToList(),
                "couplings" => available.Where(c => c.Name.StartsWith("coupling", StringComparison.Ordinal)).ToList(),
                _ => available.Where(c => c.Name == name).ToList(),
            };
            if (group.Count == 0)
                throw new ValidationException(op, "controls", $"control terms of the model ({string.Join(", ", available.Select(c => c.Name))}{(groups is null ? ", or the groups blocks, flips" : groups.Length > 0 ? ", or the groups " + string.Join(", ", groups) : "")})", $"'{name}'");
            foreach (var c in group) picked.Add(c.Name);
        }
        return [.. available.Where(c => picked.Contains(c.Name))];
    }

    /// <summary>A problem with the common settings (duration, slices, bound, objective, constraint).</summary>
    private static ControlProblem Problem(string name, Operator drift, IReadOnlyList<ControlTerm> controls, Operator battery, Ket initial, Settings settings) => new()
    {
        Name = name,
        Drift = drift,
        Controls = controls,
        Battery = battery,
        Initial = initial,
        Duration = settings.Duration,
        Slices = settings.Slices,
        MaxAmplitude = settings.MaxAmplitude,
        Objective = settings.Objective,
        Constraint = settings.Constraint,
    };
}
