using System.Globalization;
using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Quantum;

namespace QBatt.Batteries;

/// <summary>Where a spin chain is charged.</summary>
public enum SpinChainRoute
{
    /// <summary>
    /// Collective when every pair has the same coupling; the symmetric sector for rings of
    /// <see cref="SpinChainBattery.AutoSectorMinSites"/> sites and more where it applies; else full.
    /// </summary>
    Auto,

    /// <summary>The collective spin block of the ground state (uniform couplings; dimension at most n + 1).</summary>
    Collective,

    /// <summary>The full 2^n space with matrix-free Hamiltonians (n &lt;= 28, memory permitting).</summary>
    Full,

    /// <summary>
    /// The symmetric sector of the fully polarised ground state (<see cref="Quantum.ChainSector"/>): reflection-even on an
    /// open chain, momentum zero and reflection-even on a ring, about 2^n / (2n) states (n &lt;= 31, memory permitting).
    /// Needs couplings invariant under the chain's symmetry and a polarised ground state of H0
    /// (<see cref="Models.SpinChain.HasPolarisedGroundState"/>).
    /// </summary>
    Sector,
}
