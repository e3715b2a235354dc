using System.Numerics;
using QBatt.Quantum;

namespace QBatt.Models;

/// <summary>
/// Harmonic-oscillator batteries in a truncated Fock space (R14's cross-check route): each mode has levels
/// |0&gt;..|cutoff-1&gt; (mode 0 the most significant tensor factor), H0 = sum_j w_j a_j^dag a_j, and the
/// generators of the Gaussian unitaries as Hamiltonians acting for unit time: exp(-i H_D) = D(alpha) =
/// exp(alpha a^dag - conj(alpha) a) with H_D = i (alpha a^dag - conj(alpha) a), and exp(-i H_S) = S(z) =
/// exp((conj(z) a^2 - z a^dag^2)/2) with H_S = i (conj(z) a^2 - z a^dag^2)/2 (the conventions of
/// <see cref="GaussianUnitary"/>). Operators and states only; charging runs on the pipeline.
/// </summary>
public static class FockOscillators
{
    /// <summary>The dims [cutoff, ..., cutoff] of <paramref name="modes"/> modes.</summary>
    public static Dims DimsOf(int modes, int cutoff)
    {
        Guard.AtLeast(modes, 1, "FockOscillators", "modes");
        Guard.AtLeast(cutoff, 2, "FockOscillators", "cutoff");
        return Dims.Uniform(cutoff, modes);
    }

    /// <summary>H0 = sum_j w_j a_j^dag a_j.</summary>
    public static Operator Battery(IReadOnlyList<double> frequencies, int cutoff)
    {
        ArgumentNullException.ThrowIfNull(frequencies);
        var dims = DimsOf(frequencies.Count, cutoff);
        Operator? h = null;
        for (var j = 0; j < frequencies.Count; j++)
        {
            var term = frequencies[j] * Operators.Embed(Boson.Number(cutoff), j, dims);
            h = h is null ? term : h + term;
        }
        return h!;
    }

    /// <summary>H_D = i (alpha a^dag - conj(alpha) a) on mode <paramref name="mode"/>: exp(-i H_D) is the displacement D(alpha).</summary>
    public static Operator DisplacementGenerator(int modes, int cutoff, int mode, Complex alpha)
    {
        var dims = DimsOf(modes, cutoff);
        var a = Boson.Destroy(cutoff);
        var local = Complex.ImaginaryOne * (alpha * a.Adjoint() - Complex.Conjugate(alpha) * a);
        return Operators.Embed(local, mode, dims);
    }

    /// <summary>H_S = i (conj(z) a^2 - z a^dag^2)/2 on mode <paramref name="mode"/>, z = r e^(i phi): exp(-i H_S) is the squeezer S(z).</summary>
    public static Operator SqueezeGenerator(int modes, int cutoff, int mode, double r, double phi = 0)
    {
        var dims = DimsOf(modes, cutoff);
        var a = Boson.Destroy(cutoff);
        var z = Complex.FromPolarCoordinates(r, phi);
        var local = 0.5 * Complex.ImaginaryOne * (Complex.Conjugate(z) * (a * a) - z * (a.Adjoint() * a.Adjoint()));
        return Operators.Embed(local, mode, dims);
    }

    /// <summary>The projector on the top Fock level |cutoff-1&gt; of mode <paramref name="mode"/> (the truncation check).</summary>
    public static Operator TopLevel(int modes, int cutoff, int mode) =>
        Operators.Embed(Qudit.Projector(cutoff, cutoff - 1, cutoff - 1), mode, DimsOf(modes, cutoff));
}
