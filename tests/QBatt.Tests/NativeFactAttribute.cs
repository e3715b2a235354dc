using QBatt.Numerics;

namespace QBatt.Tests;

/// <summary>
/// A fact that needs the native backend (OpenBLAS): decided at discovery, it is reported as skipped, with the
/// reason, when the library cannot be loaded, instead of passing without checking anything.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class NativeFactAttribute : FactAttribute
{
    public NativeFactAttribute()
    {
        if (LinearAlgebra.Native is null)
            Skip = "OpenBLAS is not installed (libopenblas0-pthread): the native backend is absent, so there is nothing native to check";
    }
}
