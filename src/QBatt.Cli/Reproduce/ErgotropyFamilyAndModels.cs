using QBatt.Batteries;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Cli.Reproduce;

/// <summary>
/// Beyond the texts (R18, R19): one headline result of each cited paper that QBatt recomputes, each set against the paper's closed
/// form evaluated in the row: the capacity C = omega |r| of a qubit [Yang23]; the daemonic ergotropy omega max|c_i| / 2 of a
/// Bell-diagonal pair, whose marginal holds none [Fra17]; the ergotropy locked in a Werner state's correlations, p [AGP19]; the
/// vacuum Rabi charging of the Tavis-Cummings battery, t* = x* / (g sqrt N) with x* the root of tan x = 2x [TC68]; and the
/// rotating-wave charging time sqrt 2 x* / (wc g) of one two-photon Dicke cell at resonance [Cre20] (to the counter-rotating
/// corrections, O(g), stated as the tolerance); and the super-extensive growth of the SYK battery's optimal power with N, an
/// exponent above 1 fitted to disorder averages at N = 6, 8, 10 [Ros20].
/// </summary>
internal sealed class ErgotropyFamilyAndModels : IReproduction
{
    public string Id => "family";

    public string Title => "Beyond the texts: the ergotropy family and the battery models of current research: capacity [Yang23], daemonic [Fra17], local [SDG22], observational [SRB23], locked [AGP19], Tavis-Cummings [TC68], two-photon Dicke [Cre20], SYK [Ros20]";

    /// <summary>The root of tan x = 2x in (1, pi/2) by Newton's method.</summary>
    private static double TanRoot()
    {
        var x = 1.16;
        for (var i = 0; i < 50; i++) x -= (Math.Tan(x) - 2 * x) / (1 / (Math.Cos(x) * Math.Cos(x)) - 2);
        return x;
    }

    public void Run(ReproduceContext ctx)
    {
        // [Yang23] capacity of a qubit with Bloch vector r under H0 = omega |1><1|: omega |r|
        const double omega = 1.5;
        double[] r = [0.3, -0.2, 0.5];
        var rho = new ComplexMatrix(2, 2);
        rho[0, 0] = (1 + r[2]) / 2;
        rho[1, 1] = (1 - r[2]) / 2;
        rho[0, 1] = new System.Numerics.Complex(r[0], -r[1]) / 2;
        rho[1, 0] = new System.Numerics.Complex(r[0], r[1]) / 2;
        var capacity = BatteryCapacity.Compute(new DensityMatrix(rho), Qudit.Hamiltonian([0, omega])).Capacity;
        var norm = Math.Sqrt(r.Sum(x => x * x));
        ctx.ClosedForm("Beyond the texts: battery capacity of a qubit with Bloch vector (0.3, -0.2, 0.5), omega = 1.5", "R18; Yang et al. PRL 131, 030402",
            $"omega |r| = {ReproduceContext.F(omega * norm, "G10")}", ReproduceContext.F(capacity, "G10"), "E_max - E_min over the unitary orbit",
            Test.Equal("capacity", capacity, omega * norm, 1e-12));

        // [Fra17] daemonic ergotropy of a Bell-diagonal pair (1 + sum c_i s_i s_i)/4, H_A = omega |1><1|
        double[] c = [0.5, -0.3, 0.2];
        var bell = Operator.Identity(new Dims(2, 2)).ToDense()
            .AddScaled(c[0], Operator.Tensor(Pauli.X, Pauli.X).ToDense())
            .AddScaled(c[1], Operator.Tensor(Pauli.Y, Pauli.Y).ToDense())
            .AddScaled(c[2], Operator.Tensor(Pauli.Z, Pauli.Z).ToDense());
        var daemonic = DaemonicErgotropy.Compute(new DensityMatrix(bell * 0.25, new Dims(2, 2)), Qudit.Hamiltonian([0, omega]), 2, 2);
        var expected = omega * c.Max(Math.Abs) / 2;
        ctx.ClosedForm("Beyond the texts: daemonic ergotropy of a Bell-diagonal pair c = (0.5, -0.3, 0.2), omega = 1.5", "R18; Francica et al. npj QI 3, 12",
            $"omega max|c_i| / 2 = {ReproduceContext.F(expected, "G10")}", ReproduceContext.F(daemonic.Value, "G10"),
            $"W(rho_A) = {ReproduceContext.F(daemonic.Ergotropy, "G3")}: the whole value is the daemonic gain",
            Test.Equal("daemonic ergotropy", daemonic.Value, expected, 1e-9), Test.Equal("W(rho_A)", daemonic.Ergotropy, 0, 1e-12));

        // [SDG22] local ergotropy of qubit A in an interacting pair, for a product state rho_A (x) rho_B with rho_A pure: the energy
        // after U_A is tr(U rho_A U^dag H_eff) with H_eff = tr_B[(1 (x) rho_B) H], so W_A = <psi|H_eff|psi> - lambda_min(H_eff), the
        // 2 x 2 eigenvalue written out here (the library's path is the closed form over SO(3) by Horn's quaternion matrix)
        var pairDims = new Dims(2, 2);
        var heis = 0.5 * (Operator.Tensor(Pauli.Z, Pauli.I) + Operator.Tensor(Pauli.I, Pauli.Z))
            + 0.4 * (Operator.Tensor(Pauli.X, Pauli.X) + Operator.Tensor(Pauli.Y, Pauli.Y) + 0.5 * Operator.Tensor(Pauli.Z, Pauli.Z))
            + 0.3 * Operator.Tensor(Pauli.X, Pauli.Z);
        System.Numerics.Complex[] psi = [Math.Cos(0.3), System.Numerics.Complex.FromPolarCoordinates(Math.Sin(0.3), 0.5)];
        var rhoB = new ComplexMatrix(2, 2);
        rhoB[0, 0] = 0.7;
        rhoB[1, 1] = 0.3;
        rhoB[0, 1] = new System.Numerics.Complex(0.1, 0.2);
        rhoB[1, 0] = new System.Numerics.Complex(0.1, -0.2);
        var hd = heis.ToDense();
        var heff = new ComplexMatrix(2, 2);
        for (var a1 = 0; a1 < 2; a1++)
            for (var a2 = 0; a2 < 2; a2++)
                for (var b1 = 0; b1 < 2; b1++)
                    for (var b2 = 0; b2 < 2; b2++)
                        heff[a1, a2] += hd[2 * a1 + b1, 2 * a2 + b2] * rhoB[b2, b1];
        var mean = (heff[0, 0].Real + heff[1, 1].Real) / 2;
        var half = (heff[0, 0].Real - heff[1, 1].Real) / 2;
        var lowest = mean - Math.Sqrt(half * half + heff[0, 1].Magnitude * heff[0, 1].Magnitude);
        var expectation = (System.Numerics.Complex.Conjugate(psi[0]) * (heff[0, 0] * psi[0] + heff[0, 1] * psi[1])
            + System.Numerics.Complex.Conjugate(psi[1]) * (heff[1, 0] * psi[0] + heff[1, 1] * psi[1])).Real;
        var localExpected = expectation - lowest;
        var product = ComplexMatrix.Kron(ComplexMatrix.Outer(psi, psi), rhoB);
        var local = LocalErgotropy.Compute(new DensityMatrix(product, pairDims), heis, 0);
        ctx.ClosedForm("Beyond the texts: local ergotropy of qubit A of a Heisenberg pair (J = 0.4, Delta = 0.5, 0.3 X Z), A pure, B mixed", "R18; Salvia, De Palma, Giovannetti (2022)",
            $"<psi|H_eff|psi> - lambda_min(H_eff) = {ReproduceContext.F(localExpected, "G10")}", ReproduceContext.F(local.Value, "G10"),
            $"H_eff = tr_B[(1 (x) rho_B) H] for the product state; the global ergotropy {ReproduceContext.F(local.GlobalErgotropy)} bounds it",
            Test.Equal("local ergotropy", local.Value, localExpected, 1e-10), Test.AtMost("local - global", local.Value - local.GlobalErgotropy, 1e-12));

        // [SRB23] observational ergotropy of the same qubit measured along n = (sin 1, 0, cos 1): rho_X has Bloch vector (r.n) n, so
        // W_X = omega (|r.n| - r_z)/2 (written out here), below the ergotropy omega (|r| - r_z)/2
        var basis = new ComplexMatrix(2, 2);
        basis[0, 0] = Math.Cos(0.5);
        basis[1, 0] = Math.Sin(0.5);
        basis[0, 1] = -Math.Sin(0.5);
        basis[1, 1] = Math.Cos(0.5);
        var rn = r[0] * Math.Sin(1) + r[2] * Math.Cos(1);
        var observed = ObservationalErgotropy.Compute(new DensityMatrix(rho), Qudit.Hamiltonian([0, omega]), basis, [1, 1]);
        var observedExpected = omega * (Math.Abs(rn) - r[2]) / 2;
        ctx.ClosedForm("Beyond the texts: observational ergotropy of the qubit measured along n = (sin 1, 0, cos 1)", "R18; Safranek, Rosa, Binder PRL 130, 210401",
            $"omega (|r.n| - r_z)/2 = {ReproduceContext.F(observedExpected, "G10")}", ReproduceContext.F(observed.Value, "G10"),
            $"the coarse-grained estimate has Bloch vector (r.n) n; the ergotropy omega (|r| - r_z)/2 = {ReproduceContext.F(omega * (norm - r[2]) / 2)} bounds it",
            Test.Equal("observational ergotropy", observed.Value, observedExpected, 1e-12), Test.AtMost("W_X - W", observed.Value - omega * (norm - r[2]) / 2, 1e-12));

        // [AGP19] the ergotropy locked in correlations: a Werner state p |Phi+><Phi+| + (1 - p)/4 locks p
        const double p = 0.6;
        var werner = ComplexMatrix.Identity(4) * ((1 - p) / 4);
        werner[0, 0] += p / 2;
        werner[0, 3] += p / 2;
        werner[3, 0] += p / 2;
        werner[3, 3] += p / 2;
        var pair = Dims.Uniform(2, 2);
        var locked = LockedErgotropy.Compute(new DensityMatrix(werner, pair), Operator.Diagonal([0, 1, 1, 2], pair), pair);
        ctx.ClosedForm("Beyond the texts: locked ergotropy (ergotropic gap) of the Werner state p = 0.6 of two qubits", "R18; Alimuddin et al. PRA 99, 052320",
            "p = 0.6", ReproduceContext.F(locked.Locked, "G10"), "its marginals are 1/2: all of W = p is reachable only by a global unitary",
            Test.Equal("locked ergotropy", locked.Locked, p, 1e-12));

        var x = TanRoot();
        // [TC68] the Tavis-Cummings battery with one photon at resonance: E_B = sin^2(g sqrt N t), t* = x* / (g sqrt N)
        const int cells = 4;
        const double lambda = 0.1;
        var tc = new TavisCummingsBattery(cells, lambda, new TavisCummingsChargingOptions { Photons = 1, IncludeReference = false }).Charge();
        var tStar = x / (lambda * Math.Sqrt(cells));
        ctx.ClosedForm("Beyond the texts: Tavis-Cummings battery, N = 4, one photon at resonance, charging time", "R19; Tavis and Cummings, Phys. Rev. 170, 379",
            $"x* / (g sqrt N) = {ReproduceContext.F(tStar, "G10")}", ReproduceContext.F(tc.ChargingTime, "G10"),
            "the vacuum Rabi curve E_B = sin^2(g sqrt N t); x* = 1.16556 the root of tan x = 2x",
            Test.Equal("charging time", tc.ChargingTime, tStar, 1e-8));

        // [Cre20] one two-photon Dicke cell at resonance, weak coupling: the rotating-wave exchange sin^2(wc g t / sqrt 2)
        const double g = 0.004;
        var two = new TwoPhotonDickeBattery(1, g, new TwoPhotonDickeChargingOptions { IncludeReference = false, Steps = 100 }).Charge();
        var tTwo = Math.Sqrt(2) * x / g;
        ctx.ClosedForm("Beyond the texts: two-photon Dicke cell (wa = 2 wc, g = 0.004), charging time in the rotating-wave limit", "R19; Crescente et al. PRB 102, 245407",
            $"sqrt 2 x* / (wc g) = {ReproduceContext.F(tTwo, "G10")}", ReproduceContext.F(two.Run.ChargingTime, "G10"),
            $"the full Hamiltonian with its counter-rotating terms, {two.Cutoff} photon levels (converged); they shift t* by O(g)",
            Test.Equal("charging time", two.Run.ChargingTime, tTwo, 0.02 * tTwo));

        // [Ros20] the SYK battery's optimal power grows super-extensively with N: the disorder-averaged max W/t for N = 6, 8, 10
        // complex fermions (24 samples each, window 8/J so that no sample's optimum is cut off), fitted as P ~ N^alpha
        int[] sizes = [6, 8, 10];
        var power = new double[sizes.Length];
        var gamma = new double[sizes.Length];
        for (var i = 0; i < sizes.Length; i++)
        {
            var average = new SykBattery(sizes[i], new SykChargingOptions { Samples = 24, TimeWindow = 8, Steps = 400 }).Average();
            power[i] = SykDisorderAverage.MeanAndError(average.MaxPower).Mean;
            gamma[i] = SykDisorderAverage.MeanAndError(average.Gamma).Mean;
        }
        var fit = LinearFit.Of([.. sizes.Select(n => Math.Log(n))], [.. power.Select(p => Math.Log(p))]);
        ctx.Source("Beyond the texts: SYK battery, optimal power against N (complex fermions N = 6, 8, 10, 24 samples each), exponent alpha of P ~ N^alpha", "R19; Rossini et al. PRL 125, 236402",
            "super-extensive: alpha > 1", $"alpha = {ReproduceContext.F(fit.Slope, "F3")} +- {ReproduceContext.F(fit.SlopeError, "F3")}",
            $"mean max W/t = {string.Join(", ", power.Select(p => ReproduceContext.F(p, "F3")))}; Gamma against N local cells {string.Join(", ", gamma.Select(v => ReproduceContext.F(v, "F3")))} (grows with N); the paper's exact diagonalisation reaches N = 16",
            Test.AtLeast("alpha - 3 s.e.", fit.Slope - 3 * fit.SlopeError, 1), Test.AtLeast("Gamma(10) - Gamma(6)", gamma[^1] - gamma[0], 0));
    }
}
