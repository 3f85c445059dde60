using Microsoft.EntityFrameworkCore;

namespace Analytics.Data.DemoData;

/// <summary>How the demo city is generated: the same seed and scale always give the same rows.</summary>
/// <param name="Seed">Random seed for everything not fixed by published figures.</param>
/// <param name="Scale">Multiplies members, cases and activities (not the region or grid structure).</param>
public sealed record DemoCityOptions(int Seed = 20211231, int Scale = 1);

/// <summary>A step of the generator, for progress output.</summary>
public sealed record DemoCityProgress(string Step, long RowsWritten);

/// <summary>Rows written per table.</summary>
public sealed record DemoCitySummary(IReadOnlyDictionary<string, long> RowsPerTable)
{
    public override string ToString() => string.Join(", ", RowsPerTable.Select(x => $"{x.Key} {x.Value}"));
}

/// <summary>三明市 demo city: Sanming's eleven county-level units, with 永安市 and 三元区 matching their published figures.</summary>
public static class DemoCity
{
    public static Task<DemoCitySummary> SeedAsync(
        IDbContextFactory<OperationalDbContext> contexts,
        DemoCityOptions options,
        IProgress<DemoCityProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("The demo city generator is being written.");
}
