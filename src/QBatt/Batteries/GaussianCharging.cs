using System.Globalization;
using System.Numerics;
using QBatt.Models;

namespace QBatt.Batteries;

/// <summary>
/// Single-mode Gaussian charging at a prescribed deposited energy W (R14, Rev 'Cycle precision'): displacement
/// alone, squeezing alone, and the combination (squeezing then displacement along the squeezed quadrature) with the
/// smallest final energy variance. From a Gibbs state with A = n + 1/2 (n = Bose-Einstein occupation) and x = W/w:
/// displacement |alpha|^2 = x; squeezing cosh 2r = 1 + x/A; a combination (r, alpha) deposits w (A (cosh 2r - 1) + alpha^2)
/// and has Var/w^2 = A^2 cosh 4r - 1/4 + 2 A alpha^2 e^(-2r). Every thermal state is phase invariant, so every
/// single-mode Gaussian unitary reaches a displaced squeezed thermal state, and displacing along the anti-squeezed
/// direction only adds variance: the minimum over r of this family is the minimum over all single-mode Gaussian unitaries.
/// The reported figures are recomputed from the moments through <see cref="OscillatorBattery.Charge"/>.
/// </summary>
public static class GaussianCharging
{
    /// <summary>Displacement alone, |alpha| = sqrt(W/w).</summary>
    public static GaussianProtocol Displacement(double frequency, double beta, double work)
    {
        var battery = Setup(frequency, beta, work, "GaussianCharging.Displacement");
        return Build(battery, "displacement", 0, Math.Sqrt(work / frequency));
    }

    /// <summary>Squeezing alone, cosh 2r = 1 + W/(w (n + 1/2)).</summary>
    public static GaussianProtocol Squeezing(double frequency, double beta, double work)
    {
        var battery = Setup(frequency, beta, work, "GaussianCharging.Squeezing");
        var a = 0.5 + GaussianState.ThermalOccupation(frequency, beta);
        return Build(battery, "squeezing", 0.5 * Acosh1p(work / (frequency * a)), 0);
    }

    /// <summary>
    /// The single-mode Gaussian protocol of least final energy variance at deposited energy W: the minimum over
    /// r in [0, r_max] (r_max: squeezing alone) of Var(r), by a scan of 400 points refined by golden-section search
    /// to |delta r| &lt;= 1e-13 (1 + r).
    /// </summary>
    public static GaussianProtocol Optimal(double frequency, double beta, double work)
    {
        var battery = Setup(frequency, beta, work, "GaussianCharging.Optimal");
        var a = 0.5 + GaussianState.ThermalOccupation(frequency, beta);
        var x = work / frequency;
        var rMax = 0.5 * Acosh1p(x / a);
        double Var(double r)
        {
            var alpha2 = Math.Max(x - a * 2 * Math.Pow(Math.Sinh(r), 2), 0);
            return a * a * Math.Cosh(4 * r) + 2 * a * alpha2 * Math.Exp(-2 * r);
        }
        const int grid = 400;
        var best = 0;
        var bestValue = Var(0);
        for (var k = 1; k <= grid; k++)
        {
            var value = Var(rMax * k / grid);
            if (value < bestValue) { bestValue = value; best = k; }
        }
        double lo = rMax * Math.Max(best - 1, 0) / grid, hi = rMax * Math.Min(best + 1, grid) / grid;
        var g = (Math.Sqrt(5) - 1) / 2;
        double c = hi - g * (hi - lo), dd = lo + g * (hi - lo), fc = Var(c), fd = Var(dd);
        while (hi - lo > 1e-13 * (1 + hi))
        {
            if (fc <= fd) { hi = dd; dd = c; fd = fc; c = hi - g * (hi - lo); fc = Var(c); }
            else { lo = c; c = dd; fc = fd; dd = lo + g * (hi - lo); fd = Var(dd); }
        }
        var r = 0.5 * (lo + hi);
        if (Var(0) <= Var(r)) r = 0;
        var alpha = Math.Sqrt(Math.Max(x - a * 2 * Math.Pow(Math.Sinh(r), 2), 0));
        return Build(battery, "optimal", r, alpha);
    }

    /// <summary>The three protocols at one deposited energy: displacement, squeezing, optimal combination.</summary>
    public static IReadOnlyList<GaussianProtocol> Compare(double frequency, double beta, double work) =>
        [Displacement(frequency, beta, work), Squeezing(frequency, beta, work), Optimal(frequency, beta, work)];

    /// <summary>The unitary "squeeze by r (phi = 0), then displace by real alpha" on one mode.</summary>
    public static GaussianUnitary SqueezeThenDisplace(double r, double alpha) =>
        GaussianUnitary.Squeeze(1, 0, r).Then(GaussianUnitary.Displace(1, 0, new Complex(alpha, 0)));

    private static GaussianProtocol Build(OscillatorBattery battery, string name, double r, double alpha) =>
        new(name, r, alpha, battery.Charge(SqueezeThenDisplace(r, alpha)));

    private static OscillatorBattery Setup(double frequency, double beta, double work, string op)
    {
        Guard.Positive(frequency, op, "frequency");
        if (!(work > 0) || !double.IsFinite(work))
            throw new ValidationException(op, "work", "a positive finite deposited energy", work.ToString(CultureInfo.InvariantCulture));
        return new OscillatorBattery([frequency], beta);
    }

    /// <summary>acosh(1 + y) without cancellation for small y: log1p(y + sqrt(y (y + 2))).</summary>
    private static double Acosh1p(double y) => double.LogP1(y + Math.Sqrt(y * (y + 2)));
}
