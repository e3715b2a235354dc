namespace QBatt.Control;

/// <summary>
/// The comparison of the exact GRAPE gradient with central finite differences (f(u + h e_i) - f(u - h e_i)) / 2h, h = 1e-6 u_max,
/// at <see cref="Components"/> amplitudes spread over all of them (R17).
/// </summary>
/// <param name="Components">How many amplitudes were compared.</param>
/// <param name="MaxRelativeDifference">max_i |g_i - g_fd,i| / max_i |g_i| over the compared amplitudes (0 when the gradient vanishes there).</param>
/// <param name="Step">The finite-difference step h.</param>
public sealed record GradientCheck(int Components, double MaxRelativeDifference, double Step);
