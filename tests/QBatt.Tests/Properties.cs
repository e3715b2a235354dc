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
    /// <summary>A configuration with a fixed replay seed and at most <paramref name="maxTest"/> cases.</summary>
    public static Config Seeded(ulong seed, int maxTest) =>
        Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));

    public static void Verify(Property property, int cases = 100, ulong seed = 20240611) =>
        FsCheck.Check.One(Seeded(seed, cases), property);
}
