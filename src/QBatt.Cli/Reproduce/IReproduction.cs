namespace QBatt.Cli.Reproduce;

/// <summary>
/// One reproduced result of the source texts (one file each in Reproduce/). It recomputes the
/// claim at run time (nothing is hard-coded but the source's printed value, shown for comparison)
/// and adds rows, figures and data to the <see cref="ReproduceContext"/>.
/// </summary>
internal interface IReproduction
{
    /// <summary>Short id used by <c>qbatt reproduce --only</c>, e.g. <c>rev-fig2</c>.</summary>
    string Id { get; }

    /// <summary>What is reproduced, e.g. "Rev Fig. 2: ergotropy of a 5-level state".</summary>
    string Title { get; }

    void Run(ReproduceContext ctx);
}
