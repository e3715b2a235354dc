namespace QBatt.Numerics;

/// <summary>
/// Chooses the linear-algebra backend. Native OpenBLAS is used when it can be loaded;
/// <c>QBATT_BACKEND=native|managed</c> forces one. The choice is made once, on first use, and
/// never changes afterwards; code that needs another backend passes it explicitly.
/// </summary>
public static class LinearAlgebra
{
    /// <summary>Environment variable that forces the backend: <c>native</c> or <c>managed</c>.</summary>
    public const string BackendVariable = "QBATT_BACKEND";

    private static readonly Lazy<NativeBackend?> NativeLazy = new(() => NativeBackend.TryLoad(out _));
    private static readonly Lazy<ILinearAlgebraBackend> DefaultLazy = new(Select);

    /// <summary>The backend used when none is passed explicitly.</summary>
    /// <exception cref="ValidationException">QBATT_BACKEND has an unknown value, or asks for native and OpenBLAS is absent.</exception>
    public static ILinearAlgebraBackend Default => DefaultLazy.Value;

    /// <summary>The native backend, or null when OpenBLAS cannot be loaded here.</summary>
    public static NativeBackend? Native => NativeLazy.Value;

    /// <summary>Why the native backend is unavailable (empty when it is available).</summary>
    public static string NativeUnavailableReason
    {
        get
        {
            if (Native is not null) return "";
            NativeBackend.TryLoad(out var reason);
            return reason;
        }
    }

    /// <summary>The managed backend (always available).</summary>
    public static ManagedBackend Managed => ManagedBackend.Instance;

    private static ILinearAlgebraBackend Select()
    {
        var forced = Environment.GetEnvironmentVariable(BackendVariable)?.Trim();
        if (string.IsNullOrEmpty(forced))
            return (ILinearAlgebraBackend?)Native ?? Managed;
        if (forced.Equals("managed", StringComparison.OrdinalIgnoreCase))
            return Managed;
        if (forced.Equals("native", StringComparison.OrdinalIgnoreCase))
            return Native ?? throw new ValidationException("LinearAlgebra", BackendVariable, "native with OpenBLAS available", $"native, but {NativeUnavailableReason}");
        throw new ValidationException("LinearAlgebra", BackendVariable, "'native' or 'managed'", $"'{forced}'");
    }
}
