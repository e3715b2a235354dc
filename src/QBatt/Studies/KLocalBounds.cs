namespace QBatt.Studies;

/// <summary>
/// Upper bounds on the quantum advantage under the operator-norm constraint C0 for k-local
/// charging (R11; PRL Theorems 1-2, Rev eq 22).
/// </summary>
public static class KLocalBounds
{
    /// <summary>gamma = pi/2: the constant of Theorems 1-2 for charging from the ground to the fully excited state.</summary>
    public const double GroundToExcitedGamma = Math.PI / 2;

    /// <summary>
    /// Theorem 1 (circuit model, interaction order at most k): Gamma_C0 &lt; gamma k. Conjecture 1
    /// states the same bound for any time-dependent k-body Hamiltonian.
    /// </summary>
    public static double Theorem1(int k, double gamma = GroundToExcitedGamma)
    {
        Check(k, gamma, "KLocalBounds.Theorem1");
        return gamma * k;
    }

    /// <summary>
    /// Theorem 2 / Rev eq 22 (time-dependent k-body Hamiltonians, participation number m):
    /// Gamma_C0 &lt; gamma [k^2 (m - 1) + k]. Rev Fig. 6 (square lattice, nearest and next-nearest
    /// neighbours): k = 2, m = 8.
    /// </summary>
    public static double Theorem2(int k, int m, double gamma = GroundToExcitedGamma)
    {
        Check(k, gamma, "KLocalBounds.Theorem2");
        Guard.AtLeast(m, 1, "KLocalBounds.Theorem2", "m");
        return gamma * ((double)k * k * (m - 1) + k);
    }

    private static void Check(int k, double gamma, string op)
    {
        Guard.AtLeast(k, 1, op, "k");
        Guard.Positive(gamma, op, "gamma");
    }
}
