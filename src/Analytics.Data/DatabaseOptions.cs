namespace Analytics.Data;

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed record DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary><c>Sqlite</c> (default) or <c>SqlServer</c>.</summary>
    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>Fill an empty store with the demo city on start (true in Development).</summary>
    public bool SeedDemoData { get; init; }

    /// <summary>Apply pending migrations on start.</summary>
    public bool MigrateOnStartup { get; init; } = true;
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}
