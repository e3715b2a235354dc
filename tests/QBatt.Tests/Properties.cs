using FsCheck;
using Microsoft.FSharp.Core;

namespace QBatt.Tests;

/// <summary>FsCheck configurations with a fixed replay seed, so property tests are deterministic and bounded.</summary>
public static class Properties
{
    public static Config Seeded(ulong seed, int maxTest) =>
        Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 1), FSharpOption<int>.None)));
}
