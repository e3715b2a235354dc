namespace QBatt.Tests;

/// <summary>
/// A fact whose subject does not depend on the linear-algebra backend of the test host (real processes driven by a
/// table, the whole reproduce catalog under its perturbation seam): .ci/run runs the suite twice, native then
/// managed, and this runs in the native pass only. Under <c>QBATT_BACKEND=managed</c> it is reported as skipped,
/// with the reason, instead of passing without checking anything.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class OncePerCiFactAttribute : FactAttribute
{
    public OncePerCiFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("QBATT_BACKEND") == "managed")
            Skip = "runs once per CI run, in the native-backend pass (QBATT_BACKEND=managed here); its subject does not depend on the backend";
    }
}
