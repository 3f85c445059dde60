using Analytics.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Analytics.Etl;

/// <summary>
/// Where the ETL reads and writes: the same configuration keys as the API (<c>Database:Provider</c>,
/// <c>ConnectionStrings:Operational</c>, <c>Warehouse:Path</c>), from environment variables (<c>Database__Provider</c>…),
/// overridden by command-line options.
/// </summary>
public sealed record EtlSettings(DatabaseProvider Provider, string OperationalConnectionString, string WarehousePath)
{
    public const string DefaultWarehousePath = "data/warehouse.duckdb";

    public static EtlSettings Load(DatabaseProvider? provider, string? connectionString, string? warehousePath)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var configuredProvider = configuration["Database:Provider"];
        DatabaseProvider resolved;
        if (provider is not null)
        {
            resolved = provider.Value;
        }
        else if (string.IsNullOrEmpty(configuredProvider))
        {
            resolved = DatabaseProvider.Sqlite;
        }
        else if (!Enum.TryParse(configuredProvider, ignoreCase: true, out resolved))
        {
            throw new EtlException($"Database:Provider is '{configuredProvider}'; use Sqlite or SqlServer.");
        }

        return new EtlSettings(
            resolved,
            connectionString
                ?? configuration.GetConnectionString(OperationalStoreExtensions.ConnectionStringName)
                ?? OperationalStoreExtensions.DefaultSqliteConnectionString,
            warehousePath ?? configuration["Warehouse:Path"] ?? DefaultWarehousePath);
    }

    /// <summary>
    /// Refuses a store the command cannot read — missing, empty or not migrated — with the next step, instead of
    /// failing later with SQLite's "no such table".
    /// </summary>
    public async Task EnsureStoreReadyAsync(IDbContextFactory<OperationalDbContext> contexts, CancellationToken cancellationToken)
    {
        if (await OperationalStore.NotReadyReasonAsync(contexts, Provider, OperationalConnectionString, cancellationToken) is { } reason)
        {
            throw new EtlException(
                $"{char.ToUpperInvariant(reason[0])}{reason[1..]}: run `etl seed` to create the demo city there (or start the API "
                + "once, which migrates and seeds data/operational.db), or point --connection at the operational store.");
        }
    }
}

/// <summary>A failure the user can act on: printed as one line, exit code 1.</summary>
public sealed class EtlException(string message) : Exception(message);
