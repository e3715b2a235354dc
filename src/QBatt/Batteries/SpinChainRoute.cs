using System.Globalization;
using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Quantum;

namespace QBatt.Batteries;

/// <summary>Where a spin chain is charged.</summary>
public enum SpinChainRoute
{
    /// <summary>Collective when every pair has the same coupling, else full.</summary>
    Auto,

    /// <summary>The collective spin block of the ground state (uniform couplings; dimension at most n + 1).</summary>
    Collective,

    /// <summary>The full 2^n space with matrix-free Hamiltonians (n &lt;= 28, memory permitting).</summary>
    Full,
}
