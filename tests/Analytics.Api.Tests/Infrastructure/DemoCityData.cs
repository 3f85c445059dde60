using Analytics.Data;
using Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Api.Tests.Infrastructure;

/// <summary>The test store's rows, read straight through EF, for computing expectations independently of the API.</summary>
public static class DemoCityData
{
    public static async Task<List<T>> AllAsync<T>(this ApiFactory factory)
        where T : Entity
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OperationalDbContext>>().CreateDbContextAsync();
        return await db.Set<T>().AsNoTracking().OrderBy(x => x.Id).ToListAsync();
    }

    public static string Id<T>(int id)
        where T : Entity =>
        Analytics.Api.GraphQL.GlobalId.Encode(typeof(T).Name, id);
}
