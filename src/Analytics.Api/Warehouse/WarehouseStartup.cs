using Analytics.Data;
using Analytics.Etl.Warehouse;
using Analytics.Etl.Commands;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Warehouse;

/// <summary>The <c>Warehouse</c> configuration section.</summary>
public sealed record WarehouseOptions
{
    public const string SectionName = "Warehouse";

    /// <summary>The DuckDB file the ETL publishes (relative to the working directory).</summary>
    public string Path { get; init; } = "data/warehouse.duckdb";

    /// <summary>Build the warehouse in the background on start when the file is missing.</summary>
    public bool BuildWhenMissing { get; init; } = true;

    /// <summary>
    /// How many analytics answers (one per query and arguments) each published build keeps in memory; 0 keeps none.
    /// A published file never changes, so a kept answer is exact until the next publication starts an empty set.
    /// </summary>
    public int KeptAnswers { get; init; } = 2_000;
}

/// <summary>Whether a warehouse build started by the API is under way, and how the last one ended.</summary>
public sealed class WarehouseBuildState
{
    public volatile bool Building;

    public volatile string? LastError;
}

/// <summary>
/// On first start there is no warehouse yet (or one built by an older version): build it from the operational store in
/// the background, so
/// <c>dotnet run --project src/Analytics.Api</c> alone gives working analytics. An existing warehouse is left to the
/// nightly ETL; readers follow each publication (<see cref="WarehouseConnections"/>).
/// Hosted services start after Program has initialized the store, so the source is migrated and seeded by then.
/// </summary>
public sealed class WarehouseStartupBuild(
    IDbContextFactory<OperationalDbContext> contexts,
    WarehouseConnections warehouse,
    IOptions<WarehouseOptions> options,
    WarehouseBuildState state,
    TimeProvider clock,
    ILogger<WarehouseStartupBuild> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var path = warehouse.Path;
        if (!options.Value.BuildWhenMissing)
        {
            return;
        }

        if (File.Exists(path))
        {
            // A readable warehouse of this version is left to the nightly ETL; one from an older version (no metric
            // views) or an unreadable one is rebuilt, so an upgraded API answers analytics without waiting a night.
            try
            {
                await using var session = await warehouse.OpenAsync(stoppingToken);
                return;
            }
            catch (WarehouseUnavailableException ex)
            {
                logger.LogWarning("{Reason} Rebuilding it from the operational store", ex.Detail);
            }
        }

        state.Building = true;
        try
        {
            logger.LogInformation("Building the warehouse at {Path} from the operational store", path);
            var result = await new WarehouseBuilder(contexts, path) { Clock = clock }.BuildAsync(cancellationToken: stoppingToken);
            logger.LogInformation("Warehouse built: {Rows} rows, {Checks} checks passed, in {Seconds:0.0} s",
                result.TotalRows, result.Checks.Count, result.Elapsed.TotalSeconds);
            state.LastError = null;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the staging file is gone and no warehouse was published.
        }
        catch (Exception ex)
        {
            state.LastError = ex.Message;
            logger.LogError(ex, "Building the warehouse failed; run `dotnet run --project etl/Analytics.Etl -- run` to see why");
        }
        finally
        {
            state.Building = false;
        }
    }
}

/// <summary>The warehouse: present, readable, when it was built (生成时间) and the latest day of its data (数据截至).</summary>
public sealed class WarehouseHealthCheck(WarehouseConnections warehouse, WarehouseBuildState state) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var session = await warehouse.OpenAsync(cancellationToken);
            await using var command = session.Connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            // Two facts, each named for what it is: when the file was made, and the latest day its data reaches.
            var dataAsOf = session.DataAsOf?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            return HealthCheckResult.Healthy(
                session.BuiltAt is { } builtAt
                    ? $"Built at {Analytics.Domain.Instants.Format(builtAt)}; data as of {dataAsOf ?? "(no events)"}."
                    : "The warehouse answers.",
                new Dictionary<string, object>
                {
                    ["builtAt"] = session.BuiltAt is { } built ? Analytics.Domain.Instants.Format(built) : "",
                    ["dataAsOf"] = dataAsOf ?? "",
                });
        }
        catch (WarehouseUnavailableException ex)
        {
            // Missing, or of an older version: degraded (the API answers everything but analytics), never a stack trace.
            return HealthCheckResult.Degraded(state.Building ? "The warehouse is being built." : ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The warehouse cannot be read.", ex);
        }
    }
}

public static class WarehouseExtensions
{
    public static IHostApplicationBuilder AddWarehouse(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WarehouseOptions>().BindConfiguration(WarehouseOptions.SectionName);
        builder.Services.AddSingleton<WarehouseBuildState>();
        builder.Services.AddSingleton<WarehouseConnections>();
        builder.Services.AddScoped<WarehouseRequest>();
        builder.Services.AddHostedService<WarehouseStartupBuild>();
        builder.Services.AddHealthChecks().AddCheck<WarehouseHealthCheck>("warehouse");
        return builder;
    }
}
