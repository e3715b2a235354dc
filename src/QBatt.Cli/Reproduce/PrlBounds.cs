using System.Globalization;
using QBatt.Batteries;
using QBatt.Charging;
using QBatt.Studies;

namespace QBatt.Cli.Reproduce;

/// <summary>
/// PRL Theorems 1-2 and Rev eq (22), Fig. 6 (R11): the bounds gamma k and gamma [k^2 (m-1) + k] with
/// gamma = pi/2 for ground to fully excited, and the achievable block example below them.
/// </summary>
internal sealed class PrlBounds : IReproduction
{
    public string Id => "prl-bounds";

    public string Title => "PRL Theorems 1-2, Rev eq 22 and Fig. 6: bounds on Gamma_C0 for k-local charging";

    public void Run(ReproduceContext ctx)
    {
        foreach (var k in new[] { 2, 3, 4 })
            ctx.Computed($"Theorem 1 bound gamma k, k = {k}", "PRL Theorem 1 (gamma = pi/2)", ReproduceContext.F(KLocalBounds.Theorem1(k), "G10"));
        var fig6 = KLocalBounds.Theorem2(2, 8);
        ctx.Computed("Theorem 2 bound gamma [k^2 (m-1) + k] for the 2-d lattice of Rev Fig. 6 (k = 2, m = 8)", "Rev eq. (22), Fig. 6 (no value printed)",
            ReproduceContext.F(fig6, "G10"), "= 15 pi: the bound does not grow with the number of cells n");
        ctx.Check("Theorem 2 reduces to Theorem 1 without overlaps (m = 1)", "PRL Theorems 1-2", "gamma k",
            ReproduceContext.F(KLocalBounds.Theorem2(3, 1), "G10"), Math.Abs(KLocalBounds.Theorem2(3, 1) - KLocalBounds.Theorem1(3)) <= 1e-14);
        // the achievable example sits below the bound: Gamma_C0 = k < (pi/2) k
        var reference = QuditArrayBattery.CellFlip(2).Run();
        var achieved = new List<string>();
        var below = true;
        foreach (var (n, k) in new[] { (4, 2), (6, 3), (4, 4) })
        {
            var g = Advantage.Compare(QuditArrayBattery.Blocks(2, n, k).Run(), reference, n, ChargingConstraint.OperatorNorm).Gamma;
            achieved.Add(string.Create(CultureInfo.InvariantCulture, $"k = {k}: {g:G6} < {KLocalBounds.Theorem1(k):G6}"));
            below &= g < KLocalBounds.Theorem1(k);
        }
        ctx.Check("the block example stays below gamma k (strict inequality, not tight by a constant factor)", "PRL after Theorem 1", "Gamma_C0 = k < (pi/2) k",
            string.Join("; ", achieved), below, "qubits, N = 4, 6, 4");
    }
}
