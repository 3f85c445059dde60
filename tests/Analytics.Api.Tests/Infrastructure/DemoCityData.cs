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

    /// <summary>
    /// The rows of a SQL query run straight against the test store (parameters named <c>$p0</c>, <c>$p1</c>… in order),
    /// each as its column values: expectations computed in SQL, independently of the API's LINQ.
    /// </summary>
    public static async Task<List<object?[]>> SqlAsync(this ApiFactory factory, string sql, params object?[] parameters)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OperationalDbContext>>().CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"$p{i}";
            parameter.Value = parameters[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var values = new object?[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(values);
        }

        return rows;
    }

    /// <summary>The single number a SQL query answers (a COUNT, a SUM…).</summary>
    public static async Task<long> SqlNumberAsync(this ApiFactory factory, string sql, params object?[] parameters) =>
        Convert.ToInt64((await factory.SqlAsync(sql, parameters)).Single()[0] ?? 0L, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The first column of every row, as ints (ids).</summary>
    public static async Task<List<int>> SqlIdsAsync(this ApiFactory factory, string sql, params object?[] parameters) =>
        (await factory.SqlAsync(sql, parameters)).Select(r => Convert.ToInt32(r[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();

    public static string Id<T>(int id)
        where T : Entity =>
        Analytics.Api.GraphQL.GlobalId.Encode(typeof(T).Name, id);
}
