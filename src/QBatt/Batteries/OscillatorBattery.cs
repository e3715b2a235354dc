using System.Globalization;
using System.Numerics;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Batteries;

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

    /// <summary>
    /// The same battery in a truncated Fock space on the charging pipeline (the cross-check of the covariance route, R14):
    /// from the truncated Gibbs state (the vacuum at beta = +infinity), the squeezers S(r_j) act on [0, 1] and then the
    /// displacements D(alpha_j) on [1, 2], as their generators (<see cref="FockOscillators"/>) switched on by steps, so that
    /// W(2) is the work of <c>Squeeze.Then(Displace)</c> up to the truncation; the population of each mode's top Fock level
    /// is monitored against <paramref name="cutoffTolerance"/>.
    /// </summary>
    public ChargingSetup FockSetup(int cutoff, IReadOnlyList<Complex> displacements, IReadOnlyList<double> squeezings, int steps = 400, double cutoffTolerance = 1e-8)
    {
        const string op = "OscillatorBattery.FockSetup";
        ArgumentNullException.ThrowIfNull(displacements);
        ArgumentNullException.ThrowIfNull(squeezings);
        Guard.AtLeast(cutoff, 2, op, "cutoff");
        if (displacements.Count != Modes || squeezings.Count != Modes)
            throw new DimensionMismatchException(op, "displacements", $"{Modes} displacements and {Modes} squeezings (one per mode)", $"{displacements.Count} and {squeezings.Count}");
        Guard.Finite([.. displacements], op, "displacements");
        Guard.Finite([.. squeezings], op, "squeezings");
        Guard.Positive(cutoffTolerance, op, "cutoffTolerance");
        var dimension = Math.Pow(cutoff, Modes);
        if (dimension > 1 << 22)
            throw new ResourceException(op, "cutoff", "a Fock space of at most 2^22 states", $"{cutoff}^{Modes} = {dimension:G3}");
        var w = _w;
        var beta = Beta;
        var modes = Modes;
        var d = (long)dimension;
        return new ChargingSetup
        {
            Name = $"{modes} oscillator(s) in {cutoff} Fock levels",
            Size = new RunSize(d, 20.0 * 3 * d * (3 * modes + 1), double.IsPositiveInfinity(beta) ? 1 : d),
            Build = () =>
            {
                var dims = FockOscillators.DimsOf(modes, cutoff);
                var h0 = FockOscillators.Battery(w, cutoff);
                Operator squeeze = Operator.Zero(dims), displace = Operator.Zero(dims);
                for (var j = 0; j < modes; j++)
                {
                    squeeze += FockOscillators.SqueezeGenerator(modes, cutoff, j, squeezings[j]);
                    displace += FockOscillators.DisplacementGenerator(modes, cutoff, j, displacements[j]);
                }
                var h = new Hamiltonian(Operator.Zero(dims), [new DriveTerm(squeeze, TimeFunction.Step(0, 1, 1)), new DriveTerm(displace, TimeFunction.Step(1, 1, 2))]);
                return new ChargingSystem
                {
                    Dims = dims,
                    Hamiltonian = h,
                    Battery = h0,
                    InitialKet = double.IsPositiveInfinity(beta) ? Ket.Basis(dims, new int[modes]) : null,
                    InitialMixed = double.IsPositiveInfinity(beta) ? null : Gibbs.State(h0, beta),
                    InitialDescription = double.IsPositiveInfinity(beta) ? "vacuum" : "Gibbs state of the truncated H0",
                    Limits = [.. Enumerable.Range(0, modes).Select(j => new ObservableLimit($"top Fock level of mode {j}", FockOscillators.TopLevel(modes, cutoff, j), cutoffTolerance, $"with {cutoff} levels; raise the cutoff"))],
                };
            },
            Window = ChargingWindow.Uniform(2, steps),
            Operation = op,
            SizeArgument = "cutoff",
        };
    }

    private void RequireModes(GaussianState state, string op)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Modes != Modes)
            throw new DimensionMismatchException("OscillatorBattery." + op, "state", $"a state of {Modes} modes", $"{state.Modes} modes");
    }
}
