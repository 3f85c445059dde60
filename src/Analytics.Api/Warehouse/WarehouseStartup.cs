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
}

/// <summary>Whether a warehouse build started by the API is under way, and how the last one ended.</summary>
public sealed class WarehouseBuildState
{
    public volatile bool Building;

    public volatile string? LastError;
}

/// <summary>
/// On first start there is no warehouse yet: build it from the operational store in the background, so
/// <c>dotnet run --project src/Analytics.Api</c> alone gives working analytics. An existing warehouse is left to the
/// nightly ETL. The API keeps no connection to the file open, so each reader sees the newest published file.
/// Hosted services start after Program has initialized the store, so the source is migrated and seeded by then.
/// </summary>
public sealed class WarehouseStartupBuild(
    IDbContextFactory<OperationalDbContext> contexts,
    IOptions<WarehouseOptions> options,
    WarehouseBuildState state,
    ILogger<WarehouseStartupBuild> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var path = System.IO.Path.GetFullPath(options.Value.Path);
        if (!options.Value.BuildWhenMissing || File.Exists(path))
        {
            return;
        }

        state.Building = true;
        try
        {
            logger.LogInformation("No warehouse at {Path}: building it from the operational store", path);
            var result = await new WarehouseBuilder(contexts, path).BuildAsync(cancellationToken: stoppingToken);
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

/// <summary>The warehouse: present, readable, and when it was built (data freshness).</summary>
public sealed class WarehouseHealthCheck(IOptions<WarehouseOptions> options, WarehouseBuildState state) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var path = System.IO.Path.GetFullPath(options.Value.Path);
        if (!File.Exists(path))
        {
            return state.Building
                ? HealthCheckResult.Degraded("The warehouse is being built.")
                : HealthCheckResult.Degraded(
                    $"No warehouse yet{(state.LastError is null ? "" : $" (the last build failed: {state.LastError})")}; "
                    + "run `dotnet run --project etl/Analytics.Etl -- run`.");
        }

        try
        {
            await using var connection = await WarehouseReader.OpenReadOnlyAsync(path, cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT max(finished_at) FROM etl_runs";
            var builtAt = await command.ExecuteScalarAsync(cancellationToken) is DateTime finished
                ? new DateTimeOffset(DateTime.SpecifyKind(finished, DateTimeKind.Utc))
                : (DateTimeOffset?)null;
            return HealthCheckResult.Healthy(
                builtAt is null ? "The warehouse answers." : $"Built at {builtAt:yyyy-MM-ddTHH:mm:ssZ}.",
                new Dictionary<string, object> { ["builtAt"] = builtAt?.ToString("O") ?? "" });
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
        builder.Services.AddHostedService<WarehouseStartupBuild>();
        builder.Services.AddHealthChecks().AddCheck<WarehouseHealthCheck>("warehouse");
        return builder;
    }
}
