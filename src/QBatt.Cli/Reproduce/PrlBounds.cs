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
        var fig6 = KLocalBounds.Theorem2(2, 8);
        ctx.Computed("Theorem 2 bound gamma [k^2 (m-1) + k] for the 2-d lattice of Rev Fig. 6 (k = 2, m = 8)", "Rev eq. (22), Fig. 6 (no value printed)",
            ReproduceContext.F(fig6, "G10"), $"= {ReproduceContext.F(fig6 / Math.PI, "G10")} pi: the bound does not depend on the number of cells n");
        // the achievable example sits below the bound: Gamma_C0 = k < (pi/2) k, so Gamma_C0 / (gamma k) = 2/pi
        var reference = QuditArrayBattery.CellFlip(2).Run();
        var achieved = new List<string>();
        var ratio = 0.0;
        foreach (var (n, k) in new[] { (4, 2), (6, 3), (4, 4) })
        {
            var g = Advantage.Compare(QuditArrayBattery.Blocks(2, n, k).Run(), reference, n, ChargingConstraint.OperatorNorm).Gamma;
            var bound = Math.PI / 2 * k;
            achieved.Add(string.Create(CultureInfo.InvariantCulture, $"k = {k}: {g:G6} < {bound:G6}"));
            ratio = Math.Max(ratio, g / bound);
        }
        ctx.Source("the block example stays below gamma k (strict inequality, not tight by a constant factor)", "PRL after Theorem 1", "Gamma_C0 = k < (pi/2) k",
            string.Join("; ", achieved) + string.Create(CultureInfo.InvariantCulture, $"; max Gamma_C0 / (gamma k) = {ratio:G6} (2/pi = {2 / Math.PI:G6})"), "qubits, N = 4, 6, 4; gamma k = (pi/2) k written here",
            Test.AtMost("max Gamma_C0 / ((pi/2) k)", ratio, 2 / Math.PI, 1e-7));
    }
}
