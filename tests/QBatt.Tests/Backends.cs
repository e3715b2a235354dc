using QBatt.Numerics;

namespace QBatt.Tests;

/// <summary>The backends a test runs on: managed always, native when OpenBLAS loads here.</summary>
public static class Backends
{
    public static IEnumerable<object[]> Available()
    {
        yield return ["managed"];
        if (LinearAlgebra.Native is not null) yield return ["native"];
    }

    public static ILinearAlgebraBackend Get(string name) => name switch
    {
        "managed" => LinearAlgebra.Managed,
        "native" => LinearAlgebra.Native ?? throw new InvalidOperationException("native backend requested but OpenBLAS is not loadable"),
        _ => throw new ArgumentException(name),
    };
}
