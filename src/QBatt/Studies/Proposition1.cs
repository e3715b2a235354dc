using QBatt.Batteries;
using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Quantum;

namespace QBatt.Studies;

/// <summary>Separability along a charging trajectory, checked by PPT on every bipartition at sampled times.</summary>
/// <param name="MinPptEigenvalue">Smallest partial-transpose eigenvalue over every bipartition and sampled time (&gt;= 0: PPT throughout).</param>
/// <param name="WorstTime">The sampled time where it occurs.</param>
/// <param name="WorstCut">The cells on the transposed side of the worst cut.</param>
/// <param name="Distance">||rho(0) - I/D||_F.</param>
/// <param name="MaxDistanceDrift">max over the samples of | ||rho(t) - I/D||_F - ||rho(0) - I/D||_F | (0 for unitary evolution, to solver accuracy).</param>
/// <param name="StatesChecked">Number of sampled states.</param>
/// <param name="Bipartitions">Bipartitions per state.</param>
public sealed record TrajectorySeparability(double MinPptEigenvalue, double WorstTime, int[] WorstCut, double Distance, double MaxDistanceDrift, int StatesChecked, int Bipartitions)
{
    /// <summary>True when every sampled state is PPT across every cut (to 1e-12).</summary>
    public bool PptThroughout => MinPptEigenvalue >= -1e-12;
}

/// <summary>
/// PRL Proposition 1 (R10, Rev Fig. 5): N two-level cells (E0 = 0, E1 = 1) charged from
/// (exp(-eps I)/Z)^(x)N to (exp(+eps I)/Z)^(x)N by H_glob = sigma_x^(x)N, whose trajectory stays in the
/// separable ball for small eps while Gamma = N (C0, C2) or sqrt(N) (C1). Here: the separability checks
/// along the engine's trajectory.
/// </summary>
public static class Proposition1
{
    /// <summary>Largest total dimension for the dense PPT checks (2^8: 127 bipartitions of 256 x 256 matrices per state).</summary>
    public const int MaxPptDimension = 256;

    /// <summary>
    /// Evolves the protocol on the engine over [0, duration], keeping the state at
    /// <paramref name="samples"/> equally spaced times (both ends included), and checks each by PPT on
    /// every bipartition (dense <see cref="Entanglement"/>) and by its distance from I/D.
    /// </summary>
    public static TrajectorySeparability CheckTrajectory(ChargingProtocol protocol, double duration, int samples = 17, EvolutionOptions? options = null)
    {
        const string op = "Proposition1.CheckTrajectory";
        ArgumentNullException.ThrowIfNull(protocol);
        Guard.Positive(duration, op, "duration");
        Guard.AtLeast(samples, 2, op, "samples");
        if (protocol.Dims.Count < 2)
            throw new ValidationException(op, "protocol", "at least two cells (separability needs a cut)", $"{protocol.Dims.Count} cell");
        if (protocol.Dims.Total > MaxPptDimension)
            throw new ResourceException(op, "protocol", $"a total dimension of at most {MaxPptDimension} for dense PPT checks", $"{protocol.Dims.Total}");
        var times = Enumerable.Range(0, samples).Select(i => duration * i / (samples - 1)).ToArray();
        var evolution = (options ?? EvolutionOptions.Default) with { StoreStates = true };
        var run = EvolutionDispatcher.Prepare(new EvolutionProblem
        {
            Dims = protocol.Dims,
            Hamiltonian = protocol.Drive,
            InitialKet = protocol.IsPure ? protocol.InitialKet : null,
            InitialMixed = protocol.IsPure ? null : protocol.InitialMixed,
        }, evolution).Run(times);
        IReadOnlyList<DensityMatrix> states = [.. run.StateObjects!.Select(s => s as DensityMatrix ?? DensityMatrix.FromKet((Ket)s))];
        var r0 = SeparableBall.Distance(states[0]);
        double best = double.PositiveInfinity, worstTime = 0, drift = 0;
        int[] cut = [];
        for (var i = 0; i < states.Count; i++)
        {
            var (e, c) = Entanglement.MinOverBipartitions(states[i]);
            if (e < best)
            {
                (best, worstTime, cut) = (e, times[i], c);
            }
            drift = Math.Max(drift, Math.Abs(SeparableBall.Distance(states[i]) - r0));
        }
        return new TrajectorySeparability(best, worstTime, cut, r0, drift, states.Count, (1 << (protocol.Dims.Count - 1)) - 1);
    }

    /// <summary>The Proposition 1 trajectory at eps checked over [0, pi/2] (H_glob = sigma_x^(x)N arrives at pi/2).</summary>
    public static TrajectorySeparability CheckTrajectory(int cells, double eps, int samples = 17) =>
        CheckTrajectory(QuditArrayBattery.ThermalBlocks(cells, cells, eps), Math.PI / 2, samples);

    /// <summary>
    /// The largest eps for which the sampled Proposition 1 trajectory is PPT across every cut (PPT is necessary for
    /// separability, so a certified eps must not exceed it; 2 qubits: PPT = separable): the root of f(eps) = the smallest
    /// partial-transpose eigenvalue over the trajectory (positive below the threshold, negative above), bracketed from the
    /// certified eps by doubling and located by the Illinois false-position method with bisection safeguards until the bracket
    /// is narrower than <paramref name="relativeTolerance"/> (relative) or f vanishes to rounding. Returns the lower end of the
    /// final bracket (a PPT trajectory) and the bracket width as its error estimate.
    /// </summary>
    public static (double Eps, double Error) PptThresholdWithError(int cells, int samples = 17, double relativeTolerance = 1e-12)
    {
        const string op = "Proposition1.PptThreshold";
        Guard.Positive(relativeTolerance, op, "relativeTolerance");
        double F(double eps) => CheckTrajectory(cells, eps, samples).MinPptEigenvalue;
        double lo = SeparableBall.MaxCertifiedBeta([0, 1], cells, SeparableBall.QubitRadius(cells)), hi = 2 * lo;
        var flo = F(lo);
        if (!(flo >= -1e-15))
            throw new ConvergenceException($"{op}: the certified eps {QBattException.Num(lo)} is not PPT along the trajectory for {cells} cells: the certificate and the PPT test disagree.");
        var fhi = F(hi);
        while (fhi >= 0)
        {
            (lo, flo, hi) = (hi, fhi, 2 * hi);
            if (hi > 50)
                throw new ConvergenceException($"{op}: the trajectory stays PPT up to eps = {QBattException.Num(lo)} for {cells} cells.");
            fhi = F(hi);
        }
        var side = 0;
        for (var it = 0; it < 200 && hi - lo > relativeTolerance * hi; it++)
        {
            var mid = (lo * fhi - hi * flo) / (fhi - flo);
            if (!(mid > lo && mid < hi) || it % 8 == 7) mid = 0.5 * (lo + hi);
            var fm = F(mid);
            if (fm >= 0)
            {
                (lo, flo) = (mid, fm);
                if (side == -1) fhi *= 0.5;
                side = -1;
            }
            else
            {
                (hi, fhi) = (mid, fm);
                if (side == 1) flo *= 0.5;
                side = 1;
            }
            if (fm == 0) break;
        }
        return (lo, hi - lo);
    }

    /// <summary>The threshold of <see cref="PptThresholdWithError"/> alone.</summary>
    public static double PptThreshold(int cells, int samples = 17, double relativeTolerance = 1e-12) =>
        PptThresholdWithError(cells, samples, relativeTolerance).Eps;
}
