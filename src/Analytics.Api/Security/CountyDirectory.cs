using Analytics.Data;
using Analytics.Domain;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Security;

/// <summary>County name → materialized region path, read once (the county level does not change while the API runs).</summary>
public sealed class CountyDirectory(IDbContextFactory<OperationalDbContext> contexts)
{
    private readonly Lock _gate = new();
    private Task<Dictionary<string, string>>? _paths;

    public async Task<string?> PathOfAsync(string county, CancellationToken cancellationToken) =>
        (await PathsAsync(cancellationToken)).GetValueOrDefault(county);

    /// <summary>Every county-level unit's name, in the tree's order (for messages that list them).</summary>
    public async Task<IReadOnlyList<string>> NamesAsync(CancellationToken cancellationToken) =>
        [.. (await PathsAsync(cancellationToken)).OrderBy(c => c.Value, StringComparer.Ordinal).Select(c => c.Key)];

    private async Task<Dictionary<string, string>> PathsAsync(CancellationToken cancellationToken)
    {
        Task<Dictionary<string, string>> paths;
        lock (_gate)
        {
            paths = _paths ??= LoadAsync();
        }

        try
        {
            return await paths.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            lock (_gate)
            {
                _paths = null; // retry on the next request rather than caching a failure
            }

            throw;
        }
    }

    private async Task<Dictionary<string, string>> LoadAsync()
    {
        await using var db = await contexts.CreateDbContextAsync();
        var counties = await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.County)
            .Select(r => new { r.Name, r.Path }).ToListAsync();
        return counties.ToDictionary(r => r.Name, r => r.Path, StringComparer.Ordinal);
    }
}
