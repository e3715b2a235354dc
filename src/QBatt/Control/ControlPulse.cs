namespace QBatt.Control;

/// <summary>A piecewise-constant pulse: control k holds <see cref="Amplitudes"/>[k][j] on [t_j, t_j+1) (R17).</summary>
/// <param name="Names">The control names.</param>
/// <param name="Edges">The slice edges t_0 = 0, ..., t_M = T.</param>
/// <param name="Amplitudes">The amplitudes, one row per control, one value per slice.</param>
public sealed record ControlPulse(IReadOnlyList<string> Names, double[] Edges, IReadOnlyList<double[]> Amplitudes)
{
    /// <summary>The fraction of amplitudes within <paramref name="relative"/> u_max of the bound (1: bang-bang everywhere).</summary>
    public double FractionAtBound(double maxAmplitude, double relative = 1e-3)
    {
        var all = Amplitudes.SelectMany(a => a).ToArray();
        return all.Length == 0 ? 0 : all.Count(u => Math.Abs(u) >= (1 - relative) * maxAmplitude) / (double)all.Length;
    }

    /// <summary>The number of sign changes of control <paramref name="k"/> (switches of a bang-bang pulse).</summary>
    public int Switches(int k)
    {
        var a = Amplitudes[k];
        var count = 0;
        for (var j = 1; j < a.Length; j++) if (Math.Sign(a[j]) != Math.Sign(a[j - 1]) && a[j] != 0 && a[j - 1] != 0) count++;
        return count;
    }
}
