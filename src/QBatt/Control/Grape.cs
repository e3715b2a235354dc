using System.Numerics;
using QBatt.Charging;
using QBatt.Numerics;

namespace QBatt.Control;

/// <summary>
/// The GRAPE objective of a <see cref="ControlProblem"/> with its exact gradient (R17; Khaneja et al., J. Magn. Reson. 172, 296
/// (2005)). Slice j propagates with U_j = exp(-i H_j dt), H_j = H_d + sum_k u_kj H_k = V diag(lambda) V^dag, and the derivative of
/// the exponential is the Daleckii-Krein formula dU_j/du_kj = V (G o (V^dag H_k V)) V^dag with G_ab = (e_a - e_b)/(lambda_a -
/// lambda_b), e_a = exp(-i lambda_a dt) (G_aa = -i dt e_a), evaluated stably as -i dt e_a phi(-i (lambda_b - lambda_a) dt),
/// phi(z) = (e^z - 1)/z. The work W = &lt;psi_M|H0|psi_M&gt; - &lt;psi_0|H0|psi_0&gt; has dW/du_kj = 2 Re &lt;chi_j|dU_j/du_kj|psi_j-1&gt;
/// with the costate chi_j = U_j+1^dag ... U_M^dag H0 psi_M propagated backwards (adjoint). The C0 functional
/// T C0 = dt sum_j ||H_j||_op has d||H_j||/du_kj = sign(lambda*) &lt;v*|H_k|v*&gt; for the eigenvalue lambda* of largest modulus
/// (Hellmann-Feynman; exact where that eigenvalue is simple). The state-dependent budgets are exact sums too, because H_j is constant
/// on its slice and conserves its own moments there: T C1 = dt sum_j Delta H_j(psi_j-1) and T C2 = dt sum_j (&lt;H_j&gt;_psi_j-1 -
/// lambda_min(H_j)) (R9, PRL eqs 2, 3). Their gradients have a direct part (d Delta H_j/du_kj = (Re &lt;H_j psi|H_k psi&gt; - &lt;H_j&gt;
/// &lt;H_k&gt;)/Delta H_j; d(&lt;H_j&gt; - lambda_min)/du_kj = &lt;H_k&gt;_psi - &lt;v_min|H_k|v_min&gt;) and a part through the later states,
/// carried by the same adjoint: the costate picks up g_j = (H_j^2 - 2 &lt;H_j&gt; H_j) psi_j-1 / (2 Delta H_j) (C1) or H_j psi_j-1 (C2)
/// as it passes the start of slice j. Controls are laid out u[k M + j].
/// </summary>
internal sealed class Grape
{
    private readonly int _n;
    private readonly int _m;
    private readonly int _k;
    private readonly double _dt;
    private readonly double _duration;
    private readonly Complex[] _drift;
    private readonly Complex[][] _controls;
    private readonly Complex[] _battery;
    private readonly Complex[] _psi0;
    private readonly double _e0;
    private readonly ControlObjective _objective;
    private readonly double? _budget;
    private readonly ChargingConstraint _constraint;
    private readonly double[] _f;
    private readonly double[] _mean;
    private readonly ILinearAlgebraBackend _backend;
    private readonly Complex[][] _vectors;
    private readonly double[][] _values;
    private readonly Complex[][] _states;

    /// <summary>The objective of <paramref name="problem"/>; with <paramref name="budget"/> the power at the C0 budget B.</summary>
    public Grape(ControlProblem problem, double? budget, ILinearAlgebraBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        _n = problem.Dims.Total;
        _m = problem.Slices;
        _k = problem.Controls.Count;
        _dt = problem.SliceLength;
        _duration = problem.Duration;
        MaxAmplitude = problem.MaxAmplitude;
        _drift = Dense(problem.Drift);
        _controls = [.. problem.Controls.Select(c => Dense(c.Operator))];
        _battery = Dense(problem.Battery);
        _psi0 = problem.Initial.ToArray();
        _e0 = Expectation(_battery, _psi0);
        _objective = problem.Objective;
        _budget = budget;
        _constraint = problem.Constraint ?? ChargingConstraint.OperatorNorm;
        _f = new double[_m];
        _mean = new double[_m];
        _backend = backend ?? LinearAlgebra.Default;
        _vectors = new Complex[_m][];
        _values = new double[_m][];
        _states = new Complex[_m + 1][];
        for (var j = 0; j < _m; j++) { _vectors[j] = new Complex[_n * _n]; _values[j] = new double[_n]; }
        for (var j = 0; j <= _m; j++) _states[j] = new Complex[_n];
    }

    /// <summary>Bytes this objective holds for a problem of dimension n with M slices and K controls.</summary>
    public static double Bytes(long n, int slices, int controls) => 16.0 * n * n * (slices + controls + 6) + 16.0 * n * (slices + 4) + 8.0 * n * slices;

    /// <summary>Number of parameters K M.</summary>
    public int Parameters => _k * _m;

    /// <summary>The amplitude bound u_max of the problem.</summary>
    public double MaxAmplitude { get; }

    /// <summary>W(T) at the last evaluated point.</summary>
    public double Work { get; private set; }

    /// <summary>T times the problem's budget functional (C0 without a constraint) at the last evaluated point: dt sum_j of ||H_j||_op, Delta H_j or &lt;H_j&gt; - lambda_min(H_j).</summary>
    public double NormIntegral { get; private set; }

    /// <summary>The objective at <paramref name="u"/>, and its gradient when <paramref name="gradient"/> is not empty.</summary>
    public double Evaluate(ReadOnlySpan<double> u, Span<double> gradient)
    {
        if (u.Length != Parameters) throw new DimensionMismatchException("Grape.Evaluate", "u", $"{Parameters} amplitudes", $"{u.Length}");
        var n = _n;
        var h = new Complex[n * n];
        var tmp = new Complex[n];
        Array.Copy(_psi0, _states[0], n);
        double normSum = 0;
        for (var j = 0; j < _m; j++)
        {
            Array.Copy(_drift, h, h.Length);
            for (var k = 0; k < _k; k++)
            {
                var a = u[k * _m + j];
                if (a == 0) continue;
                var c = _controls[k];
                for (var i = 0; i < h.Length; i++) h[i] += a * c[i];
            }
            var v = _vectors[j];
            Array.Copy(h, v, h.Length);
            _backend.HermitianEigen(n, v, _values[j], true);
            var w = _values[j];
            // psi_j+1 = V exp(-i lambda dt) V^dag psi_j
            AdjointApply(v, _states[j], tmp);
            double mean = 0, square = 0;
            for (var a = 0; a < n; a++) { var pa = tmp[a].Real * tmp[a].Real + tmp[a].Imaginary * tmp[a].Imaginary; mean += w[a] * pa; square += w[a] * w[a] * pa; }
            _mean[j] = mean;
            _f[j] = _constraint switch
            {
                ChargingConstraint.EnergySpread => Math.Sqrt(Math.Max(0, square - mean * mean)),
                ChargingConstraint.EnergyAboveGround => mean - w[0],
                _ => Math.Max(Math.Abs(w[0]), Math.Abs(w[n - 1])),
            };
            normSum += _f[j];
            for (var a = 0; a < n; a++) tmp[a] *= Complex.FromPolarCoordinates(1, -w[a] * _dt);
            Apply(v, tmp, _states[j + 1]);
        }
        var psiM = _states[_m];
        var work = Expectation(_battery, psiM) - _e0;
        var normIntegral = _dt * normSum;
        Work = work;
        NormIntegral = normIntegral;
        double value = _budget is { } budgetB ? budgetB * work / normIntegral : _objective == ControlObjective.Power ? work / _duration : work;
        if (gradient.IsEmpty) return value;

        // d/dW and d/d(norm integral) of the objective
        double dW, dN;
        if (_budget is { } bb) { dW = bb / normIntegral; dN = -bb * work / (normIntegral * normIntegral); }
        else { dW = _objective == ControlObjective.Power ? 1 / _duration : 1; dN = 0; }

        // the costate carries dW times H0 psi_M and, as it passes the start of each slice, dN dt times the gradient of that slice's term
        var chi = new Complex[n];
        Multiply(_battery, psiM, chi);
        for (var i = 0; i < n; i++) chi[i] *= dW;
        var hpsi = new Complex[n];
        var kpsi = new Complex[n];
        var x = new Complex[n];
        var y = new Complex[n];
        var q = new Complex[n * n];
        var t1 = new Complex[n * n];
        var s = new Complex[n * n];
        var star = new Complex[n];
        for (var j = _m - 1; j >= 0; j--)
        {
            var v = _vectors[j];
            var w = _values[j];
            AdjointApply(v, chi, x);
            AdjointApply(v, _states[j], y);
            // Q_ab = conj(x_a) G_ab y_b; S = V Q^T V^dag; dW/du_kj = 2 Re tr(H_k S)
            for (var b = 0; b < n; b++)
            {
                for (var a = 0; a < n; a++)
                {
                    var ea = Complex.FromPolarCoordinates(1, -w[a] * _dt);
                    var g = new Complex(0, -_dt) * ea * Phi(new Complex(0, -(w[b] - w[a]) * _dt));
                    q[a + b * n] = Complex.Conjugate(x[a]) * g * y[b];
                }
            }
            _backend.Gemm(Op.None, Op.Transpose, n, n, n, Complex.One, v, q, Complex.Zero, t1);
            _backend.Gemm(Op.None, Op.Adjoint, n, n, n, Complex.One, t1, v, Complex.Zero, s);
            var top = Math.Abs(w[n - 1]) >= Math.Abs(w[0]) ? n - 1 : 0;
            var sign = Math.Sign(w[top]);
            var f = _f[j];
            var mean = _mean[j];
            if (_constraint == ChargingConstraint.EnergyAboveGround) { top = 0; sign = 1; }
            for (var i = 0; i < n; i++) star[i] = v[i + top * n];
            if (_constraint == ChargingConstraint.EnergySpread)
            {
                for (var a = 0; a < n; a++) hpsi[a] = w[a] * y[a];
                Apply(v, hpsi, kpsi);
                Array.Copy(kpsi, hpsi, n);
            }
            for (var k = 0; k < _k; k++)
            {
                var c = _controls[k];
                var tr = Complex.Zero;
                for (var col = 0; col < n; col++)
                    for (var row = 0; row < n; row++)
                        tr += c[row + col * n] * s[col + row * n];
                var g = 2 * tr.Real;
                if (dN != 0)
                {
                    switch (_constraint)
                    {
                        case ChargingConstraint.EnergySpread when f > 0:
                            Multiply(c, _states[j], kpsi);
                            var cross = Complex.Zero;
                            for (var i = 0; i < n; i++) cross += Complex.Conjugate(hpsi[i]) * kpsi[i];
                            g += dN * _dt * (cross.Real - mean * Expectation(c, _states[j])) / f;
                            break;
                        case ChargingConstraint.EnergyAboveGround:
                            g += dN * _dt * (Expectation(c, _states[j]) - Expectation(c, star));
                            break;
                        case ChargingConstraint.OperatorNorm when sign != 0:
                            g += dN * _dt * sign * Expectation(c, star);
                            break;
                    }
                }
                gradient[k * _m + j] = g;
            }
            // chi_j-1 = U_j^dag chi_j = V exp(+i lambda dt) x, plus the gradient of slice j's budget term in psi_j-1
            for (var a = 0; a < n; a++) x[a] *= Complex.FromPolarCoordinates(1, w[a] * _dt);
            if (dN != 0 && _constraint == ChargingConstraint.EnergySpread && f > 0)
                for (var a = 0; a < n; a++) x[a] += dN * _dt * (w[a] * w[a] - 2 * mean * w[a]) / (2 * f) * y[a];
            else if (dN != 0 && _constraint == ChargingConstraint.EnergyAboveGround)
                for (var a = 0; a < n; a++) x[a] += dN * _dt * w[a] * y[a];
            Apply(v, x, chi);
        }
        return value;
    }

    /// <summary>(e^z - 1)/z, by its series near 0.</summary>
    private static Complex Phi(Complex z) => Complex.Abs(z) < 1e-4 ? 1 + z / 2 + z * z / 6 + z * z * z / 24 : (Complex.Exp(z) - 1) / z;

    private static Complex[] Dense(Quantum.Operator op) => op.ToDense().ReadOnlySpan.ToArray();

    private void Apply(Complex[] v, Complex[] x, Complex[] y)
    {
        var n = _n;
        Array.Clear(y);
        for (var col = 0; col < n; col++)
        {
            var xc = x[col];
            if (xc == Complex.Zero) continue;
            for (var row = 0; row < n; row++) y[row] += v[row + col * n] * xc;
        }
    }

    private void AdjointApply(Complex[] v, Complex[] x, Complex[] y)
    {
        var n = _n;
        for (var col = 0; col < n; col++)
        {
            var sum = Complex.Zero;
            for (var row = 0; row < n; row++) sum += Complex.Conjugate(v[row + col * n]) * x[row];
            y[col] = sum;
        }
    }

    private void Multiply(Complex[] a, Complex[] x, Complex[] y) => Apply(a, x, y);

    private double Expectation(Complex[] a, Complex[] psi)
    {
        var n = psi.Length;
        var sum = Complex.Zero;
        for (var col = 0; col < n; col++)
        {
            var pc = psi[col];
            if (pc == Complex.Zero) continue;
            for (var row = 0; row < n; row++) sum += Complex.Conjugate(psi[row]) * a[row + col * n] * pc;
        }
        return sum.Real;
    }
}
