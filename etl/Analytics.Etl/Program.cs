// The nightly ETL (operational store → DuckDB star schema) arrives with its own issue; the project exists so the
// solution layout and the command contract are in place from the start.
Console.Error.WriteLine("Analytics.Etl: no commands yet (run, verify, sql, export, seed, schedule are planned).");
return 2;
