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
        var dev = sigma.Zip(printedSigma, (x, y) => Math.Abs(x - y)).Max();
        ctx.Source("passive state sigma_rho (populations of |1>..|5>)", "Rev Fig. 2", "0.4, 0.3, 0.2, 0.1, 0",
            string.Join(", ", sigma.Select(x => ReproduceContext.F(x))),
            $"max |difference| {ReproduceContext.F(dev, "G2")}; sigma_rho is diagonal in H0's eigenbasis",
            Test.Equal("max |sigma - printed sigma|", dev, 0, 1e-15), Test.Equal("levels of sigma", sigma.Length, 5, 0),
            Test.Equal("max |off-diagonal of sigma|", Offdiagonal(r.PassiveState.ToMatrix()), 0, 0));

        // by hand: populations {0.1, 0.2, 0, 0.3, 0.4} on levels {-2, -1, 0, 1, 2} Lz; the passive state puts them in decreasing order on increasing levels
        double[] levels = [-2 * lz, -lz, 0, lz, 2 * lz];
        double[] populations = [0.1, 0.2, 0, 0.3, 0.4];
        var handEnergy = populations.Zip(levels, (x, e) => x * e).Sum();
        var handPassive = populations.OrderDescending().Zip(levels, (x, e) => x * e).Sum();
        var handW = handEnergy - handPassive;
        const double printedW = 1.8;
        if (Math.Abs(handW - printedW) <= 1e-9)
            ctx.Compare("ergotropy W_max (units of Lz)", "Rev Fig. 2", printedW, r.Value, 1e-9);
        else
            ctx.SourceDiffers("ergotropy W_max (units of Lz)", "Rev Fig. 2", "1.8 Lz", $"{ReproduceContext.F(r.Value, "G10")} Lz",
                $"by hand from the caption's rho and sigma_rho: tr[rho H0] = {ReproduceContext.F(handEnergy, "G10")} Lz, tr[sigma_rho H0] = {ReproduceContext.F(handPassive, "G10")} Lz, so W_max = {ReproduceContext.F(handW, "G10")} Lz; the caption's 1.8 Lz does not follow from its own rho and sigma_rho (the entropy bound of eq. 8 for this state is {ReproduceContext.F(bound.Bound, "G4")} Lz)",
                Test.Equal("W_max against the hand value", r.Value, handW, 1e-12));

        // the caption's unitary U = |1><5| + |2><4| + |5><3| + |3><2| + |4><1| (0-based: |0><4| + |1><3| + |4><2| + |2><1| + |3><0|)
        (int To, int From)[] terms = [(0, 4), (1, 3), (4, 2), (2, 1), (3, 0)];
        var printedSigmaState = DensityMatrix.Diagonal(printedSigma);
        var residual = MapResidual(rho, printedSigmaState, terms, new double[5]);
        ctx.Source("the caption's U = |1><5| + |2><4| + |5><3| + |3><2| + |4><1| maps rho to sigma_rho", "Rev Fig. 2", "U rho U^dag = sigma_rho",
            $"max |U rho U^dag - sigma_rho| = {ReproduceContext.F(residual, "G2")}", "sigma_rho as printed in the caption",
            Test.Equal("max |U rho U^dag - sigma_rho|", residual, 0, 1e-15));

        var rng = new RandomMatrices(2);
        double worst = 0;
        const int phaseSets = 50;
        for (var t = 0; t < phaseSets; t++)
        {
            var phases = Enumerable.Range(0, 5).Select(_ => 2 * Math.PI * rng.Uniform()).ToArray();
            worst = Math.Max(worst, MapResidual(rho, printedSigmaState, terms, phases));
        }
        ctx.ClosedForm("U is not unique: any relative phase on each term |i><j| works", "Rev Fig. 2", "arbitrary phases",
            $"max |U rho U^dag - sigma_rho| = {ReproduceContext.F(worst, "G2")} over {phaseSets} random phase sets", "seed 2; rho is diagonal, so the phases cancel in U rho U^dag",
            Test.Equal("max |U rho U^dag - sigma_rho| over random phases", worst, 0, 1e-15));
        ctx.Consistency("QBatt's optimal unitary U = sum_j |e_j><r_j| maps rho to its passive state", "R2", "U rho U^dag = sigma_rho",
            $"max |U rho U^dag - sigma_rho| = {ReproduceContext.F(r.UnitaryResidual, "G2")}", "the library's own residual",
            Test.Equal("UnitaryResidual", r.UnitaryResidual, 0, 1e-15));

        const double lz2 = 2.5;
        var scaled = Ergotropy.Compute(rho, Qudit.Hamiltonian([-2 * lz2, -lz2, 0, lz2, 2 * lz2])).Value;
        ctx.ClosedForm("W_max is proportional to Lz", "Rev Fig. 2", "W_max = c Lz", $"W(Lz = {ReproduceContext.F(lz2)}) = {ReproduceContext.F(scaled, "G10")}",
            $"hand value {ReproduceContext.F(handW, "G10")} Lz times {ReproduceContext.F(lz2)}",
            Test.Equal("W(Lz = 2.5)", scaled, lz2 * handW, 1e-13));
        ctx.Computed("entropy bound tr[rho H0] - tr[omega_b H0] for this state (eq. 8)", "Rev eq. 8 (R3)",
            $"{ReproduceContext.F(bound.Bound, "G10")} Lz at beta_bar = {ReproduceContext.F(bound.Beta, "G10")} / Lz", $"an upper bound on W_max: bound - W_max = {ReproduceContext.F(bound.Bound - r.Value, "G4")} Lz");
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
