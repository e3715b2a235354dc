using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.IO;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Batteries;

/// <summary>
/// A battery read from a model file (docs/model-files.md) on the one charging pipeline (R6-R9, R16): the file's
/// operators, state and output times (or end condition) become a <see cref="ChargingSetup"/>, its <c>compute:</c>
/// list the quantities asked, and its <c>reference:</c> another model standing for N copies, so that a user's own
/// battery gets what the built-in ones get: W(t), P(t) from the state, the maximal average power, the ergotropy along
/// the trajectory, the constraint values C0-C2 and the speed limit, and Gamma against the reference.
/// </summary>
public static class ModelFileBattery
{
    /// <summary>The setup of <paramref name="model"/> (its reference included).</summary>
    public static ChargingSetup Setup(ChargingModel model, ChargingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var o = (options ?? ChargingOptions.Default) with { Evolution = model.Options };
        var compute = Quantities(model.Compute);
        var setup = new ChargingSetup
        {
            Name = model.Name,
            Size = RunSizes.Of(model.Hamiltonian, model.Battery, model.Collapse, model.InitialDensity),
            Build = () => new ChargingSystem
            {
                Dims = model.Dims,
                Hamiltonian = model.Hamiltonian,
                Battery = model.Battery,
                InitialKet = model.InitialKet,
                InitialMixed = model.InitialDensity,
                TargetKet = model.End?.TargetKet,
                Collapse = model.Collapse,
                Observables = model.Observables,
                InitialDescription = "the model file's initial state",
            },
            Window = Window(model),
            Compute = compute,
            Options = o,
            Operation = $"model file '{model.Name}'",
            SizeArgument = "dims",
            SizeDescription = $"dims {model.Dims} (dimension {model.Dims.Total}){(model.Collapse.Count > 0 ? $" with {model.Collapse.Count} collapse operator(s)" : "")}",
        };
        if (model.Reference is not { } r) return setup;
        var constraints = r.Constraints.Select(ChargingConstraints.Parse).ToArray();
        return setup with { Reference = new ChargingReference(Setup(r.Model, options), r.Parallel, constraints) };
    }

    /// <summary>The flags of a model file's <c>compute:</c> list.</summary>
    public static ChargingQuantities Quantities(IReadOnlyList<string> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        var q = ChargingQuantities.None;
        foreach (var c in compute)
        {
            q |= c switch
            {
                "work" => ChargingQuantities.None,
                "power" => ChargingQuantities.Power,
                "ergotropy" or "passive_energy" => ChargingQuantities.Ergotropy,
                "ergotropy_parts" => ChargingQuantities.Ergotropy | ChargingQuantities.ErgotropyParts,
                "qsl" or "constraints" => ChargingQuantities.Constraints,
                _ => throw new ValidationException("ModelFileBattery", "compute", $"one of {string.Join(", ", ModelFile.ComputeKeys)}", $"'{c}'"),
            };
        }
        return q;
    }

    private static ChargingWindow Window(ChargingModel model) => model.End switch
    {
        null => ChargingWindow.At(model.Times!),
        { Kind: "target" } e => ChargingWindow.ToTarget(e.Time),
        { Kind: "duration" } e => ChargingWindow.ForDuration(e.Time),
        { } e => ChargingWindow.ToMaximumPower(e.Time),
    };
}
