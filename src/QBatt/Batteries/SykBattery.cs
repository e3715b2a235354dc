using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Quantum;

namespace QBatt.Batteries;

/// <summary>
/// The SYK battery of R19 (Rossini et al., PRL 125, 236402 (2020)) on the one charging pipeline: N complex fermions
/// (<see cref="Syk"/>), charged from the ground state of the local H0 = h sum sigma^y by the sudden switch to H_SYK,
/// one run per seeded disorder sample, averaged with standard errors (<see cref="SykDisorderAverage"/>). The parallel
/// reference is N independent cells, each charged from the same product ground state by the local field J sigma^z
/// (W_cell(t) = 2|h| sin^2(J t), max W/t = 1.4492 |h J| at J t = 1.1656), so Gamma = P_SYK / (N P_cell). The constructor
/// validates every parameter once; <see cref="Setup"/> gives the <see cref="ChargingSetup"/> of one sample, sized for the
/// engine's memory estimate before the Hamiltonian is built.
/// </summary>
public sealed class SykBattery
{
    private const string Op = "SykBattery.Charge";

    /// <summary>The battery of <paramref name="modes"/> fermions with <paramref name="options"/> (null: defaults).</summary>
    public SykBattery(int modes, SykChargingOptions? options = null)
    {
        var o = options ?? SykChargingOptions.Default;
        Syk.Validate(modes, o.Coupling, o.Field, Op);
        Guard.AtLeast(o.Samples, 1, Op, "samples");
        if (o.Seed < 0 || (long)o.Seed + o.Samples - 1 > int.MaxValue)
            throw new ValidationException(Op, "seed", $"a seed from 0 to {int.MaxValue - o.Samples + 1} (sample s uses seed + s)", $"{o.Seed}");
        if (o.TimeWindow is { } tw) TimeGrid.PositiveTime(tw, "tmax");
        Modes = modes;
        Options = o;
        TimeWindow = o.TimeWindow ?? 3 / Math.Abs(o.Coupling);
        Window = ChargingWindow.Uniform(TimeWindow, o.Steps);
    }

    /// <summary>N.</summary>
    public int Modes { get; }

    /// <summary>The options.</summary>
    public SykChargingOptions Options { get; }

    /// <summary>t_max, given or 3/|J|.</summary>
    public double TimeWindow { get; }

    /// <summary>The output times.</summary>
    public ChargingWindow Window { get; }

    /// <summary>2^N.</summary>
    public long Dimension => 1L << Modes;

    /// <summary>The seed of sample <paramref name="sample"/>: seed + sample.</summary>
    public int SeedOf(int sample) => Options.Seed + sample;

    /// <summary>The model of sample <paramref name="sample"/>.</summary>
    public Syk Sample(int sample)
    {
        if (sample < 0 || sample >= Options.Samples)
            throw new ValidationException("SykBattery.Sample", "sample", $"a sample index from 0 to {Options.Samples - 1}", $"{sample}");
        return new Syk(Modes, SeedOf(sample), Options.Coupling, Options.Field);
    }

    /// <summary>
    /// The setup of sample <paramref name="sample"/>, compared with <paramref name="reference"/> (a run of <see cref="ReferenceSetup"/>
    /// shared by the samples; null: the reference is charged with it unless <see cref="SykChargingOptions.IncludeReference"/> is false).
    /// </summary>
    public ChargingSetup Setup(int sample = 0, ChargingRun? reference = null)
    {
        var o = Options;
        var modes = Modes;
        var seed = SeedOf(sample);
        if (sample < 0 || sample >= o.Samples)
            throw new ValidationException("SykBattery.Setup", "sample", $"a sample index from 0 to {o.Samples - 1}", $"{sample}");
        var d = (double)Dimension;
        // the couplings' triplets (24 B each) and their CSR (20 B each), H0 with N entries per row (20 B) and its temporaries
        var terms = Syk.TermCount(modes);
        var operatorBytes = 44 * terms + 3 * 20 * modes * d + 16.0 * modes * (modes - 1) / 2 * modes * (modes - 1) / 2;
        ChargingReference? cells = reference is not null ? new ChargingReference(reference, modes)
            : o.IncludeReference ? new ChargingReference(ReferenceSetup(), modes) : null;
        return new ChargingSetup
        {
            Name = $"SYK N = {modes}, seed {seed}",
            Size = new RunSize((long)d, operatorBytes),
            Build = () =>
            {
                var model = new Syk(modes, seed, o.Coupling, o.Field);
                return new ChargingSystem
                {
                    Dims = model.Dims,
                    Hamiltonian = new Hamiltonian(model.Hamiltonian()),
                    Battery = model.BatteryHamiltonian(),
                    InitialKet = model.GroundState(),
                    InitialDescription = "ground state of H0 = h sum sigma^y (every cell sigma^y = -sign h)",
                };
            },
            Window = Window,
            // P(t) = i<[H, H0]> would multiply the dense-ish H_SYK by H0; the maximal average power is refined from W(t)
            Compute = ChargingQuantities.None,
            Reference = cells,
            Options = ChargingOptions.Default with { Evolution = o.Evolution ?? EvolutionOptions.Default },
            MemoryLimit = o.MemoryLimit,
            Operation = Op,
            SizeArgument = "cells",
            SizeDescription = $"N = {modes} fermion modes (dimension {Dimension}, about {terms:0.##e0} coupling terms)",
        };
    }

    /// <summary>
    /// The parallel reference: one cell with H0 = h sigma^y from its ground state, charged by J sigma^z over [0, 2/|J|]
    /// (400 steps; its maximal average power is at J t = 1.1656), standing for N copies.
    /// </summary>
    public ChargingSetup ReferenceSetup()
    {
        var o = Options;
        var window = 2 / Math.Abs(o.Coupling);
        return new ChargingSetup
        {
            Name = $"SYK reference (one cell, J = {QBattException.Num(o.Coupling)})",
            Size = new RunSize(2, 20 * 4 * 3),
            Build = () => new ChargingSystem
            {
                Dims = new Dims(2),
                Hamiltonian = new Hamiltonian(o.Coupling * Pauli.Z),
                Battery = o.Field * Pauli.Y,
                InitialKet = Syk.CellGroundState(o.Field),
                InitialDescription = "one cell in the ground state of h sigma^y",
            },
            Window = ChargingWindow.Uniform(window, 400),
            Options = ChargingOptions.Default with { Evolution = o.Evolution ?? EvolutionOptions.Default },
        };
    }

    /// <summary>The engine's memory estimate of one sample's run, refused with a <see cref="ResourceException"/> stating the need when it does not fit.</summary>
    public double CheckMemory() => ChargingRunner.RequireFits(Setup());

    /// <summary>Charges every sample through <see cref="ChargingRunner"/> (the reference once), calling <paramref name="progress"/> with the samples done.</summary>
    public SykDisorderAverage Average(Action<int>? progress = null)
    {
        CheckMemory();
        var reference = Options.IncludeReference ? ChargingRunner.Run(ReferenceSetup()) : null;
        var runs = new ChargingRun[Options.Samples];
        for (var s = 0; s < runs.Length; s++)
        {
            runs[s] = ChargingRunner.Run(Setup(s, reference));
            progress?.Invoke(s + 1);
        }
        return new SykDisorderAverage(this, runs);
    }
}
