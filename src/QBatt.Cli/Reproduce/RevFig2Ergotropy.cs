using System.Numerics;
using QBatt.Dynamics;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Cli.Reproduce;

/// <summary>
/// Rev Fig. 2 (R2): a 5-level cell H0 = Lz sum_l (l - 3)|l&gt;&lt;l| in rho = 0.1|1&gt; + 0.2|2&gt; + 0.3|4&gt; + 0.4|5&gt;,
/// its passive state, its ergotropy and the caption's extraction unitary (levels 1..5 of the text are 0..4 in code).
/// </summary>
internal sealed class RevFig2Ergotropy : IReproduction
{
    public string Id => "rev-fig2";

    public string Title => "Rev Fig. 2: ergotropy and passive state of a 5-level cell";

    public void Run(ReproduceContext ctx)
    {
        const double lz = 1;
        var h = Qudit.Hamiltonian([-2 * lz, -lz, 0, lz, 2 * lz]);
        var rho = DensityMatrix.Diagonal([0.1, 0.2, 0, 0.3, 0.4]);
        var r = Ergotropy.Compute(rho, h);
        var bound = EntropyBound.Compute(rho, h);

        double[] printedSigma = [0.4, 0.3, 0.2, 0.1, 0];
        var sigma = r.PassiveState.Populations();
        var dev = sigma.Zip(printedSigma, (a, b) => Math.Abs(a - b)).Max();
        ctx.Check("passive state sigma_rho (populations of |1>..|5>)", "Rev Fig. 2", "0.4, 0.3, 0.2, 0.1, 0",
            string.Join(", ", sigma.Select(x => ReproduceContext.F(x))), dev <= 1e-15 && r.PassiveState.Populations().Length == 5 && Offdiagonal(r.PassiveState.ToMatrix()) == 0,
            $"max |difference| {ReproduceContext.F(dev, "G2")}; sigma_rho is diagonal in H0's eigenbasis");

        const double printedW = 1.8;
        if (Math.Abs(r.Value - printedW) <= 1e-9)
            ctx.Compare("ergotropy W_max (units of Lz)", "Rev Fig. 2", printedW, r.Value, 1e-9);
        else
            ctx.SourceDiffers("ergotropy W_max (units of Lz)", "Rev Fig. 2", "1.8 Lz", $"{ReproduceContext.F(r.Value, "G10")} Lz",
                $"tr[rho H0] = {ReproduceContext.F(r.Energy, "G10")} Lz and tr[sigma_rho H0] = {ReproduceContext.F(r.PassiveEnergy, "G10")} Lz, so W_max = {ReproduceContext.F(r.Value, "G10")} Lz; the caption's 1.8 Lz does not follow from its own rho and sigma_rho (it is close to the entropy bound of eq. 8 for this state, {ReproduceContext.F(bound.Bound, "G4")} Lz)");

        // the caption's unitary U = |1><5| + |2><4| + |5><3| + |3><2| + |4><1| (0-based: |0><4| + |1><3| + |4><2| + |2><1| + |3><0|)
        (int To, int From)[] terms = [(0, 4), (1, 3), (4, 2), (2, 1), (3, 0)];
        var residual = MapResidual(rho, r.PassiveState, terms, new double[5]);
        ctx.Check("the caption's U = |1><5| + |2><4| + |5><3| + |3><2| + |4><1| maps rho to sigma_rho", "Rev Fig. 2", "U rho U^dag = sigma_rho",
            $"max |U rho U^dag - sigma_rho| = {ReproduceContext.F(residual, "G2")}", residual <= 1e-15);

        var rng = new RandomMatrices(2);
        double worst = 0;
        for (var t = 0; t < 50; t++)
        {
            var phases = Enumerable.Range(0, 5).Select(_ => 2 * Math.PI * rng.Uniform()).ToArray();
            worst = Math.Max(worst, MapResidual(rho, r.PassiveState, terms, phases));
        }
        ctx.Check("U is not unique: any relative phase on each term |i><j| works", "Rev Fig. 2", "arbitrary phases",
            $"max |U rho U^dag - sigma_rho| = {ReproduceContext.F(worst, "G2")} over 50 random phase sets", worst <= 1e-15, "seed 2");
        ctx.Check("QBatt's optimal unitary U = sum_j |e_j><r_j| is verified", "R2", "U rho U^dag = sigma_rho",
            $"max |U rho U^dag - sigma_rho| = {ReproduceContext.F(r.UnitaryResidual, "G2")}", r.UnitaryResidual <= 1e-15);

        var scaled = Ergotropy.Compute(rho, Qudit.Hamiltonian([-5.0, -2.5, 0, 2.5, 5.0])).Value;
        ctx.Check("W_max is proportional to Lz", "Rev Fig. 2", "W_max = c Lz", $"W(Lz = 2.5) / 2.5 = {ReproduceContext.F(scaled / 2.5, "G10")}, W(Lz = 1) = {ReproduceContext.F(r.Value, "G10")}",
            Math.Abs(scaled / 2.5 - r.Value) <= 1e-14);
        ctx.Computed("entropy bound tr[rho H0] - tr[omega_b H0] for this state (eq. 8)", "Rev eq. 8 (R3)",
            $"{ReproduceContext.F(bound.Bound, "G10")} Lz at beta_bar = {ReproduceContext.F(bound.Beta, "G10")} / Lz", "an upper bound on W_max; W_max < bound since d > 2");
    }

    private static double Offdiagonal(ComplexMatrix m)
    {
        double s = 0;
        for (var j = 0; j < m.Cols; j++)
            for (var i = 0; i < m.Rows; i++)
                if (i != j) s = Math.Max(s, m[i, j].Magnitude);
        return s;
    }

    private static double MapResidual(DensityMatrix rho, DensityMatrix sigma, (int To, int From)[] terms, double[] phases)
    {
        var u = new ComplexMatrix(5, 5);
        for (var k = 0; k < terms.Length; k++) u[terms[k].To, terms[k].From] = Complex.FromPolarCoordinates(1, phases[k]);
        return ComplexMatrix.MaxAbsDifference(rho.Transform(u).ToMatrix(), sigma.ToMatrix());
    }
}
