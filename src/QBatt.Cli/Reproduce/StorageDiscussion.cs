using QBatt.Batteries;

namespace QBatt.Cli.Reproduce;

/// <summary>
/// Beyond the texts (R16; the Review's Discussion names storage as the open problem): self-discharge of a two-level array and of the
/// Dicke battery after its charging, product against collective storage at equal stored energy, the dark-state protection, and a
/// continuously driven open cell. Every expectation is a closed form computed in the row: local damping at T = 0 takes the energy of
/// any state as E(0) e^(-g t) (half-life ln 2 / g) and a charged qubit's ergotropy as max(0, 2 e^(-g t) - 1) (half-life
/// ln(4/3) / g); under local dephasing the product ((|0&gt; + |1&gt;)/sqrt 2)^N keeps (N/2) e^(-g t) of ergotropy and the GHZ-like
/// state (N - 1)/2 + e^(-N g t)/2; under collective decay the singlet pair keeps its ergotropy 1 and the symmetric pair keeps
/// max(0, 2 e^(-2 G t) - 1); the driven, damped qubit's steady state solves its Bloch equations (a 3 x 3 system solved here).
/// </summary>
internal sealed class StorageDiscussion : IReproduction
{
    public string Id => "storage";

    public string Title => "Beyond the texts: storage and self-discharge (Rev Discussion), product against collective storage, dark-state protection [Dic54]";

    public void Run(ReproduceContext ctx)
    {
        const double g = 0.1;
        const string src = "R16; Rev Discussion";
        // a two-level array of 2 cells, fully charged, local damping
        var array = new StorageBattery(2, 2, new StorageNoise { Decay = g });
        var a = array.Discharge(array.NamedState("charged"), ChargingWindow.Spacing(30, 0.5));
        ctx.ClosedForm("Beyond the texts: self-discharge of 2 charged qubits at decay 0.1, energy half-life", src, $"ln 2 / g = {ReproduceContext.F(Math.Log(2) / g, "G10")}",
            ReproduceContext.F(a.EnergyHalfLife!.Time, "G10"), "refined between outputs of spacing 0.5 from the states",
            Test.Equal("energy half-life", a.EnergyHalfLife.Time, Math.Log(2) / g, 1e-8));
        ctx.ClosedForm("Beyond the texts: self-discharge of 2 charged qubits, ergotropy half-life", src, $"ln(4/3) / g = {ReproduceContext.F(Math.Log(4.0 / 3) / g, "G10")}",
            ReproduceContext.F(a.ErgotropyHalfLife!.Time, "G10"), "the ergotropy goes first: W = 2 max(0, 2 e^(-g t) - 1)",
            Test.Equal("ergotropy half-life", a.ErgotropyHalfLife.Time, Math.Log(4.0 / 3) / g, 1e-8));

        // the Dicke battery charged at lambda = 0.5 (N = 2) to its charging time, then stored with the coupling off and cell decay
        var dicke = StorageBattery.Dicke(2, new StorageNoise { Decay = g }, chargeCoupling: 0.5);
        var (charged, charging) = dicke.AfterCharging();
        var d = dicke.Discharge(charged, ChargingWindow.Spacing(30, 0.5));
        ctx.ClosedForm("Beyond the texts: Dicke battery (N = 2, lambda = 0.5) stored after charging, energy half-life under cell decay 0.1", src,
            $"ln 2 / g = {ReproduceContext.F(Math.Log(2) / g, "G10")}", ReproduceContext.F(d.EnergyHalfLife!.Time, "G10"),
            $"charged to t* = {ReproduceContext.F(charging.ChargingTime)} in the full cutoff x 2^N space; local decay takes any state's energy as e^(-g t)",
            Test.Equal("energy half-life", d.EnergyHalfLife.Time, Math.Log(2) / g, 1e-8));
        ctx.Consistency("Beyond the texts: the Dicke battery's ergotropy (cells' reduced state) is lost before its energy", src,
            $"< {ReproduceContext.F(d.EnergyHalfLife.Time)}", ReproduceContext.F(d.ErgotropyHalfLife?.Time ?? double.NaN),
            $"ergotropy at t* {ReproduceContext.F(d.Ergotropy.Ergotropy[0])} of energy {ReproduceContext.F(d.Energy[0])}: the charged cells are entangled with the cavity",
            Test.AtMost("ergotropy half-life", d.ErgotropyHalfLife?.Time ?? double.PositiveInfinity, d.EnergyHalfLife.Time));

        // product against GHZ-like storage at the equal stored energy N/2 (N = 2) under local dephasing 0.2, at t = 5
        const double gphi = 0.2, t = 5;
        var dephasing = new StorageBattery(2, 2, new StorageNoise { Dephasing = gphi });
        var product = dephasing.Discharge(dephasing.NamedState("product"), ChargingWindow.Spacing(t, 0.5));
        var ghz = dephasing.Discharge(dephasing.NamedState("ghz"), ChargingWindow.Spacing(t, 0.5));
        var wProduct = Math.Exp(-gphi * t);
        var wGhz = 0.5 + 0.5 * Math.Exp(-2 * gphi * t);
        ctx.ClosedForm("Beyond the texts: product storage ((|0> + |1>)/sqrt 2)^2 under local dephasing 0.2, ergotropy at t = 5", src,
            $"(N/2) e^(-g t) = {ReproduceContext.F(wProduct, "G10")}", ReproduceContext.F(product.Ergotropy.Ergotropy[^1], "G10"), "all of it coherent, lost with the coherences",
            Test.Equal("W(5)", product.Ergotropy.Ergotropy[^1], wProduct, 1e-8));
        ctx.ClosedForm("Beyond the texts: GHZ-like storage (|00> + |11>)/sqrt 2 at the same stored energy, ergotropy at t = 5", src,
            $"(N-1)/2 + e^(-N g t)/2 = {ReproduceContext.F(wGhz, "G10")}", ReproduceContext.F(ghz.Ergotropy.Ergotropy[^1], "G10"),
            "its populations (1/2 at 0, 1/2 at N) keep (N-1)/2 of incoherent ergotropy",
            Test.Equal("W(5)", ghz.Ergotropy.Ergotropy[^1], wGhz, 1e-8));

        // dark-state protection under collective decay G = 0.5 up to t = 2
        const double G = 0.5, td = 2;
        var collective = new StorageBattery(2, 2, new StorageNoise { CollectiveDecay = G });
        var dark = collective.Discharge(collective.NamedState("dark"), ChargingWindow.Spacing(td, 0.5));
        const double tb = 0.5;
        var bright = collective.Discharge(StorageState.Pure(new Quantum.Ket([0, Math.Sqrt(0.5), Math.Sqrt(0.5), 0], Quantum.Dims.Uniform(2, 2)), "(|01> + |10>)/sqrt 2"),
            ChargingWindow.Spacing(tb, 0.25));
        var wBright = Math.Max(0, 2 * Math.Exp(-2 * G * tb) - 1);
        ctx.ClosedForm("Beyond the texts: dark-state protection, the singlet (|01> - |10>)/sqrt 2 under collective decay 0.5 keeps its ergotropy at t = 2", src,
            "1", ReproduceContext.F(dark.Ergotropy.Ergotropy[^1], "G10"), "J_- annihilates the singlet: a decoherence-free subspace",
            Test.Equal("W(2)", dark.Ergotropy.Ergotropy[^1], 1, 1e-8));
        ctx.ClosedForm("Beyond the texts: the symmetric pair (|01> + |10>)/sqrt 2 at the same energy decays superradiantly, ergotropy at t = 0.5 (0 from t = ln 2 / (2 G))", src,
            $"max(0, 2 e^(-2 G t) - 1) = {ReproduceContext.F(wBright, "G10")}", ReproduceContext.F(bright.Ergotropy.Ergotropy[^1], "G10"), "E = e^(-2 G t)",
            Test.Equal("W(0.5)", bright.Ergotropy.Ergotropy[^1], wBright, 1e-8));

        // a continuously driven open cell: H = diag(0, 1) + Omega sigma_x with decay 0.2; the steady state's ergotropy against Omega
        const double gd = 0.2;
        var driven = new StorageBattery(1, 2, new StorageNoise { Decay = gd });
        foreach (var omega in new[] { 0.5, 2.0 })
        {
            var (_, rho, residual) = driven.SteadyStates([omega])[0];
            var parts = driven.BatteryParts(rho);
            var (energy, ergotropy) = BlochSteadyState(omega, gd);
            ctx.ClosedForm($"Beyond the texts: driven, damped qubit (Omega = {ReproduceContext.F(omega)}, decay {ReproduceContext.F(gd)}), steady-state ergotropy", src,
                ReproduceContext.F(ergotropy, "G10"), ReproduceContext.F(parts.Ergotropy, "G10"),
                $"the generator's null space (residual {ReproduceContext.F(residual, "G2")}); expected from the Bloch equations, energy {ReproduceContext.F(energy)}",
                Test.Equal("steady ergotropy", parts.Ergotropy, ergotropy, 1e-10), Test.Equal("steady energy", parts.Energy, energy, 1e-10));
        }
    }

    /// <summary>
    /// The steady state of H = 1/2 - Z/2 + Omega X (field b = (2 Omega, 0, -1)) with decay sqrt(g) |0&gt;&lt;1|: 0 = b x r - diag(g/2, g/2, g) r
    /// + (0, 0, g), solved by Cramer's rule; energy (1 - z)/2, ergotropy (|r| - z)/2.
    /// </summary>
    private static (double Energy, double Ergotropy) BlochSteadyState(double omega, double g)
    {
        double[,] m =
        {
            { -g / 2, 1, 0 },
            { -1, -g / 2, -2 * omega },
            { 0, 2 * omega, -g },
        };
        double[] rhs = [0, 0, -g];
        var det = Det(m);
        var r = new double[3];
        for (var c = 0; c < 3; c++)
        {
            var mc = (double[,])m.Clone();
            for (var i = 0; i < 3; i++) mc[i, c] = rhs[i];
            r[c] = Det(mc) / det;
        }
        var norm = Math.Sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
        return ((1 - r[2]) / 2, (norm - r[2]) / 2);
    }

    private static double Det(double[,] m) =>
        m[0, 0] * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1]) - m[0, 1] * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0]) + m[0, 2] * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]);
}
