using System.CommandLine;
using System.Reflection;
using System.Text.Json;
using Analytics.Data;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Benchmarks;

/// <summary>
/// GraphQL over HTTP (a) against the hand-written EF Core query (b) for the dashboard query, on a seeded SQLite file.
/// </summary>
public static class BenchmarkCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var database = new Option<string>("--database")
        {
            Description = "The seeded SQLite file (bench/run.sh creates data/bench/scale10.db).",
            DefaultValueFactory = _ => "data/bench/scale10.db",
        };
        var api = new Option<string>("--api")
        {
            Description = "The API's built Analytics.Api.dll (default: this configuration's build in src/Analytics.Api/bin).",
            DefaultValueFactory = _ => DefaultApiAssembly(),
        };
        var workers = new Option<int[]>("--workers")
        {
            Description = "Concurrent workers per measurement, e.g. --workers 1 4.",
            DefaultValueFactory = _ => [1, 4],
            AllowMultipleArgumentsPerToken = true,
        };
        var warmup = new Option<double>("--warmup") { Description = "Warm-up seconds before each measured run.", DefaultValueFactory = _ => 3 };
        var duration = new Option<double>("--duration") { Description = "Seconds per measured run.", DefaultValueFactory = _ => 10 };
        var rounds = new Option<int>("--rounds")
        {
            Description = "Measured runs per path and concurrency, interleaved (the table pools them; the spread shows the noise).",
            DefaultValueFactory = _ => 3,
        };
        var maxRequests = new Option<int>("--max-requests")
        {
            Description = "Upper bound on requests per measured run (it ends at the duration or this count).",
            DefaultValueFactory = _ => 100_000,
        };
        var breakdown = new Option<bool>("--breakdown")
        {
            Description = "Also measure the parts (one worker): GraphQL { __typename }, the count, the page with and without nested references; the EF count and page alone.",
        };
        var output = new Option<string?>("--output") { Description = "Also write the results as JSON to this file." };

        var root = new RootCommand("GraphQL over HTTP vs the hand-written EF Core query, for one dashboard query on the demo city.")
        {
            database, api, workers, warmup, duration, rounds, maxRequests, breakdown, output,
        };
        root.Subcommands.Add(HostileLedgerBenchmark.Create());
        root.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new LoadSettings(
                TimeSpan.FromSeconds(parse.GetValue(warmup)),
                TimeSpan.FromSeconds(parse.GetValue(duration)),
                parse.GetValue(maxRequests),
                parse.GetValue(rounds));
            var workerCounts = parse.GetValue(workers)!;
            if (workerCounts.Length == 0 || workerCounts.Any(w => w < 1) || settings.MaxRequests < 1 || settings.Duration <= TimeSpan.Zero
                || settings.Rounds < 1 || settings.Warmup < TimeSpan.Zero)
            {
                throw new BenchmarkException("--workers, --duration, --rounds and --max-requests must be positive, --warmup zero or more.");
            }

            return await BenchAsync(
                Path.GetFullPath(parse.GetValue(database)!),
                Path.GetFullPath(parse.GetValue(api)!),
                workerCounts,
                settings,
                parse.GetValue(breakdown),
                parse.GetValue(output),
                cancellationToken);
        });

        try
        {
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("error: cancelled.");
            return 130;
        }
        catch (BenchmarkException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
    }

    private static async Task<int> BenchAsync(
        string databasePath,
        string apiAssembly,
        int[] workerCounts,
        LoadSettings settings,
        bool breakdown,
        string? outputPath,
        CancellationToken cancellationToken)
    {
        if (!File.Exists(databasePath))
        {
            throw new BenchmarkException($"{databasePath} does not exist. Seed it: bench/run.sh does, or "
                + $"dotnet run -c Release --project etl/Analytics.Etl -- seed --scale 10 --connection \"Data Source={databasePath}\".");
        }

        var contexts = OperationalStoreExtensions.CreateFactory(DatabaseProvider.Sqlite, $"Data Source={databasePath}");
        int caseRows;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            caseRows = await db.Cases.CountAsync(cancellationToken);
        }

        var machine = Machine.Describe(databasePath, caseRows);
        Report.Machine(Console.Out, machine, settings);

        var apiLog = Path.Combine(Path.GetDirectoryName(databasePath)!, "api.log");
        Progress($"Starting the API (Release, Production) from {apiAssembly}; its log: {apiLog}");
        await using var server = await ApiProcess.StartAsync(apiAssembly, databasePath, apiLog, cancellationToken);
        using var client = new GraphQLClient(server.BaseAddress, server.AdminToken);
        Progress($"API listening on {server.BaseAddress} (pid {server.Id}).");

        // Correctness first: the same answer from both paths, or no numbers at all.
        var graphQLBody = GraphQLClient.Body(DashboardQuery.GraphQL);
        var graphQLAnswer = await client.PostAsync(graphQLBody, cancellationToken);
        var handWrittenAnswer = await DashboardQuery.HandWrittenJsonAsync(contexts, cancellationToken);
        var totalCount = AnswerCheck.AssertSame(graphQLAnswer, handWrittenAnswer, DashboardQuery.PageSize);
        Progress($"Answers agree: totalCount {totalCount:N0}, the same {DashboardQuery.PageSize} nodes in the same order "
            + $"(GraphQL {graphQLAnswer.Length:N0} bytes, hand-written {handWrittenAnswer.Length:N0} bytes).");

        var graphQL = new Scenario(
            Report.GraphQLPath, ct => client.PostAndCountAsync(graphQLBody, ct), graphQLAnswer.Length, () => server.ProcessorTime);
        var handWritten = new Scenario(
            Report.HandWrittenPath, async ct => (await DashboardQuery.HandWrittenJsonAsync(contexts, ct)).LongLength, handWrittenAnswer.Length, null);

        var runs = new List<Run>();
        for (var round = 1; round <= settings.Rounds; round++)
        {
            foreach (var count in workerCounts)
            {
                // Alternating which path goes first, so that neither always runs on a warmer or quieter machine.
                foreach (var scenario in round % 2 == 1 ? new[] { graphQL, handWritten } : [handWritten, graphQL])
                {
                    runs.Add(await MeasureAsync(scenario, count, round, settings, cancellationToken));
                }
            }
        }

        var breakdownRuns = new List<Run>();
        if (breakdown)
        {
            foreach (var scenario in await BreakdownAsync(client, server, contexts, cancellationToken))
            {
                breakdownRuns.Add(await MeasureAsync(scenario, 1, 1, settings, cancellationToken));
            }
        }

        var results = Pool(runs);
        var parts = Pool(breakdownRuns);
        Report.Results(Console.Out, results, parts, runs);
        if (outputPath is not null)
        {
            await using var file = File.Create(outputPath);
            await JsonSerializer.SerializeAsync(
                file, new { machine, settings, totalCount, results, breakdown = parts, runs = runs.Concat(breakdownRuns).Select(r => new
                {
                    r.Path, r.Workers, r.Round, r.RequestsPerSecond, Requests = r.LatenciesMilliseconds.Length, r.Elapsed, r.ClientCpu, r.ServerCpu, r.OtherCpu,
                }),
                }, new JsonSerializerOptions { WriteIndented = true }, cancellationToken);
            Progress($"Results written to {Path.GetFullPath(outputPath)}.");
        }

        return 0;
    }

    private static async Task<Run> MeasureAsync(Scenario scenario, int workers, int round, LoadSettings settings, CancellationToken cancellationToken)
    {
        Progress($"Round {round}: {scenario.Name}, {workers} worker(s): {settings.Warmup.TotalSeconds:0} s warm-up, {settings.Duration.TotalSeconds:0} s measured…");
        var run = await LoadRunner.RunAsync(
            scenario.Name, workers, round, settings, scenario.Operation, scenario.ExpectedSize, scenario.ServerProcessorTime, cancellationToken);
        Progress($"  {run.RequestsPerSecond:0.0} req/s; other processes used {run.OtherCpu?.TotalSeconds / run.Elapsed.TotalSeconds:0.00} cores meanwhile");
        return run;
    }

    private static List<Measurement> Pool(IEnumerable<Run> runs) =>
        [.. runs.GroupBy(r => (r.Path, r.Workers)).Select(g => Measurement.Of([.. g]))];

    /// <summary>The parts of the GraphQL path, each checked once like the main paths.</summary>
    private static async Task<Scenario[]> BreakdownAsync(
        GraphQLClient client, ApiProcess server, IDbContextFactory<OperationalDbContext> contexts, CancellationToken cancellationToken)
    {
        async Task<Scenario> OverHttp(string name, string query)
        {
            var body = GraphQLClient.Body(query);
            var answer = await client.PostAsync(body, cancellationToken);
            return new Scenario(name, ct => client.PostAndCountAsync(body, ct), answer.Length, () => server.ProcessorTime);
        }

        async Task<long> CountAsync(CancellationToken ct)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return await DashboardQuery.Filter(db, DashboardQuery.County, DashboardQuery.ResolvedStatuses).CountAsync(ct);
        }

        async Task<long> GuardedCountAsync(CancellationToken ct)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return await DashboardQuery.FilterWithReferenceGuards(db, DashboardQuery.County, DashboardQuery.ResolvedStatuses).CountAsync(ct);
        }

        async Task<long> PageAsync(CancellationToken ct)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var page = await DashboardQuery.PageAsync(
                DashboardQuery.Filter(db, DashboardQuery.County, DashboardQuery.ResolvedStatuses), DashboardQuery.PageSize, ct);
            return page.Count;
        }

        return
        [
            await OverHttp("GraphQL `{ __typename }`: HTTP + GraphQL, no database", DashboardQuery.TypenameOnly),
            await OverHttp("GraphQL totalCount only: count + page statements (the resolver always reads the page)", DashboardQuery.TotalCountOnly),
            new Scenario("EF count alone, in-process", CountAsync, await CountAsync(cancellationToken), null),
            new Scenario("EF count alone, with the API filter's IS NOT NULL guards, in-process", GuardedCountAsync, await CountAsync(cancellationToken), null),
            await OverHttp("GraphQL nodes only: the page statement, no nested fields", DashboardQuery.PageOnly),
            await OverHttp("GraphQL nodes with region, parent, organization: page + 3 batched statements", DashboardQuery.PageWithReferences),
            new Scenario("EF page of 50 with joins alone, in-process", PageAsync, DashboardQuery.PageSize, null),
        ];
    }

    private static string DefaultApiAssembly() =>
        typeof(BenchmarkCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ApiAssemblyPath")?.Value
        ?? "src/Analytics.Api/bin/Release/net10.0/Analytics.Api.dll";

    private static void Progress(string line) => Console.Error.WriteLine(line);

    /// <summary>One thing to time; every call must return <see cref="ExpectedSize"/> (bytes of the answer, or rows).</summary>
    private sealed record Scenario(string Name, Func<CancellationToken, Task<long>> Operation, long ExpectedSize, Func<TimeSpan>? ServerProcessorTime);
}
