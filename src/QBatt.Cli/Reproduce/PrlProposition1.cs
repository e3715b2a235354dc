using System.Globalization;
using QBatt.Batteries;
using QBatt.Charging;
using QBatt.IO.Plot;
using QBatt.IO;
using QBatt.Studies;
using QBatt.Thermodynamics;

namespace QBatt.Cli.Reproduce;

/// <summary>
/// PRL Proposition 1 and Rev Fig. 5 (R10): N qubits charged from exp(-eps I)/Z to exp(+eps I)/Z per
/// cell by H_glob = a sigma_x^(x)N against sigma_x on each cell; Gamma under C0, C1, C2 from the fair
/// comparison on the engine, for N = 1..10 and several eps, with the separability certificates and
/// their PPT cross-check along the trajectory.
/// </summary>
internal sealed class PrlProposition1 : IReproduction
{
    private static readonly ChargingConstraint[] Constraints = [ChargingConstraint.OperatorNorm, ChargingConstraint.EnergySpread, ChargingConstraint.EnergyAboveGround];

    public string Id => "prl-prop1";

    public string Title => "PRL Proposition 1: Gamma_C0 = N, Gamma_C1 = sqrt(N), Gamma_C2 = N from thermal states in the separable ball";

    public void Run(ReproduceContext ctx)
    {
        var rows = new List<IReadOnlyList<object?>>();
        double dev0 = 0, dev1 = 0, dev2 = 0, timeSpread = 0, timeDev = 0;
        int runs = 0, violations = 0;
        var insideBall = new List<string>();
        for (var n = 1; n <= 10; n++)
        {
            var certified = n >= 2 ? SeparableBall.Certify(n, [0, 1]).MaxEps : double.NaN;
            var epsList = n is >= 2 and <= 8 ? new[] { certified, 0.1, 1.0, 3.0 } : [1.0];
            var times = new List<double>();
            foreach (var eps in epsList)
            {
                var reference = QuditArrayBattery.ThermalFlip(eps).Run();
                var unscaled = QuditArrayBattery.ThermalBlocks(n, n, eps).Run();
                var g = Constraints.Select(c => Advantage.Compare(unscaled, reference, n, c)).ToArray();
                dev0 = Math.Max(dev0, Math.Abs(g[0].Gamma - n) / n);
                dev1 = Math.Max(dev1, Math.Abs(g[1].Gamma - Math.Sqrt(n)) / Math.Sqrt(n));
                dev2 = Math.Max(dev2, Math.Abs(g[2].Gamma - n) / n);
                var all = new[] { reference, unscaled }.Concat(g.Select(a => a.Collective)).ToArray();
                runs += all.Length;
                violations += all.Count(x => !x.SpeedLimit.Holds);
                timeDev = Math.Max(timeDev, Math.Max(Math.Abs(unscaled.ChargingTime - Math.PI / 2), Math.Abs(reference.ChargingTime - Math.PI / 2)));
                times.Add(unscaled.ChargingTime);
                times.Add(reference.ChargingTime);
                if (eps == certified)
                    insideBall.Add(string.Create(CultureInfo.InvariantCulture, $"N={n}: {g[0].Gamma:G6}"));
                rows.Add([n, eps, eps <= certified, reference.ChargingTime, unscaled.ChargingTime, unscaled.Work, g[0].Gamma, g[1].Gamma, g[2].Gamma,
                    g[0].CollectiveTime, g[1].CollectiveTime, g[2].CollectiveTime]);
            }
            timeSpread = Math.Max(timeSpread, times.Max() - times.Min());
        }
        ctx.Source("Gamma_C1 = sqrt(N)", "PRL Proposition 1 (R10)", "sqrt(N)", $"max |Gamma_C1 - sqrt(N)| / sqrt(N) = {ReproduceContext.F(dev1, "G2")}",
            "N = 1..10 (eps = 1) and N = 2..8 at eps = certified, 0.1, 1, 3; every time from the evolution", Test.Equal("max |Gamma_C1 - sqrt(N)| / sqrt(N)", dev1, 0, 1e-7));
        ctx.Source("Gamma_C2 = N", "PRL Proposition 1 (R10)", "N", $"max |Gamma_C2 - N| / N = {ReproduceContext.F(dev2, "G2")}", "same runs",
            Test.Equal("max |Gamma_C2 - N| / N", dev2, 0, 1e-7));
        ctx.Source("Gamma_C0 = N", "PRL Proposition 1, eq. (5) (R10)", "N", $"max |Gamma_C0 - N| / N = {ReproduceContext.F(dev0, "G2")}", "same runs, the largest certified eps included",
            Test.Equal("max |Gamma_C0 - N| / N", dev0, 0, 1e-7));
        ctx.ClosedForm("T_par and T_glob do not depend on eps", "PRL after Proposition 1", "independent of eps",
            $"all unscaled times within {ReproduceContext.F(timeSpread, "G2")} of each other; max |T - pi/2| = {ReproduceContext.F(timeDev, "G2")}",
            "closed form pi/(2a) with a = 1 for sigma_x on a cell and sigma_x^(x)N on the block",
            Test.AtMost("spread of the unscaled times", timeSpread, 1e-8), Test.Equal("max |T - pi/2|", timeDev, 0, 1e-8));
        ctx.Consistency("T >= T_QSL on every run", "R8", "holds", $"{violations} violations in {runs} runs", "rigorous T_QSL (Mandelstam-Tamm for mixed states) on the engine's own runs",
            Test.Equal("runs with T < T_QSL", violations, 0, 0));
        ctx.Computed("Gamma_C0 at the largest certified eps (trajectory in the separable ball)", "PRL Proposition 1, Rev Fig. 5", string.Join(", ", insideBall),
            "counted in the Gamma_C0 = N row above");
        ctx.SaveData("prl-prop1.csv", Csv.ToString(["n", "eps", "certified_separable", "t_par", "t_glob_unscaled", "work", "gamma_c0", "gamma_c1", "gamma_c2", "t_coll_c0", "t_coll_c1", "t_coll_c2"], rows));

        // separability certificates and the PPT cross-check along the trajectory
        var ball = new List<IReadOnlyList<object?>>();
        var ns = Enumerable.Range(2, 11).ToArray();
        var certs = ns.Select(n => SeparableBall.Certify(n, [0, 1])).ToArray();
        ctx.Computed("largest certified eps, N = 2..12 (full separability)", "PRL Proposition 1 (R10: exact 1/sqrt(12) at N = 2, Hildebrand for N >= 3)",
            string.Join(", ", certs.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Cells}: {c.MaxEps:G4}"))), "monotone root find of ||rho - I/D||_F = radius");
        var pptNs = Enumerable.Range(2, 5).ToArray();
        var thresholds = new double[pptNs.Length];
        double minPpt = double.PositiveInfinity, drift = 0, margin = double.PositiveInfinity;
        int checkedTimes = 0, cuts = 0;
        for (var i = 0; i < pptNs.Length; i++)
        {
            var n = pptNs[i];
            var check = Proposition1.CheckTrajectory(n, certs[i].MaxEps);
            minPpt = Math.Min(minPpt, check.MinPptEigenvalue);
            drift = Math.Max(drift, check.MaxDistanceDrift);
            thresholds[i] = Proposition1.PptThreshold(n, relativeTolerance: 1e-6);
            margin = Math.Min(margin, thresholds[i] - certs[i].MaxEps);
            checkedTimes = check.StatesChecked;
            cuts = Math.Max(cuts, check.Bipartitions);
        }
        ctx.Source("the trajectory at the certified eps is PPT across every bipartition (N = 2..6)", "PRL Proposition 1 (R10)", "separable, so PPT, throughout",
            string.Create(CultureInfo.InvariantCulture, $"min partial-transpose eigenvalue {minPpt:G4} over {checkedTimes} times in [0, pi/2] and all 2^(N-1) - 1 cuts (up to {cuts}); distance drift {drift:G2}"),
            "PPT is necessary for separability",
            Test.AtLeast("min partial-transpose eigenvalue", minPpt, 0, 1e-12), Test.AtMost("drift of ||rho(t) - I/D||_F", drift, 1e-8));
        ctx.Consistency("certified eps <= largest eps with a PPT trajectory (N = 2..6)", "R10 cross-check", "certificate inside the PPT region",
            string.Join(", ", pptNs.Select((n, i) => string.Create(CultureInfo.InvariantCulture, $"{n}: {certs[i].MaxEps:G4} <= {thresholds[i]:G4}"))),
            "two library routes (ball certificate, PPT root find): PPT is necessary for separability (and sufficient for 2 qubits), so a certificate above the PPT threshold would be wrong",
            Test.AtLeast("min (PPT threshold - certified eps)", margin, 0));
        for (var i = 0; i < ns.Length; i++)
        {
            var c = certs[i];
            var t = i < pptNs.Length ? thresholds[i] : double.NaN;
            ball.Add([c.Cells, c.RadiusBipartite, c.RadiusFull, c.RadiusFullGurvitsBarnum, c.MaxEpsBipartite, c.MaxEpsFull, c.MaxEpsFullGurvitsBarnum, double.IsNaN(t) ? null : t]);
        }
        ctx.SaveData("prl-prop1-ball.csv", Csv.ToString(["n", "radius_bipartite", "radius_full", "radius_full_gurvits_barnum", "max_eps_bipartite", "max_eps_full", "max_eps_full_gurvits_barnum", "ppt_threshold_eps"], ball));

        var plot = new SvgPlot("Proposition 1: ε certified separable along the whole trajectory", "number of qubits N", "ε (dimensionless)");
        plot.Y.Scale = AxisScale.Log10;
        double[] x = [.. ns.Select(n => (double)n)];
        plot.AddLine("full separability (exact N = 2, Hildebrand N >= 3)", x, [.. certs.Select(c => c.MaxEps)], color: SvgPlot.Palette[0]);
        plot.AddLine("older radius √3 · 6^(−N/2)", x, [.. certs.Select(c => c.MaxEpsFullGurvitsBarnum ?? double.NaN)], LineStyle.Dotted, SvgPlot.Palette[2]);
        plot.AddLine("every bipartition (1/√(D(D−1)))", x, [.. certs.Select(c => c.MaxEpsBipartite)], LineStyle.Dashed, SvgPlot.Palette[1]);
        plot.AddScatter("PPT on every cut along the trajectory (largest ε)", [.. pptNs.Select(n => (double)n)], thresholds, MarkerShape.Circle, SvgPlot.Palette[3]);
        ctx.SaveFigure("prl-prop1-separable.svg", plot, "Largest ε for which (e^(−ε H₀)/Z)^⊗N, and so the whole Proposition 1 trajectory, lies in a separable ball (certified region below the lines), and the largest ε for which the sampled trajectory is PPT across every cut (N ≤ 6).");
    }
}
