using System.Globalization;
using QBatt.Quantum;

namespace QBatt.Batteries;

/// <summary>
/// The environment of a stored battery (R16): Lindblad dissipators on arrays of cells with levels 0, 1, ..., d-1 (energy gap 1
/// on every step of the ladder). Local amplitude damping at rate g on each cell and each step j -&gt; j-1, sqrt(g (nbar + 1))
/// |j-1&gt;&lt;j|, with thermal excitation sqrt(g nbar) |j&gt;&lt;j-1| at temperature T (nbar = 1/(exp(1/T) - 1), detailed
/// balance, so the cells relax to the Gibbs state at T; T = 0: decay only); local pure dephasing sqrt(2 g_phi) n with
/// n = diag(0, ..., d-1) (for qubits the same as sqrt(g_phi/2) sigma_z: coherences decay at g_phi (j - k)^2); collective decay
/// sqrt(G) J_- with J_- = sum_cells sum_j |j-1&gt;&lt;j| (and sqrt(G nbar) J_+ at T &gt; 0); collective dephasing sqrt(2 G_phi)
/// sum_cells n. Rates are in units of the gap; all are non-negative and finite.
/// </summary>
public sealed record StorageNoise
{
    /// <summary>The keywords of <see cref="Parse"/>, as the CLI's --noise takes them.</summary>
    public static readonly string[] Keywords = ["decay", "dephasing", "collective-decay", "collective-dephasing", "temperature"];

    /// <summary>Local amplitude-damping rate g.</summary>
    public double Decay { get; init; }

    /// <summary>Local pure-dephasing rate g_phi.</summary>
    public double Dephasing { get; init; }

    /// <summary>Collective decay rate G (J_-).</summary>
    public double CollectiveDecay { get; init; }

    /// <summary>Collective dephasing rate G_phi.</summary>
    public double CollectiveDephasing { get; init; }

    /// <summary>Bath temperature T (in units of the gap; 0: no thermal excitation).</summary>
    public double Temperature { get; init; }

    /// <summary>True when no dissipator acts.</summary>
    public bool IsClosed => Decay == 0 && Dephasing == 0 && CollectiveDecay == 0 && CollectiveDephasing == 0;

    /// <summary>The mean occupation nbar = 1/(exp(1/T) - 1) of the bath at the gap 1 (0 at T = 0).</summary>
    public double ThermalOccupation => Temperature > 0 ? 1 / double.ExpM1(1 / Temperature) : 0;

    /// <summary>
    /// Reads "keyword=value,keyword=value" with the <see cref="Keywords"/> (e.g. "decay=0.1,dephasing=0.05,temperature=0.5");
    /// an unknown keyword or a value that is not a non-negative finite number is refused naming <paramref name="argument"/>. The
    /// keywords given replace those rates of <paramref name="start"/> (default: all zero).
    /// </summary>
    public static StorageNoise Parse(string text, StorageNoise? start = null, string argument = "noise")
    {
        ArgumentNullException.ThrowIfNull(text);
        var noise = start ?? new StorageNoise();
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = raw.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw new ValidationException("StorageNoise.Parse", argument, $"keyword=rate items with keywords {string.Join(", ", Keywords)}", $"'{raw}'");
            var key = raw[..eq].Trim().ToLowerInvariant();
            var valueText = raw[(eq + 1)..].Trim();
            if (!Keywords.Contains(key))
                throw new ValidationException("StorageNoise.Parse", argument, $"a noise keyword ({string.Join(", ", Keywords)})", $"'{raw[..eq].Trim()}'");
            if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !(v >= 0) || !double.IsFinite(v))
                throw new ValidationException("StorageNoise.Parse", argument, $"a non-negative finite {(key == "temperature" ? "temperature" : "rate")} for {key}", $"'{valueText}'");
            noise = key switch
            {
                "decay" => noise with { Decay = v },
                "dephasing" => noise with { Dephasing = v },
                "collective-decay" => noise with { CollectiveDecay = v },
                "collective-dephasing" => noise with { CollectiveDephasing = v },
                _ => noise with { Temperature = v },
            };
        }
        return noise;
    }

    /// <summary>Refuses a negative or non-finite rate or temperature (argument names are the CLI's options).</summary>
    public void Validate(string operation = "StorageNoise")
    {
        Guard.NonNegative(Decay, operation, "decay");
        Guard.NonNegative(Dephasing, operation, "dephasing");
        Guard.NonNegative(CollectiveDecay, operation, "collective-decay");
        Guard.NonNegative(CollectiveDephasing, operation, "collective-dephasing");
        Guard.NonNegative(Temperature, operation, "temperature");
    }

    /// <summary>The mean occupation 1/(exp(gap/T) - 1) of the bath at a level spacing <paramref name="gap"/> (0 at T = 0).</summary>
    public double ThermalOccupationAt(double gap) => Temperature > 0 ? 1 / double.ExpM1(gap / Temperature) : 0;

    /// <summary>The collapse operators on <paramref name="cells"/> cells of <paramref name="levels"/> levels (zero rates give none).</summary>
    public IReadOnlyList<Operator> CollapseOperators(int levels, int cells)
    {
        Guard.AtLeast(levels, 2, "StorageNoise.CollapseOperators", "levels");
        Guard.AtLeast(cells, 1, "StorageNoise.CollapseOperators", "cells");
        var lower = Enumerable.Range(1, levels - 1).Select(j => Qudit.Projector(levels, j - 1, j)).ToArray();
        var number = Operator.Diagonal([.. Enumerable.Range(0, levels).Select(j => (double)j)]);
        return CollapseOperators(Dims.Uniform(levels, cells), [.. Enumerable.Range(0, cells)], lower, number, 1);
    }

    /// <summary>
    /// The collapse operators on the cells <paramref name="sites"/> of a system of <paramref name="dims"/> (other subsystems, such as a
    /// cavity, untouched): each cell's ladder steps <paramref name="lowering"/> (one operator per step, from a level to the next lower
    /// one), its excitation number <paramref name="number"/> (for the dephasing), and the level spacing <paramref name="gap"/> in energy
    /// units at which the bath's occupation is taken (the temperature is in the same units).
    /// </summary>
    public IReadOnlyList<Operator> CollapseOperators(Dims dims, IReadOnlyList<int> sites, IReadOnlyList<Operator> lowering, Operator number, double gap)
    {
        ArgumentNullException.ThrowIfNull(dims);
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(lowering);
        ArgumentNullException.ThrowIfNull(number);
        Validate();
        Guard.Positive(gap, "StorageNoise.CollapseOperators", "gap");
        var nbar = ThermalOccupationAt(gap);
        var c = new List<Operator>();
        foreach (var i in sites)
        {
            if (Decay > 0)
            {
                foreach (var l in lowering)
                {
                    c.Add(Math.Sqrt(Decay * (nbar + 1)) * Operators.Embed(l, i, dims));
                    if (nbar > 0) c.Add(Math.Sqrt(Decay * nbar) * Operators.Embed(l.Adjoint(), i, dims));
                }
            }
            if (Dephasing > 0) c.Add(Math.Sqrt(2 * Dephasing) * Operators.Embed(number, i, dims));
        }
        if (CollectiveDecay > 0)
        {
            var ladder = lowering.Aggregate((a, b) => a + b);
            var j = sites.Select(i => Operators.Embed(ladder, i, dims)).Aggregate((a, b) => a + b);
            c.Add(Math.Sqrt(CollectiveDecay * (nbar + 1)) * j);
            if (nbar > 0) c.Add(Math.Sqrt(CollectiveDecay * nbar) * j.Adjoint());
        }
        if (CollectiveDephasing > 0)
            c.Add(Math.Sqrt(2 * CollectiveDephasing) * sites.Select(i => Operators.Embed(number, i, dims)).Aggregate((a, b) => a + b));
        return c;
    }

    /// <summary>A one-line description, e.g. "decay 0.1, dephasing 0.05, T = 0".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"decay {Decay}, dephasing {Dephasing}, collective decay {CollectiveDecay}, collective dephasing {CollectiveDephasing}, T = {Temperature}");
}
