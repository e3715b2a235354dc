using QBatt.Charging;

namespace QBatt.Batteries;

/// <summary>How the time window of a charging run is given.</summary>
public enum ChargingWindowKind
{
    /// <summary>Fixed output times; the charging time is the t that maximises W(t)/t on them, refined (R7).</summary>
    Grid,

    /// <summary>A protocol ending at the first arrival at a target state, searched up to a horizon (R9).</summary>
    Target,

    /// <summary>A protocol of fixed duration.</summary>
    Duration,

    /// <summary>A protocol ending at its maximal average power, searched up to a horizon (R7).</summary>
    MaximumPower,
}
