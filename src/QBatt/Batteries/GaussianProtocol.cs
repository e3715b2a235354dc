using System.Globalization;
using System.Numerics;
using QBatt.Models;

namespace QBatt.Batteries;

/// <summary>One single-mode Gaussian protocol: squeeze by r (phi = 0, x squeezed), then displace by a real alpha.</summary>
/// <param name="Name">"displacement", "squeezing" or "optimal".</param>
/// <param name="Squeezing">The squeezing parameter r.</param>
/// <param name="Alpha">The displacement |alpha| (along the squeezed quadrature x).</param>
/// <param name="Result">Energies and fluctuations, computed from the moments.</param>
public sealed record GaussianProtocol(string Name, double Squeezing, double Alpha, GaussianChargingResult Result);
