using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Studies;

namespace QBatt.Batteries;

/// <summary>Options of <see cref="CooperPairBattery.Search"/>, with documented defaults.</summary>
public sealed record CooperSearchOptions
{
    /// <summary>Number of boxes N (default 4; 2..<see cref="CooperPairBoxes.MaxCells"/>).</summary>
    public int Cells { get; init; } = 4;

    /// <summary>Which pairs carry couplings (default every pair).</summary>
    public CooperTopology Topology { get; init; } = CooperTopology.AllToAll;

    /// <summary>Random instances (default 64): gates and J_xx, J_yy, J_zz i.i.d. standard normal.</summary>
    public int Samples { get; init; } = 64;

    /// <summary>Hill-climbing steps from the best random instance (default 64): all parameters perturbed, kept if Gamma_C0 grows.</summary>
    public int RefineSteps { get; init; } = 64;

    /// <summary>Also start the hill climbing from R11's disjoint sigma_x sigma_x pairs when they beat every random instance (default true).</summary>
    public bool StructuredStart { get; init; } = true;

    /// <summary>Seed (default 1); sample i draws from <see cref="RandomKLocal.SampleSeed"/>(Seed, i), the refinement from (Seed, Samples).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Solver options (default the exact propagator on one thread).</summary>
    public EvolutionOptions Evolution { get; init; } = new() { Method = Integrators.Exact, Threads = 1 };

    /// <summary>Throws <see cref="ValidationException"/> naming the first bad option.</summary>
    public void Validate()
    {
        const string op = "CooperSearchOptions";
        if (Cells < 2 || Cells > CooperPairBoxes.MaxCells)
            throw new ValidationException(op, "Cells", $"a number of boxes in 2..{CooperPairBoxes.MaxCells}", $"{Cells}");
        if (Topology == CooperTopology.Pairs && Cells % 2 != 0)
            throw new ValidationException(op, "Cells", "an even number of boxes for disjoint pairs", $"{Cells}");
        Guard.AtLeast(Samples, 1, op, "Samples");
        Guard.AtLeast(RefineSteps, 0, op, "RefineSteps");
        ArgumentNullException.ThrowIfNull(Evolution);
        Evolution.Validate();
    }
}
