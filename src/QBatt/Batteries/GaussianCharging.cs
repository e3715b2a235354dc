using System.Globalization;
using System.Numerics;
using QBatt.Models;

namespace QBatt.Batteries;

/// <summary>
/// The energy bookkeeping of one Gaussian charging cycle (R14): energies and standard deviations of H0 before
/// and after, the deposited energy W = E_final - E_initial and the relative precision std(E_final)/W.
/// </summary>
/// <param name="InitialEnergy">tr(rho H0) before the unitary.</param>
/// <param name="FinalEnergy">tr(U rho U^dag H0).</param>
/// <param name="InitialStd">Standard deviation of H0 in the initial state (thermal fluctuations).</param>
/// <param name="FinalStd">Standard deviation of H0 in the final state.</param>
public sealed record GaussianChargingResult(double InitialEnergy, double FinalEnergy, double InitialStd, double FinalStd)
{
    /// <summary>Deposited energy W = E_final - E_initial.</summary>
    public double Work => FinalEnergy - InitialEnergy;

    /// <summary>Variance of H0 in the final state.</summary>
    public double FinalVariance => FinalStd * FinalStd;

    /// <summary>
    /// Relative precision std(E_final)/W (R14: standard deviation over the mean deposited energy; smaller is more
    /// precise). Defined for W &gt; 0; +infinity when no energy is deposited (W &lt;= 0).
    /// </summary>
    public double RelativePrecision => Work > 0 ? FinalStd / Work : double.PositiveInfinity;
}

/// <summary>
/// A battery of N harmonic oscillators, H0 = sum_j w_j a_j^dag a_j, starting in its Gibbs state at inverse
/// temperature beta (beta = +infinity: the vacuum), charged by Gaussian unitaries (R14; conventions of
/// <see cref="GaussianState"/>). Writing H0 = r^T M r / 2 - sum_j w_j / 2 with M = diag(w_1, w_1, w_2, w_2, ...),
/// a Gaussian state with means d and covariance sigma has
/// E = sum_j w_j (sigma_xjxj + sigma_pjpj + d_xj^2 + d_pj^2 - 1)/2 and
/// Var(H0) = tr[(M sigma)^2]/2 + tr[(M Omega)^2]/8 + d^T M sigma M d = tr[(M sigma)^2]/2 - sum_j w_j^2/4 + d^T M sigma M d
/// (Wick's theorem with &lt;r_i r_j&gt; = sigma_ij + (i/2) Omega_ij for the centred quadratures: the quartic term gives
/// tr(M G M G^T)/2 with G = sigma + (i/2) Omega, whose imaginary parts cancel; the cubic cross term vanishes).
/// </summary>
public sealed class OscillatorBattery
{
    private readonly double[] _w;

    /// <summary>A battery with mode frequencies <paramref name="frequencies"/> (positive, finite) at inverse temperature <paramref name="beta"/> (&gt; 0 or +infinity).</summary>
    public OscillatorBattery(IReadOnlyList<double> frequencies, double beta = double.PositiveInfinity)
    {
        InitialState = GaussianState.Thermal(frequencies, beta);
        _w = [.. frequencies];
        Beta = beta;
        InitialEnergy = Energy(InitialState);
        InitialStd = Math.Sqrt(EnergyVariance(InitialState));
    }

    /// <summary>The mode frequencies w_j (a copy).</summary>
    public double[] Frequencies => (double[])_w.Clone();

    /// <summary>Number of modes.</summary>
    public int Modes => _w.Length;

    /// <summary>Inverse temperature of the initial Gibbs state.</summary>
    public double Beta { get; }

    /// <summary>The initial Gibbs state.</summary>
    public GaussianState InitialState { get; }

    /// <summary>tr(omega_beta H0) = sum_j w_j n_j.</summary>
    public double InitialEnergy { get; }

    /// <summary>Standard deviation of H0 in the Gibbs state, sqrt(sum_j w_j^2 n_j (n_j + 1)).</summary>
    public double InitialStd { get; }

    /// <summary>E = tr(rho H0) of a Gaussian state on this battery's modes.</summary>
    public double Energy(GaussianState state)
    {
        RequireModes(state, "Energy");
        double e = 0;
        for (var j = 0; j < _w.Length; j++) e += _w[j] * state.MeanPhotons(j);
        return e;
    }

    /// <summary>
    /// Var(H0) = tr[(M sigma)^2]/2 - sum_j w_j^2/4 + d^T M sigma M d (see the class summary). Rounding can leave a
    /// value a few ulps below zero for (near-)vacuum states; values down to -1e-12 times the size of the terms are
    /// returned as 0, anything lower is a <see cref="ConvergenceException"/> (impossible for a validated state).
    /// </summary>
    public double EnergyVariance(GaussianState state)
    {
        RequireModes(state, "EnergyVariance");
        var sigma = state.CovarianceView;
        var d = state.MeansSpan;
        var m = 2 * _w.Length;
        double quartic = 0, linear = 0, vacuum = 0;
        for (var i = 0; i < m; i++)
        {
            var wi = _w[i / 2];
            double row = 0;
            for (var j = 0; j < m; j++)
            {
                var wj = _w[j / 2];
                quartic += wi * wj * sigma[i, j] * sigma[j, i];
                row += sigma[i, j] * wj * d[j];
            }
            linear += wi * d[i] * row;
        }
        foreach (var w in _w) vacuum += w * w;
        var v = 0.5 * quartic - 0.25 * vacuum + linear;
        var scale = 0.5 * Math.Abs(quartic) + 0.25 * vacuum + Math.Abs(linear);
        if (v < -1e-12 * scale)
            throw new ConvergenceException($"OscillatorBattery.EnergyVariance: negative variance {QBattException.Num(v)} (scale {QBattException.Num(scale)}); the covariance is not physical");
        return Math.Max(v, 0);
    }

    /// <summary>Applies <paramref name="u"/> to the Gibbs state and reports energies, deposited energy and fluctuations.</summary>
    public GaussianChargingResult Charge(GaussianUnitary u)
    {
        ArgumentNullException.ThrowIfNull(u);
        if (u.Modes != Modes)
            throw new DimensionMismatchException("OscillatorBattery.Charge", "u", $"a unitary on {Modes} modes", $"{u.Modes} modes");
        var final = InitialState.Apply(u);
        return new GaussianChargingResult(InitialEnergy, Energy(final), InitialStd, Math.Sqrt(EnergyVariance(final)));
    }

    private void RequireModes(GaussianState state, string op)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Modes != Modes)
            throw new DimensionMismatchException("OscillatorBattery." + op, "state", $"a state of {Modes} modes", $"{state.Modes} modes");
    }
}

/// <summary>One single-mode Gaussian protocol: squeeze by r (phi = 0, x squeezed), then displace by a real alpha.</summary>
/// <param name="Name">"displacement", "squeezing" or "optimal".</param>
/// <param name="Squeezing">The squeezing parameter r.</param>
/// <param name="Alpha">The displacement |alpha| (along the squeezed quadrature x).</param>
/// <param name="Result">Energies and fluctuations, computed from the moments.</param>
public sealed record GaussianProtocol(string Name, double Squeezing, double Alpha, GaussianChargingResult Result);

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
