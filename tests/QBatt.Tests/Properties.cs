using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace QBatt.Tests;

/// <summary>
/// Runs FsCheck properties deterministically: a fixed replay seed and a bounded number of cases,
/// throwing (with the counterexample) on failure.
/// </summary>
public static class Properties
{
    public static void Verify(Property property, int cases = 100, ulong seed = 20240611)
    {
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(cases)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));
        FsCheck.Check.One(config, property);
    }

    public static Config Seeded(ulong seed, int maxTest) =>
        Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 1), FSharpOption<int>.None)));
}
