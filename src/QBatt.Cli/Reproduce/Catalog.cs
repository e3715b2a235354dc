namespace QBatt.Cli.Reproduce;

/// <summary>The reproductions <c>qbatt reproduce</c> runs, in report order (an explicit list, no reflection).</summary>
internal static class Catalog
{
    public static IReadOnlyList<IReproduction> All { get; } =
    [
        new OperatorNormBounds(),
        new RevFig2Ergotropy(),
        new RevEntropyBound(),
        new RevFig3ManyCopies(),
        new RevCompletePassivity(),
        new RevIndirectPath(),
        new RevEq20ParallelGlobal(),
        new PrlProposition1(),
        new PrlBlocks(),
        new PrlBounds(),
        new PrlConjecture1(),
        new RevDickeAdvantage(),
        new RevSpinChainTrends(),
        new RevCooperPairBoxes(),
        new RevCyclePrecision(),
        new OptimisedKLocal(),
        new StorageDiscussion(),
        new ErgotropyFamilyAndModels(),
    ];
}
