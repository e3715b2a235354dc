using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Models;

namespace QBatt.Batteries;

/// <summary>
/// The two-photon Dicke battery of R19 ([Cre20]) on the one charging pipeline: N cells in one cavity coupled by
/// wc g J_x (a^2 + a^dag 2) (<see cref="TwoPhotonDicke"/>), charged from |2N photons&gt; (x) |all cells down&gt; (two photons per
/// cell flip) with E_B = wa (J_z + N/2) and P(t) = i&lt;[H, E_B]&gt; from the state. The photon cutoff is not guessed: unless
/// given, it is raised from 4N + 16 by factors of 1.5 until the population of the top Fock levels stays below the tolerance
/// over the whole window (squeezing near the spectral collapse |g| N -&gt; 1 needs many levels). The parallel reference is N
/// one-cell batteries (the N = 1 model with two photons, its cutoff converged the same way), so Gamma = max P_N / (N max P_1).
/// </summary>
public sealed class TwoPhotonDickeBattery
{
    private const string Op = "TwoPhotonDickeBattery.Charge";

    /// <summary>The name of the monitored population.</summary>
    public const string TopFockLevels = "top Fock levels";

    /// <summary>N cells at two-photon coupling g with <paramref name="options"/> (null: defaults); every parameter is validated here.</summary>
    public TwoPhotonDickeBattery(int cells, double coupling, TwoPhotonDickeChargingOptions? options = null)
    {
        var o = options ?? TwoPhotonDickeChargingOptions.Default;
        TwoPhotonDicke.Validate(cells, o.Cutoff ?? InitialCutoff(cells), coupling, o.CellFrequency, o.CavityFrequency, Op);
        if (o.TimeWindow is { } tw) TimeGrid.PositiveTime(tw, "tmax");
        Guard.Positive(o.CutoffTolerance, Op, "cutoff-tolerance");
        Guard.AtLeast(o.Steps, 2, Op, "steps");
        Cells = cells;
        Coupling = coupling;
        Options = o;
        TimeWindow = o.TimeWindow ?? TwoPhotonDicke.DefaultTimeWindow(cells, coupling, o.CavityFrequency);
    }

    /// <summary>N.</summary>
    public int Cells { get; }

    /// <summary>g.</summary>
    public double Coupling { get; }

    /// <summary>The options.</summary>
    public TwoPhotonDickeChargingOptions Options { get; }

    /// <summary>t_max.</summary>
    public double TimeWindow { get; }

    /// <summary>The first cutoff tried: 4N + 16 photon levels.</summary>
    public static int InitialCutoff(int cells) => 4 * cells + 16;

    /// <summary>The setup of one run with <paramref name="cutoff"/> photon levels (no reference).</summary>
    public ChargingSetup Setup(int cutoff) => Build(Cells, cutoff, Coupling, Options, ChargingWindow.Uniform(TimeWindow, Options.Steps), $"two-photon Dicke N = {Cells}");

    /// <summary>
    /// Charges the battery with its cutoff converged (or the given one, with a warning when the top population exceeds the
    /// tolerance) and, unless excluded, the one-cell reference the same way.
    /// </summary>
    public TwoPhotonDickeRun Charge()
    {
        var (run, cutoff, top) = Converged(Cells, TimeWindow, $"two-photon Dicke N = {Cells}");
        if (!Options.IncludeReference) return new TwoPhotonDickeRun(Cells, run, cutoff, top, null, 0, 0);
        var window = TwoPhotonDicke.DefaultTimeWindow(1, Coupling, Options.CavityFrequency);
        var (reference, refCutoff, refTop) = Converged(1, window, $"one-cell reference (g = {QBattException.Num(Coupling)})");
        return new TwoPhotonDickeRun(Cells, run, cutoff, top, reference, refCutoff, refTop);
    }

    private (ChargingRun Run, int Cutoff, double Top) Converged(int cells, double window, string name)
    {
        var o = Options;
        var cutoff = o.Cutoff ?? InitialCutoff(cells);
        while (true)
        {
            var setup = Build(cells, cutoff, Coupling, o, ChargingWindow.Uniform(window, o.Steps), name);
            ChargingRunner.RequireFits(setup);
            var run = ChargingRunner.Run(setup);
            var top = run.LimitMaxima[TopFockLevels];
            if (o.Cutoff is not null || top <= o.CutoffTolerance) return (run, cutoff, top);
            cutoff = (int)Math.Ceiling(1.5 * cutoff);
        }
    }

    private static ChargingSetup Build(int cells, int cutoff, double coupling, TwoPhotonDickeChargingOptions o, ChargingWindow window, string name)
    {
        var d = (double)cutoff * (cells + 1);
        // H: a diagonal and two two-photon entries per row on each side of the spin ladder (about 5 nonzeros a row, 20 B each,
        // with temporaries of twice that); E_B and the projector diagonal; P = i[H, E_B]
        var operatorBytes = 3 * (20 * 5 + 4) * d + 4 * 24 * d + 20 * 4 * d;
        return new ChargingSetup
        {
            Name = name,
            Size = new RunSize((long)d, operatorBytes),
            Build = () =>
            {
                var model = new TwoPhotonDicke(cells, cutoff, coupling, o.CellFrequency, o.CavityFrequency);
                return new ChargingSystem
                {
                    Dims = model.Dims,
                    Hamiltonian = new Hamiltonian(model.Hamiltonian()),
                    Battery = model.BatteryEnergy(),
                    InitialKet = model.InitialState(),
                    InitialDescription = $"|{2 * cells} photons> (x) |all cells down>",
                    Limits = [new ObservableLimit(TopFockLevels, model.TopFockProjector(), o.CutoffTolerance, $"with {cutoff} photon levels; raise --cutoff")],
                };
            },
            Window = window,
            Options = ChargingOptions.Default with { Evolution = o.Evolution ?? EvolutionOptions.Default },
            MemoryLimit = o.MemoryLimit,
            Operation = Op,
            SizeArgument = "cutoff",
            SizeDescription = $"N = {cells} with {cutoff} photon levels (dimension {(long)d})",
            WindowAdvice = " (--tmax)",
        };
    }
}

/// <summary>A charging run of the two-photon Dicke battery with its converged cutoff, and the one-cell reference.</summary>
/// <param name="Cells">N.</param>
/// <param name="Run">The battery's run.</param>
/// <param name="Cutoff">Its photon levels.</param>
/// <param name="TopPopulation">The largest population of its two top Fock levels over the outputs.</param>
/// <param name="Reference">The one-cell reference's run (null when excluded).</param>
/// <param name="ReferenceCutoff">Its photon levels.</param>
/// <param name="ReferenceTopPopulation">Its top population.</param>
public sealed record TwoPhotonDickeRun(int Cells, ChargingRun Run, int Cutoff, double TopPopulation, ChargingRun? Reference, int ReferenceCutoff, double ReferenceTopPopulation)
{
    /// <summary>Gamma = max P_N / (N max P_1), NaN without the reference.</summary>
    public double Gamma => Reference is null ? double.NaN : Run.AveragePower / (Cells * Reference.AveragePower);
}
