using System.Numerics;
using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Batteries;

/// <summary>
/// The runner's evaluation of a <see cref="ChargingProtocol"/> on the dynamics engine (R6-R9). Everything is read from
/// expectation values the solvers record at output times, so mixed states never need their density
/// matrix along the way: the target overlap tr(rho sigma) and its derivative i tr(rho [H, sigma]) to find
/// the end time, the engine's <see cref="ChargingObservables"/> for W(t) and P(t), and the terms of H(t)
/// and their symmetrised products for &lt;H(t)&gt; and &lt;H(t)^2&gt;, hence Delta H(t).
/// </summary>
internal static class ProtocolEvaluation
{
    private const string Op = "ChargingProtocol.Run";

    /// <summary>The terms of H(t) = sum_k c_k(t) T_k: the constant part (c = 1, when non-zero) and the drives.</summary>
    private sealed class Terms
    {
        public Terms(Hamiltonian h)
        {
            var ops = new List<Operator>();
            var coefficients = new List<TimeFunction>();
            if (h.Constant.MaxAbs() > 0 || h.Drives.Count == 0)
            {
                ops.Add(h.Constant);
                coefficients.Add(TimeFunction.Constant(1));
            }
            foreach (var d in h.Drives)
            {
                ops.Add(d.Operator);
                coefficients.Add(d.Coefficient);
            }
            Operators = [.. ops];
            Coefficients = [.. coefficients];
        }

        public Operator[] Operators { get; }

        public TimeFunction[] Coefficients { get; }

        public double[] At(double t) => [.. Coefficients.Select(c => c.Value(t))];
    }

    /// <summary>One solve: times, recorded values, final state, error and methods.</summary>
    private sealed class Evolved
    {
        public required double[] Times { get; init; }

        public required Func<string, double[]> Values { get; init; }

        public required Func<ChargingObservables, double[]> Energy { get; init; }

        public required Func<ChargingObservables, double[]> Work { get; init; }

        public required Func<ChargingObservables, MaxAveragePower> MaximumPower { get; init; }

        public required Trajectory Trajectory { get; init; }

        public Ket? FinalKet { get; init; }

        public DensityMatrix? FinalMixed { get; init; }

        public double Error { get; init; }

        public string Methods { get; init; } = "";

        public static Evolved From(Trajectory t) => new()
        {
            Times = [.. t.Times],
            Values = t.Expectation,
            Energy = co => co.Energy(t),
            Work = co => co.Work(t),
            MaximumPower = co => co.MaximumAveragePower(t),
            Trajectory = t,
            FinalKet = t.FinalStateObject as Ket,
            FinalMixed = t.FinalStateObject as DensityMatrix,
            Error = t.ErrorEstimate,
            Methods = t.Statistics.Methods,
        };
    }

    public static ChargingResult Evaluate(ChargingProtocol p, ChargingOptions o)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(o);
        o.Validate();
        var terms = new Terms(p.Drive);
        var prepared = EvolutionDispatcher.Prepare(new EvolutionProblem { Dims = p.Dims, Hamiltonian = p.Drive, InitialKet = p.InitialKet, InitialMixed = p.InitialMixed }, o.Evolution);
        Trajectory Solve(IReadOnlyList<double> t, IReadOnlyList<Observable> obs) => prepared.Run(t, obs);
        Evolved Evolve(IReadOnlyList<double> t, IReadOnlyList<Observable> obs) => Evolved.From(Solve(t, obs));
        // the spectrum of a time-independent H once (h_g and ||H|| everywhere); per term otherwise (for the norm bound)
        var fixedSpectrum = p.Drive.IsTimeIndependent ? Spectrum(p.Drive.At(0), o.Evolution.Backend) : ((double Min, double Max)?)null;
        var spectra = fixedSpectrum is null ? [.. terms.Operators.Select(op => Spectrum(op, o.Evolution.Backend))] : Array.Empty<(double, double)>();
        var normBound = NormBound(p, terms, fixedSpectrum, spectra, p.Time);
        MaxAveragePower? maxPower = null;
        var end = p.End switch
        {
            ChargingEnd.Duration => p.Time,
            ChargingEnd.Target => FindTarget(p, terms, o, normBound, Evolve),
            _ => FindMaximumPower(p, o, normBound, Evolve, out maxPower),
        };
        return Final(p, terms, fixedSpectrum, spectra, o, end, maxPower, Evolve);
    }

    /// <summary>(smallest, largest) eigenvalue of a Hermitian operator (the engine's ground-energy routine on H and -H).</summary>
    private static (double Min, double Max) Spectrum(Operator h, ILinearAlgebraBackend? backend) =>
        (h.LowestEigenvalue(backend), -(-h).LowestEigenvalue(backend));

    /// <summary>An upper bound of ||H(t)||_op on [0, horizon]: exact for time-independent H, else sum_k max|c_k| ||T_k|| sampled.</summary>
    private static double NormBound(ChargingProtocol p, Terms terms, (double Min, double Max)? fixedSpectrum, (double Min, double Max)[] spectra, double horizon)
    {
        if (fixedSpectrum is { } f)
        {
            var bound = Math.Max(Math.Abs(f.Min), Math.Abs(f.Max));
            return bound > 0 ? bound : throw new ValidationException(Op, "drive", "a non-zero driving Hamiltonian", "H = 0");
        }
        var samples = Enumerable.Range(0, 1025).Select(i => horizon * i / 1024).Concat(p.Drive.BreakpointsBetween(0, horizon)).ToArray();
        double sum = 0;
        for (var k = 0; k < terms.Operators.Length; k++)
        {
            var c = samples.Max(t => Math.Abs(terms.Coefficients[k].Value(t)));
            sum += c * Math.Max(Math.Abs(spectra[k].Min), Math.Abs(spectra[k].Max));
        }
        return sum > 0 ? sum : throw new ValidationException(Op, "drive", "a non-zero driving Hamiltonian", "H(t) = 0 on the horizon");
    }

    private static int Intervals(double length, double spacing, int minimum, ChargingOptions o, string what)
    {
        var m = Math.Max(minimum, (int)Math.Min(int.MaxValue - 1, Math.Ceiling(length / spacing)));
        if (m % 2 == 1) m++;
        if (m > o.MaximumIntervals)
            throw new ResourceException(Op, what, $"at most {o.MaximumIntervals} output intervals (ChargingOptions.MaximumIntervals) for ||H|| t", $"{m} needed");
        return m;
    }

    
    /// <summary>The target as an observable: sigma, or |phi&gt;&lt;phi| built from its non-zero amplitudes.</summary>
    private static Operator TargetOperator(ChargingProtocol p)
    {
        if (p.TargetMixed is { } sigma) return Sparse(sigma.ToMatrix(), p.Dims);
        var phi = p.TargetKet!;
        var nz = Enumerable.Range(0, phi.Dimension).Where(i => phi[i] != Complex.Zero).ToArray();
        var rows = new List<int>();
        var cols = new List<int>();
        var values = new List<Complex>();
        foreach (var i in nz)
        {
            foreach (var j in nz)
            {
                rows.Add(i);
                cols.Add(j);
                values.Add(phi[i] * Complex.Conjugate(phi[j]));
            }
        }
        return Operator.FromSparse(CsrMatrix.FromTriplets(phi.Dimension, phi.Dimension, [.. rows], [.. cols], [.. values]), p.Dims);
    }

    /// <summary>A dense matrix as a sparse operator when at most a tenth of it is non-zero, else dense.</summary>
    private static Operator Sparse(ComplexMatrix m, Dims dims)
    {
        var nnz = 0;
        foreach (var z in m.ReadOnlySpan) if (z != Complex.Zero) nnz++;
        return nnz <= m.Rows * (long)m.Cols / 10 ? Operator.FromSparse(CsrMatrix.FromDense(m), dims) : Operator.FromDense(m, dims);
    }

    /// <summary>
    /// ||rho - sigma||_F; for pure states || |psi&gt;&lt;psi| - |phi&gt;&lt;phi| ||_F = sqrt(||psi||^4 + 1 - 2 |&lt;psi|phi&gt;|^2),
    /// which keeps the integrator's norm drift linear (assuming ||psi|| = 1 would turn a drift delta into sqrt(delta)).
    /// </summary>
    private static double Distance(Ket? psi, DensityMatrix? rho, ChargingProtocol p)
    {
        if (psi is not null)
        {
            var z = psi.Inner(p.TargetKet!);
            var n2 = Math.Pow(VectorOps.Norm(psi.Amplitudes), 2);
            return Math.Sqrt(Math.Max(0, n2 * n2 + 1 - 2 * (z.Real * z.Real + z.Imaginary * z.Imaginary)));
        }
        return (rho!.ToMatrix() - p.TargetMixed!.ToMatrix()).FrobeniusNorm();
    }

    /// <summary>
    /// The first time the state reaches the target: f(t) = tr(rho(t) sigma) on a search grid, then the
    /// root of f'(t) = tr(rho(t) i[H(t), sigma]) in the first interval where f has a maximum whose
    /// interpolated distance is small, narrowed by successive finer grids (32 intervals each) to a
    /// relative width of 1e-6 and a final secant step.
    /// </summary>
    private static double FindTarget(ChargingProtocol p, Terms terms, ChargingOptions o, double normBound,
        Func<IReadOnlyList<double>, IReadOnlyList<Observable>, Evolved> evolve)
    {
        var sigma = TargetOperator(p);
        var obs = new List<Observable> { new("target:overlap", sigma) };
        for (var k = 0; k < terms.Operators.Length; k++)
            obs.Add(new Observable($"target:D{k}", Complex.ImaginaryOne * terms.Operators[k].Commutator(sigma)));
        double[] Slope(Evolved e)
        {
            var g = new double[e.Times.Length];
            for (var k = 0; k < terms.Operators.Length; k++)
            {
                var v = e.Values($"target:D{k}");
                for (var i = 0; i < g.Length; i++) g[i] += terms.Coefficients[k].Value(e.Times[i]) * v[i];
            }
            return g;
        }

        var d0 = Distance(p.InitialKet, p.InitialMixed, p);
        if (!(d0 > 0))
            throw new ValidationException(Op, "target", "a target different from the initial state", "the initial state itself");
        var purity0 = p.IsPure ? 1 : p.InitialMixed!.Purity();
        var puritySigma = p.IsPure ? 1 : p.TargetMixed!.Purity();
        var spacing = 4 * o.SpacingPerInverseNorm / normBound;
        var m = Intervals(p.Time, spacing, 64, o, "horizon");
        var grid = TimeGrid.Between(0, p.Time, m);
        var run = evolve(grid, obs);
        var f = run.Values("target:overlap");
        var g = Slope(run);
        var closest = double.PositiveInfinity;
        var closestAt = 0.0;
        for (var j = 0; j < m; j++)
        {
            if (!(g[j] > 0 && g[j + 1] <= 0)) continue;
            var h = grid[j + 1] - grid[j];
            var best = double.NegativeInfinity;
            for (var s = 0; s <= 16; s++)
            {
                var x = s / 16.0;
                var v = (1 + 2 * x) * (1 - x) * (1 - x) * f[j] + x * (1 - x) * (1 - x) * h * g[j] + x * x * (3 - 2 * x) * f[j + 1] + x * x * (x - 1) * h * g[j + 1];
                best = Math.Max(best, v);
            }
            var estimate = purity0 + puritySigma - 2 * best;
            if (estimate < closest)
            {
                closest = estimate;
                closestAt = grid[j];
            }
            if (estimate <= 1e-4 * d0 * d0 + 1e-12)
                return Narrow(grid[j], grid[j + 1], g[j], g[j + 1], obs, evolve, Slope);
        }
        throw new ConvergenceException($"{Op}: the target was not reached within the horizon {QBattException.Num(p.Time)} (closest approach ||rho - sigma||_F ~ {QBattException.Num(Math.Sqrt(Math.Max(0, closest)))} near t = {QBattException.Num(closestAt)}, initial {QBattException.Num(d0)}); give a longer horizon or check the drive.");
    }

    private static double Narrow(double a, double b, double ga, double gb, List<Observable> obs,
        Func<IReadOnlyList<double>, IReadOnlyList<Observable>, Evolved> evolve, Func<Evolved, double[]> slope)
    {
        // until the bracket is below 1e-6 (relative): the secant step on the nearly linear slope then
        // leaves an error of order the bracket squared
        for (var round = 0; round < 6 && b - a > 1e-6 * Math.Max(1, b); round++)
        {
            var pts = TimeGrid.Between(a, b, 32);
            var times = a > 0 ? [0, .. pts] : pts;
            var e = evolve(times, obs);
            var g = slope(e);
            var offset = a > 0 ? 1 : 0;
            var found = false;
            for (var i = 0; i < 32; i++)
            {
                if (g[offset + i] > 0 && g[offset + i + 1] <= 0)
                {
                    (a, b, ga, gb) = (pts[i], pts[i + 1], g[offset + i], g[offset + i + 1]);
                    found = true;
                    break;
                }
            }
            if (!found) break; // the slope is at rounding level across the bracket
        }
        return ga - gb > 0 ? a + (b - a) * ga / (ga - gb) : 0.5 * (a + b);
    }

    /// <summary>R7's charging time: the engine's max_t W(t)/t on a search grid over the horizon (refined with P = dW/dt).</summary>
    private static double FindMaximumPower(ChargingProtocol p, ChargingOptions o, double normBound,
        Func<IReadOnlyList<double>, IReadOnlyList<Observable>, Evolved> evolve, out MaxAveragePower? result)
    {
        var co = new ChargingObservables(p.Drive, p.Battery);
        var m = Intervals(p.Time, 4 * o.SpacingPerInverseNorm / normBound, 64, o, "horizon");
        var grid = TimeGrid.Between(0, p.Time, m);
        var run = evolve(grid, co.Observables);
        result = MaximumPowerRefinement.Refine(run.MaximumPower(co), grid[1], times =>
        {
            var e = evolve([0, .. times], co.Observables);
            return (e.Work(co)[1..], co.InstantaneousPower(e.Trajectory)[1..]);
        });
        return result.Time;
    }

    private static ChargingResult Final(ChargingProtocol p, Terms terms, (double Min, double Max)? fixedSpectrum, (double Min, double Max)[] spectra, ChargingOptions o, double end,
        MaxAveragePower? maxPower, Func<IReadOnlyList<double>, IReadOnlyList<Observable>, Evolved> evolve)
    {
        // output grid: Simpson pieces between the drive's breakpoints
        var cuts = new List<double> { 0 };
        cuts.AddRange(p.Drive.BreakpointsBetween(0, end));
        cuts.Add(end);
        var spacing = o.SpacingPerInverseNorm / NormBound(p, terms, fixedSpectrum, spectra, end);
        var times = new List<double> { 0 };
        var pieces = new List<(int First, int Last)>();
        for (var s = 0; s + 1 < cuts.Count; s++)
        {
            var len = cuts[s + 1] - cuts[s];
            var m = Intervals(len, spacing, Math.Max(2, (int)Math.Ceiling(o.MinimumIntervals * len / end)), o, "duration");
            var first = times.Count - 1;
            times.AddRange(TimeGrid.Between(cuts[s], cuts[s + 1], m).Skip(1));
            pieces.Add((first, times.Count - 1));
        }
        if (times.Count > o.MaximumIntervals + 1)
            throw new ResourceException(Op, "duration", $"at most {o.MaximumIntervals} output intervals (ChargingOptions.MaximumIntervals)", $"{times.Count - 1} needed");

        var co = new ChargingObservables(p.Drive, p.Battery);
        var obs = new List<Observable>(co.Observables);
        var n = terms.Operators.Length;
        for (var k = 0; k < n; k++)
        {
            obs.Add(new Observable($"drive:T{k}", terms.Operators[k]));
            for (var l = k; l < n; l++)
            {
                var prod = k == l ? terms.Operators[k] * terms.Operators[k] : 0.5 * (terms.Operators[k] * terms.Operators[l] + terms.Operators[l] * terms.Operators[k]);
                obs.Add(new Observable($"drive:S{k},{l}", prod));
            }
        }
        var run = evolve(times, obs);
        var t = run.Times;
        var tv = Enumerable.Range(0, n).Select(k => run.Values($"drive:T{k}")).ToArray();
        var sv = new double[n, n][];
        for (var k = 0; k < n; k++)
            for (var l = k; l < n; l++) sv[k, l] = run.Values($"drive:S{k},{l}");
        double constantGround = 0, constantNorm = 0;
        if (fixedSpectrum is { } fs)
        {
            constantGround = fs.Min;
            constantNorm = Math.Max(Math.Abs(fs.Min), Math.Abs(fs.Max));
        }
        var workGrid = run.Work(co);

        // samples piece by piece, H(t) taken inside each piece (one-sided limits at the breakpoints, which
        // therefore appear twice in the series); the state-dependent values are continuous in t
        var st = new List<double>();
        var sNorm = new List<double>();
        var sSpread = new List<double>();
        var sAbove = new List<double>();
        var sWork = new List<double>();
        double iNorm = 0, iSpread = 0, iAbove = 0;
        foreach (var (first, last) in pieces)
        {
            var count = last - first + 1;
            var delta = 1e-9 * (t[last] - t[first]);
            var norm = new double[count];
            var spread = new double[count];
            var above = new double[count];
            for (var j = 0; j < count; j++)
            {
                var i = first + j;
                var te = j == 0 ? t[i] + delta : j == count - 1 ? t[i] - delta : t[i];
                var c = terms.At(te);
                double mean = 0, square = 0;
                for (var k = 0; k < n; k++)
                {
                    mean += c[k] * tv[k][i];
                    for (var l = k; l < n; l++) square += (k == l ? 1 : 2) * c[k] * c[l] * sv[k, l][i];
                }
                double ground;
                if (fixedSpectrum is not null)
                {
                    ground = constantGround;
                    norm[j] = constantNorm;
                }
                else
                {
                    var h = p.Drive.At(te);
                    ground = h.LowestEigenvalue(o.Evolution.Backend);
                    norm[j] = Math.Max(Math.Abs(ground), Math.Abs((-h).LowestEigenvalue(o.Evolution.Backend)));
                }
                spread[j] = Math.Sqrt(Math.Max(0, square - mean * mean));
                above[j] = Math.Max(0, mean - ground);
                st.Add(t[i]);
                sWork.Add(workGrid[i]);
            }
            var ts = t[first..(last + 1)];
            iNorm += SpeedLimit.Integrate(ts, norm);
            iSpread += SpeedLimit.Integrate(ts, spread);
            iAbove += SpeedLimit.Integrate(ts, above);
            sNorm.AddRange(norm);
            sSpread.AddRange(spread);
            sAbove.AddRange(above);
        }
        var constraints = new ConstraintValues(iNorm / end, iSpread / end, iAbove / end);

        var energy = run.Energy(co);
        double angle;
        bool orthogonal;
        if (p.IsPure)
        {
            var fid = Distances.Fidelity(p.InitialKet!, run.FinalKet!);
            angle = Math.Acos(Math.Sqrt(fid));
            orthogonal = fid <= 1e-12;
        }
        else
        {
            angle = Distances.BuresAngle(p.InitialMixed!, run.FinalMixed!, o.Evolution.Backend);
            orthogonal = false;
        }
        var qsl = SpeedLimit.Evaluate(st, sAbove, sSpread, angle, orthogonal, p.Drive.IsTimeIndependent, o.SpeedLimitTolerance);

        double? distance = null, initialDistance = null;
        if (p.End == ChargingEnd.Target)
        {
            initialDistance = Distance(p.InitialKet, p.InitialMixed, p);
            distance = Distance(run.FinalKet, run.FinalMixed, p);
            if (distance > o.TargetTolerance * initialDistance)
                throw new ConvergenceException($"{Op}: the target was not reached at the located time {QBattException.Num(end)}: ||rho(T) - sigma||_F = {QBattException.Num(distance.Value)}, above {QBattException.Num(o.TargetTolerance)} x the initial {QBattException.Num(initialDistance.Value)}.");
        }
        return new ChargingResult(p, end, energy[0], energy[^1], constraints, qsl, distance, initialDistance, maxPower,
            [.. st], [.. sWork], [.. sNorm], [.. sSpread], [.. sAbove], run.Error, run.Methods);
    }
}
