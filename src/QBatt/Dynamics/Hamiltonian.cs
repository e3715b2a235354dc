using QBatt.Quantum;

namespace QBatt.Dynamics;

/// <summary>One drive term f(t) H_k of a <see cref="Hamiltonian"/>.</summary>
/// <param name="Operator">The Hermitian operator H_k.</param>
/// <param name="Coefficient">Its real time-dependent coefficient f(t).</param>
public sealed record DriveTerm(Operator Operator, TimeFunction Coefficient);

/// <summary>
/// A Hamiltonian H(t) = H_0 + sum_k f_k(t) H_k (R6: the battery Hamiltonian plus the charging field
/// V(t)), with Hermitian operators on one space and real coefficient functions. Time-independent,
/// piecewise-constant and smooth drives are all written this way; the solvers read the coefficient
/// functions' breakpoints and constant intervals to pick a propagator per time interval. Immutable.
/// </summary>
public sealed class Hamiltonian
{
    private readonly DriveTerm[] _drives;

    /// <summary>The time-independent Hamiltonian <paramref name="constant"/> (checked Hermitian to <paramref name="hermitianTolerance"/>).</summary>
    public Hamiltonian(Operator constant, double hermitianTolerance = 1e-10) : this(constant, [], hermitianTolerance)
    {
    }

    /// <summary>H(t) = constant + sum of the drive terms; every operator is checked Hermitian and on the same dims.</summary>
    public Hamiltonian(Operator constant, IEnumerable<DriveTerm> drives, double hermitianTolerance = 1e-10)
    {
        ArgumentNullException.ThrowIfNull(constant);
        ArgumentNullException.ThrowIfNull(drives);
        Guard.NonNegative(hermitianTolerance, "Hamiltonian", "hermitianTolerance");
        constant.RequireHermitian("Hamiltonian", "h0", hermitianTolerance);
        _drives = [.. drives];
        for (var k = 0; k < _drives.Length; k++)
        {
            var d = _drives[k] ?? throw new ArgumentNullException(nameof(drives), $"drive term {k} is null");
            ArgumentNullException.ThrowIfNull(d.Operator);
            ArgumentNullException.ThrowIfNull(d.Coefficient);
            constant.Dims.RequireSame(d.Operator.Dims, "Hamiltonian", $"drives[{k}]");
            d.Operator.RequireHermitian("Hamiltonian", $"drives[{k}]", hermitianTolerance);
        }
        Constant = constant;
        HermitianTolerance = hermitianTolerance;
    }

    /// <summary>A time-independent Hamiltonian.</summary>
    public static Hamiltonian FromOperator(Operator h) => new(h);

    /// <summary>A time-independent Hamiltonian.</summary>
    public static implicit operator Hamiltonian(Operator h) => new(h);

    /// <summary>The time-independent part H_0.</summary>
    public Operator Constant { get; }

    /// <summary>The drive terms f_k(t) H_k.</summary>
    public IReadOnlyList<DriveTerm> Drives => _drives;

    /// <summary>The tolerance the operators were checked Hermitian with.</summary>
    public double HermitianTolerance { get; }

    /// <summary>Subsystem dimensions.</summary>
    public Dims Dims => Constant.Dims;

    /// <summary>Dimension of the space.</summary>
    public int Dimension => Constant.Dimension;

    /// <summary>True when every coefficient is constant for all times.</summary>
    public bool IsTimeIndependent => _drives.All(d => d.Coefficient.IsConstantOn(double.NegativeInfinity, double.PositiveInfinity));

    /// <summary>A new Hamiltonian with one more drive term f(t) H_k.</summary>
    public Hamiltonian WithDrive(Operator operatorK, TimeFunction coefficient) =>
        new(Constant, [.. _drives, new DriveTerm(operatorK, coefficient)], HermitianTolerance);

    /// <summary>H(t) as one operator.</summary>
    public Operator At(double t)
    {
        var h = Constant;
        foreach (var d in _drives)
        {
            var f = d.Coefficient.Value(t);
            if (f != 0) h += f * d.Operator;
        }
        return h;
    }

    /// <summary>True when H is constant on [a, b].</summary>
    public bool IsConstantOn(double a, double b) => _drives.All(d => d.Coefficient.IsConstantOn(a, b));

    /// <summary>Sorted distinct breakpoints of the coefficient functions strictly inside (a, b).</summary>
    public double[] BreakpointsBetween(double a, double b) =>
        [.. _drives.SelectMany(d => d.Coefficient.Breakpoints).Where(t => t > a && t < b).Distinct().Order()];
}
