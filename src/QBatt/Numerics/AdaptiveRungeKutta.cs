using System.Numerics;

namespace QBatt.Numerics;

/// <summary>The right-hand side dy/dt = f(t, y) of an ODE on complex vectors (write into <c>dydt</c>; do not keep the spans).</summary>
public delegate void ComplexDerivative(double t, ReadOnlySpan<Complex> y, Span<Complex> dydt);

/// <summary>Explicit embedded Runge-Kutta pairs with step-size control and dense output.</summary>
public enum RungeKuttaMethod
{
    /// <summary>Dormand-Prince 5(4) (Dormand and Prince 1980) with Shampine's quartic dense output.</summary>
    DormandPrince54,

    /// <summary>DOP853: Dormand-Prince 8(5,3) (Hairer, Norsett and Wanner, Solving ODEs I, Sec. II.10) with 7th-order dense output.</summary>
    Dop853,
}

/// <summary>
/// An adaptive explicit Runge-Kutta integrator for dy/dt = f(t, y) on complex vectors: one accepted
/// step per <see cref="Step"/>, local error control with the mixed test
/// |err_i| &lt;= atol + rtol max(|y_i|, |y_new_i|) in the root-mean-square norm, and dense output
/// between the last two accepted times (<see cref="Interpolate"/>). The coefficients and the step
/// control follow Hairer's DOPRI5/DOP853 as in SciPy's <c>solve_ivp</c> (BSD licence).
/// </summary>
public sealed class AdaptiveRungeKutta
{
    private const double Safety = 0.9;
    private const double MinFactor = 0.2;
    private const double MaxFactor = 10;

    private readonly RungeKuttaMethod _method;
    private readonly ComplexDerivative _f;
    private readonly int _n;
    private readonly int _stages;
    private readonly double[] _c;
    private readonly double[][] _a;
    private readonly double[] _b;
    private readonly Complex[][] _k;
    private readonly Complex[] _y;
    private readonly Complex[] _yOld;
    private readonly Complex[] _yNew;
    private readonly Complex[] _tmp;
    private readonly Complex[] _err;
    private readonly Complex[] _err3;
    private Complex[][]? _dense;
    private bool _denseReady;
    private double _h;
    private readonly double _errorExponent;

    /// <summary>An integrator of dimension <paramref name="dimension"/> for the right-hand side <paramref name="f"/>.</summary>
    public AdaptiveRungeKutta(RungeKuttaMethod method, int dimension, ComplexDerivative f, double absoluteTolerance, double relativeTolerance, double maxStep = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.AtLeast(dimension, 1, "AdaptiveRungeKutta", "dimension");
        Guard.NonNegative(absoluteTolerance, "AdaptiveRungeKutta", "absoluteTolerance");
        Guard.NonNegative(relativeTolerance, "AdaptiveRungeKutta", "relativeTolerance");
        if (absoluteTolerance == 0 && relativeTolerance == 0)
            throw new ValidationException("AdaptiveRungeKutta", "absoluteTolerance", "a positive absolute or relative tolerance", "both 0");
        if (!(maxStep > 0))
            throw new ValidationException("AdaptiveRungeKutta", "maxStep", "a positive number", maxStep.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _method = method;
        _f = f;
        _n = dimension;
        AbsoluteTolerance = absoluteTolerance;
        RelativeTolerance = relativeTolerance;
        MaxStep = maxStep;
        (_stages, _c, _a, _b, _errorExponent) = method switch
        {
            RungeKuttaMethod.DormandPrince54 => (6, C54, A54, B54, -1.0 / 5),
            RungeKuttaMethod.Dop853 => (12, C853, A853, B853, -1.0 / 8),
            _ => throw new ValidationException("AdaptiveRungeKutta", "method", "DormandPrince54 or Dop853", method.ToString()),
        };
        _k = new Complex[_stages + 1][];
        for (var i = 0; i < _k.Length; i++) _k[i] = new Complex[_n];
        _y = new Complex[_n];
        _yOld = new Complex[_n];
        _yNew = new Complex[_n];
        _tmp = new Complex[_n];
        _err = new Complex[_n];
        _err3 = new Complex[_n];
    }

    /// <summary>The method.</summary>
    public RungeKuttaMethod Method => _method;

    /// <summary>Absolute tolerance.</summary>
    public double AbsoluteTolerance { get; }

    /// <summary>Relative tolerance.</summary>
    public double RelativeTolerance { get; }

    /// <summary>Largest step.</summary>
    public double MaxStep { get; }

    /// <summary>Current time.</summary>
    public double Time { get; private set; }

    /// <summary>Time of the previous accepted step (start of the dense-output interval).</summary>
    public double PreviousTime { get; private set; }

    /// <summary>Current state.</summary>
    public ReadOnlySpan<Complex> State => _y;

    /// <summary>Evaluations of f.</summary>
    public long Evaluations { get; private set; }

    /// <summary>Accepted steps.</summary>
    public int AcceptedSteps { get; private set; }

    /// <summary>Rejected steps.</summary>
    public int RejectedSteps { get; private set; }

    /// <summary>Sum over accepted steps of the 2-norm of the local error estimate (a bound on the global error when the flow does not expand distances).</summary>
    public double ErrorSum { get; private set; }

    /// <summary>The step size the next step will try.</summary>
    public double NextStep => _h;

    /// <summary>Starts at (t0, y0), choosing the first step as Hairer, Norsett and Wanner, Sec. II.4.</summary>
    public void Initialize(double t0, ReadOnlySpan<Complex> y0)
    {
        if (y0.Length != _n)
            throw new DimensionMismatchException("AdaptiveRungeKutta.Initialize", "y0", $"length {_n}", $"length {y0.Length}");
        Guard.Finite(t0, "AdaptiveRungeKutta.Initialize", "t0");
        y0.CopyTo(_y);
        Time = PreviousTime = t0;
        _denseReady = false;
        Eval(t0, _y, _k[0]);
        _h = Math.Min(MaxStep, InitialStep(t0));
    }

    private void Eval(double t, ReadOnlySpan<Complex> y, Span<Complex> dydt)
    {
        _f(t, y, dydt);
        Evaluations++;
    }

    private double ScaledRms(ReadOnlySpan<Complex> v, ReadOnlySpan<Complex> y)
    {
        double s = 0;
        for (var i = 0; i < _n; i++)
        {
            var q = v[i].Magnitude / (AbsoluteTolerance + RelativeTolerance * y[i].Magnitude);
            s += q * q;
        }
        return Math.Sqrt(s / _n);
    }

    private double InitialStep(double t0)
    {
        var order = _method == RungeKuttaMethod.Dop853 ? 7 : 4;
        var d0 = ScaledRms(_y, _y);
        var d1 = ScaledRms(_k[0], _y);
        var h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        for (var i = 0; i < _n; i++) _tmp[i] = _y[i] + h0 * _k[0][i];
        Eval(t0 + h0, _tmp, _err);
        for (var i = 0; i < _n; i++) _err[i] -= _k[0][i];
        var d2 = ScaledRms(_err, _y) / h0;
        var h1 = d1 <= 1e-15 && d2 <= 1e-15 ? Math.Max(1e-6, h0 * 1e-3) : Math.Pow(0.01 / Math.Max(d1, d2), 1.0 / (order + 1));
        return Math.Min(100 * h0, h1);
    }

    /// <summary>
    /// Takes one accepted step, not beyond <paramref name="tBound"/> (&gt; <see cref="Time"/>). Throws
    /// <see cref="ConvergenceException"/> when the step size underflows.
    /// </summary>
    public void Step(double tBound)
    {
        if (!(tBound > Time))
            throw new ValidationException("AdaptiveRungeKutta.Step", "tBound", $"a time after {QBattException.Num(Time)}", QBattException.Num(tBound));
        var t = Time;
        var minStep = 10 * Math.Abs(Math.BitIncrement(Math.Abs(t)) - Math.Abs(t));
        var h = Math.Clamp(_h, minStep, MaxStep);
        var rejected = false;
        while (true)
        {
            if (h < minStep)
                throw new ConvergenceException($"AdaptiveRungeKutta: the step size fell below {QBattException.Num(minStep)} at t = {QBattException.Num(t)} (atol {QBattException.Num(AbsoluteTolerance)}, rtol {QBattException.Num(RelativeTolerance)}).");
            var tNew = t + h;
            if (tNew > tBound) tNew = tBound;
            h = tNew - t;
            TryStep(t, h);
            var errorNorm = ErrorNorm(h, out var errAbs);
            if (errorNorm < 1)
            {
                var factor = errorNorm == 0 ? MaxFactor : Math.Min(MaxFactor, Safety * Math.Pow(errorNorm, _errorExponent));
                if (rejected) factor = Math.Min(1, factor);
                _h = Math.Min(MaxStep, h * factor);
                PreviousTime = t;
                Time = tNew;
                _y.CopyTo(_yOld);
                _yNew.CopyTo(_y);
                // first-same-as-last: f(t_new, y_new) is the next step's first stage
                (_k[0], _k[_stages]) = (_k[_stages], _k[0]);
                _denseReady = false;
                _lastH = h;
                AcceptedSteps++;
                ErrorSum += errAbs;
                return;
            }
            h *= Math.Max(MinFactor, Safety * Math.Pow(errorNorm, _errorExponent));
            RejectedSteps++;
            rejected = true;
        }
    }

    private double _lastH;

    private void TryStep(double t, double h)
    {
        for (var s = 1; s < _stages; s++)
        {
            _y.CopyTo(_tmp.AsSpan());
            var a = _a[s];
            for (var i = 0; i < a.Length; i++)
                if (a[i] != 0) VectorOps.Axpy(h * a[i], _k[i], _tmp);
            Eval(t + _c[s] * h, _tmp, _k[s]);
        }
        _y.CopyTo(_yNew.AsSpan());
        for (var i = 0; i < _stages; i++)
            if (_b[i] != 0) VectorOps.Axpy(h * _b[i], _k[i], _yNew);
        Eval(t + h, _yNew, _k[_stages]);
    }

    private double ErrorNorm(double h, out double errAbs)
    {
        var e5 = _method == RungeKuttaMethod.Dop853 ? E5_853 : E54;
        Combination(e5, _err);
        if (_method == RungeKuttaMethod.DormandPrince54)
        {
            double s2 = 0, a2 = 0;
            for (var i = 0; i < _n; i++)
            {
                var q = h * _err[i].Magnitude / (AbsoluteTolerance + RelativeTolerance * Math.Max(_y[i].Magnitude, _yNew[i].Magnitude));
                s2 += q * q;
                a2 += _err[i].Magnitude * _err[i].Magnitude;
            }
            errAbs = Math.Abs(h) * Math.Sqrt(a2);
            return Math.Sqrt(s2 / _n);
        }
        Combination(E3_853, _err3);
        double e5n = 0, e3n = 0, e5a = 0, e3a = 0;
        for (var i = 0; i < _n; i++)
        {
            var sc = AbsoluteTolerance + RelativeTolerance * Math.Max(_y[i].Magnitude, _yNew[i].Magnitude);
            var m5 = _err[i].Magnitude;
            var m3 = _err3[i].Magnitude;
            e5n += m5 * m5 / (sc * sc);
            e3n += m3 * m3 / (sc * sc);
            e5a += m5 * m5;
            e3a += m3 * m3;
        }
        errAbs = e5a == 0 && e3a == 0 ? 0 : Math.Abs(h) * e5a / Math.Sqrt(e5a + 0.01 * e3a);
        if (e5n == 0 && e3n == 0) return 0;
        return Math.Abs(h) * e5n / Math.Sqrt((e5n + 0.01 * e3n) * _n);
    }

    private void Combination(double[] w, Span<Complex> result)
    {
        result.Clear();
        for (var i = 0; i < w.Length; i++)
            if (w[i] != 0) VectorOps.Axpy(w[i], _k[i], result);
    }

    /// <summary>y(t) for t in [<see cref="PreviousTime"/>, <see cref="Time"/>] from the dense output of the last step.</summary>
    public void Interpolate(double t, Span<Complex> y)
    {
        if (y.Length != _n)
            throw new DimensionMismatchException("AdaptiveRungeKutta.Interpolate", "y", $"length {_n}", $"length {y.Length}");
        if (t == Time || AcceptedSteps == 0)
        {
            _y.CopyTo(y);
            return;
        }
        var h = _lastH;
        if (t < PreviousTime - 1e-12 * Math.Abs(h) || t > Time + 1e-12 * Math.Abs(h))
            throw new ValidationException("AdaptiveRungeKutta.Interpolate", "t", $"a time in [{QBattException.Num(PreviousTime)}, {QBattException.Num(Time)}]", QBattException.Num(t));
        var x = (t - PreviousTime) / h;
        if (!_denseReady) PrepareDense(h);
        var f = _dense!;
        if (_method == RungeKuttaMethod.DormandPrince54)
        {
            // y = y_old + h sum_j Q_j x^(j+1)
            _yOld.CopyTo(y);
            var p = x;
            for (var j = 0; j < f.Length; j++)
            {
                VectorOps.Axpy(h * p, f[j], y);
                p *= x;
            }
            return;
        }
        // y = y_old + F0 x (1 - x) ... nested: start from the last F, alternating factors x and 1-x
        y.Clear();
        for (var i = 0; i < f.Length; i++)
        {
            VectorOps.Axpy(1, f[f.Length - 1 - i], y);
            VectorOps.Scale(i % 2 == 0 ? x : 1 - x, y);
        }
        VectorOps.Axpy(1, _yOld, y);
    }

    private void PrepareDense(double h)
    {
        // after an accepted step k[0] holds f(t_new) and k[stages] holds f(t_old) (swapped)
        var kOld0 = _k[_stages];
        var fNew = _k[0];
        if (_method == RungeKuttaMethod.DormandPrince54)
        {
            _dense ??= [new Complex[_n], new Complex[_n], new Complex[_n], new Complex[_n]];
            for (var j = 0; j < 4; j++)
            {
                var q = _dense[j];
                Array.Clear(q);
                for (var i = 0; i <= _stages; i++)
                {
                    var w = P54[i][j];
                    if (w == 0) continue;
                    VectorOps.Axpy(w, i == 0 ? kOld0 : i == _stages ? fNew : _k[i], q);
                }
            }
            _denseReady = true;
            return;
        }
        // DOP853: three extra stages, then F[0..6]
        var ext = new Complex[16][];
        for (var i = 0; i < _stages; i++) ext[i] = i == 0 ? kOld0 : _k[i];
        ext[_stages] = fNew;
        for (var s = _stages + 1; s < 16; s++)
        {
            ext[s] = new Complex[_n];
            _yOld.CopyTo(_tmp.AsSpan());
            var a = A853[s];
            for (var i = 0; i < a.Length; i++)
                if (a[i] != 0) VectorOps.Axpy(h * a[i], ext[i], _tmp);
            Eval(PreviousTime + C853[s] * h, _tmp, ext[s]);
        }
        _dense ??= [new Complex[_n], new Complex[_n], new Complex[_n], new Complex[_n], new Complex[_n], new Complex[_n], new Complex[_n]];
        var dy = _dense[0];
        for (var i = 0; i < _n; i++) dy[i] = _y[i] - _yOld[i];
        for (var i = 0; i < _n; i++) _dense[1][i] = h * kOld0[i] - dy[i];
        for (var i = 0; i < _n; i++) _dense[2][i] = 2 * dy[i] - h * (fNew[i] + kOld0[i]);
        for (var r = 0; r < 4; r++)
        {
            var q = _dense[3 + r];
            Array.Clear(q);
            for (var i = 0; i < 16; i++)
                if (D853[r][i] != 0) VectorOps.Axpy(h * D853[r][i], ext[i], q);
        }
        _denseReady = true;
    }

    private static readonly double[] C54 = [0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1];

    private static readonly double[][] A54 =
    [
        [],
        [1.0 / 5],
        [3.0 / 40, 9.0 / 40],
        [44.0 / 45, -56.0 / 15, 32.0 / 9],
        [19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729],
        [9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656],
    ];

    private static readonly double[] B54 = [35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84];

    private static readonly double[] E54 = [-71.0 / 57600, 0, 71.0 / 16695, -71.0 / 1920, 17253.0 / 339200, -22.0 / 525, 1.0 / 40];

    // Shampine's dense output for the optimal c_6 (rows: stages 0..6, columns: powers 1..4)
    private static readonly double[][] P54 =
    [
        [1, -8048581381.0 / 2820520608, 8663915743.0 / 2820520608, -12715105075.0 / 11282082432],
        [0, 0, 0, 0],
        [0, 131558114200.0 / 32700410799, -68118460800.0 / 10900136933, 87487479700.0 / 32700410799],
        [0, -1754552775.0 / 470086768, 14199869525.0 / 1410260304, -10690763975.0 / 1880347072],
        [0, 127303824393.0 / 49829197408, -318862633887.0 / 49829197408, 701980252875.0 / 199316789632],
        [0, -282668133.0 / 205662961, 2019193451.0 / 616988883, -1453857185.0 / 822651844],
        [0, 40617522.0 / 29380423, -110615467.0 / 29380423, 69997945.0 / 29380423],
    ];

    // DOP853 coefficients (Hairer's dop853.f, as tabulated in SciPy's dop853_coefficients.py)
    private static readonly double[] C853 = [0.0, 0.05260015195876773, 0.0789002279381516, 0.1183503419072274, 0.2816496580927726, 0.3333333333333333, 0.25, 0.3076923076923077, 0.6512820512820513, 0.6, 0.8571428571428571, 1.0, 1.0, 0.1, 0.2, 0.7777777777777778];
    private static readonly double[][] A853 =
    [
        [],
        [0.05260015195876773],
        [0.0197250569845379, 0.0591751709536137],
        [0.02958758547680685, 0.0, 0.08876275643042054],
        [0.2413651341592667, 0.0, -0.8845494793282861, 0.924834003261792],
        [0.037037037037037035, 0.0, 0.0, 0.17082860872947386, 0.12546768756682242],
        [0.037109375, 0.0, 0.0, 0.17025221101954405, 0.06021653898045596, -0.017578125],
        [0.03709200011850479, 0.0, 0.0, 0.17038392571223998, 0.10726203044637328, -0.015319437748624402, 0.008273789163814023],
        [0.6241109587160757, 0.0, 0.0, -3.3608926294469414, -0.868219346841726, 27.59209969944671, 20.154067550477894, -43.48988418106996],
        [0.47766253643826434, 0.0, 0.0, -2.4881146199716677, -0.590290826836843, 21.230051448181193, 15.279233632882423, -33.28821096898486, -0.020331201708508627],
        [-0.9371424300859873, 0.0, 0.0, 5.186372428844064, 1.0914373489967295, -8.149787010746927, -18.52006565999696, 22.739487099350505, 2.4936055526796523, -3.0467644718982196],
        [2.273310147516538, 0.0, 0.0, -10.53449546673725, -2.0008720582248625, -17.9589318631188, 27.94888452941996, -2.8589982771350235, -8.87285693353063, 12.360567175794303, 0.6433927460157636],
        [0.054293734116568765, 0.0, 0.0, 0.0, 0.0, 4.450312892752409, 1.8915178993145003, -5.801203960010585, 0.3111643669578199, -0.1521609496625161, 0.20136540080403034, 0.04471061572777259],
        [0.056167502283047954, 0.0, 0.0, 0.0, 0.0, 0.0, 0.25350021021662483, -0.2462390374708025, -0.12419142326381637, 0.15329179827876568, 0.00820105229563469, 0.007567897660545699, -0.008298],
        [0.03183464816350214, 0.0, 0.0, 0.0, 0.0, 0.028300909672366776, 0.053541988307438566, -0.05492374857139099, 0.0, 0.0, -0.00010834732869724932, 0.0003825710908356584, -0.00034046500868740456, 0.1413124436746325],
        [-0.42889630158379194, 0.0, 0.0, 0.0, 0.0, -4.697621415361164, 7.683421196062599, 4.06898981839711, 0.3567271874552811, 0.0, 0.0, 0.0, -0.0013990241651590145, 2.9475147891527724, -9.15095847217987],
    ];
    private static readonly double[] B853 = [0.054293734116568765, 0.0, 0.0, 0.0, 0.0, 4.450312892752409, 1.8915178993145003, -5.801203960010585, 0.3111643669578199, -0.1521609496625161, 0.20136540080403034, 0.04471061572777259];
    private static readonly double[] E3_853 = [-0.18980075407240762, 0.0, 0.0, 0.0, 0.0, 4.450312892752409, 1.8915178993145003, -5.801203960010585, -0.4226823213237919, -0.1521609496625161, 0.20136540080403034, 0.02265179219836082, 0.0];
    private static readonly double[] E5_853 = [0.01312004499419488, 0.0, 0.0, 0.0, 0.0, -1.2251564463762044, -0.4957589496572502, 1.6643771824549864, -0.35032884874997366, 0.3341791187130175, 0.08192320648511571, -0.022355307863886294, 0.0];
    private static readonly double[][] D853 =
    [
        [-8.428938276109013, 0.0, 0.0, 0.0, 0.0, 0.5667149535193777, -3.0689499459498917, 2.38466765651207, 2.117034582445028, -0.871391583777973, 2.2404374302607883, 0.6315787787694688, -0.08899033645133331, 18.148505520854727, -9.194632392478356, -4.436036387594894],
        [10.427508642579134, 0.0, 0.0, 0.0, 0.0, 242.28349177525817, 165.20045171727028, -374.5467547226902, -22.113666853125306, 7.733432668472264, -30.674084731089398, -9.332130526430229, 15.697238121770845, -31.139403219565178, -9.35292435884448, 35.81684148639408],
        [19.985053242002433, 0.0, 0.0, 0.0, 0.0, -387.0373087493518, -189.17813819516758, 527.8081592054236, -11.57390253995963, 6.8812326946963, -1.0006050966910838, 0.7777137798053443, -2.778205752353508, -60.19669523126412, 84.32040550667716, 11.99229113618279],
        [-25.69393346270375, 0.0, 0.0, 0.0, 0.0, -154.18974869023643, -231.5293791760455, 357.6391179106141, 93.40532418362432, -37.45832313645163, 104.0996495089623, 29.8402934266605, -43.53345659001114, 96.32455395918828, -39.17726167561544, -149.72683625798564],
    ];
}
