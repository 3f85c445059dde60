using System.CommandLine;
using Analytics.Data;
using Analytics.Etl;
using Analytics.Etl.Commands;

// Options shared by every command; environment variables (Database__Provider, ConnectionStrings__Operational,
// Warehouse__Path) supply the same settings as for the API.
var provider = new Option<DatabaseProvider?>("--provider")
{
    Description = "Operational store provider: Sqlite or SqlServer (default: Database:Provider, else Sqlite).",
    Recursive = true,
};
var connection = new Option<string?>("--connection")
{
    Description = "Operational store connection string (default: ConnectionStrings:Operational, else Data Source=data/operational.db).",
    Recursive = true,
};

var root = new RootCommand("Analytics ETL: operational store → DuckDB warehouse, and the demo city.")
{
    provider,
    connection,
    SeedCommand.Create(provider, connection),
};

// Failures print one line and exit non-zero; a stack trace helps nobody running a nightly job.
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("error: cancelled.");
    return 130;
}
catch (Exception ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}
