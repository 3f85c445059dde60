namespace Analytics.Data.Tests.SqlServer;

/// <summary>
/// A test against a real SQL Server: runs when <c>ANALYTICS_TEST_SQLSERVER</c> holds a connection string (the test
/// creates and drops its own database on that server), and is skipped with that reason otherwise.
/// </summary>
public sealed class SqlServerFactAttribute : FactAttribute
{
    public const string Variable = "ANALYTICS_TEST_SQLSERVER";

    public SqlServerFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            Skip = $"No SQL Server here: set {Variable} to a connection string (e.g. \"Server=localhost;User Id=sa;Password=...;"
                + "TrustServerCertificate=true\") to run the live SQL Server suite.";
        }
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);
}
