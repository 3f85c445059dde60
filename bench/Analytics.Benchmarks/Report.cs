using System.Globalization;

namespace Analytics.Benchmarks;

/// <summary>The printed results: a Markdown table, ready to paste into a README or a pull request.</summary>
public static class Report
{
    public const string GraphQLPath = "(a) GraphQL over HTTP";
    public const string HandWrittenPath = "(b) hand-written EF Core + JSON, in-process";

    /// <summary>The project's goal: GraphQL serves at least half the hand-written query's throughput.</summary>
    public const double Goal = 0.5;

    private static readonly CultureInfo _invariant = CultureInfo.InvariantCulture;

    public static void Machine(TextWriter output, Machine machine, LoadSettings settings)
    {
        output.WriteLine(Invariant($"Machine: {machine.ProcessorCount} logical CPUs, {machine.Cpu}; {machine.OperatingSystem}; {machine.Runtime}, {machine.GarbageCollector} GC"));
        output.WriteLine(Invariant($"Store: SQLite {machine.Database} ({machine.DatabaseBytes / 1024.0 / 1024.0:0} MB, {machine.CaseRows:N0} cases)"));
        output.WriteLine(Invariant(
            $"Each path and concurrency: {settings.Rounds} × ({settings.Warmup.TotalSeconds:0} s warm-up, then {settings.Duration.TotalSeconds:0} s or {settings.MaxRequests:N0} requests), interleaved"));
        output.WriteLine();
    }

    public static void Results(TextWriter output, IReadOnlyList<Measurement> results, IReadOnlyList<Measurement> breakdown, IReadOnlyList<Run> runs)
    {
        output.WriteLine();
        Table(output, results);
        output.WriteLine();
        foreach (var workers in results.Select(r => r.Workers).Distinct())
        {
            var graphQL = results.First(r => r.Workers == workers && r.Path == GraphQLPath);
            var handWritten = results.First(r => r.Workers == workers && r.Path == HandWrittenPath);
            var ratio = graphQL.RequestsPerSecond / handWritten.RequestsPerSecond;

            // Each round's ratio on its own: the two paths of one round ran back to back, under similar machine load.
            var perRound = runs.Where(r => r.Workers == workers).GroupBy(r => r.Round).Select(g =>
                g.First(r => r.Path == GraphQLPath).RequestsPerSecond / g.First(r => r.Path == HandWrittenPath).RequestsPerSecond);
            output.WriteLine(Invariant(
                $"Throughput ratio (a)/(b), {workers} worker(s): {ratio:0.00} (rounds: {string.Join(", ", perRound.Select(x => x.ToString("0.00", _invariant)))}); goal ≥ {Goal:0.0}: {(ratio >= Goal ? "met" : "NOT met")}"));
        }

        if (breakdown.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Breakdown (1 worker, 1 round):");
            output.WriteLine();
            Table(output, breakdown);
        }

        output.WriteLine();
        output.WriteLine("req/s pools every round (requests / measured seconds); the range is the slowest and fastest round.");
        output.WriteLine("CPU ms/req: CPU time per request used by this process (the HTTP client, or all of path (b)) and by the API process.");
        output.WriteLine("Other load: cores that other processes on the machine kept busy meanwhile (from /proc/stat); high values mean noisy numbers.");
    }

    private static void Table(TextWriter output, IReadOnlyList<Measurement> rows)
    {
        output.WriteLine("| path | workers | requests | req/s | range | p50 ms | p95 ms | p99 ms | mean ms | CPU ms/req, this process | CPU ms/req, API | other load |");
        output.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var m in rows)
        {
            var server = m.ServerCpuMillisecondsPerRequest is { } cpu ? cpu.ToString("0.00", _invariant) : "–";
            var other = m.OtherLoadCores is { } cores ? cores.ToString("0.00", _invariant) : "?";
            output.WriteLine(Invariant(
                $"| {m.Path} | {m.Workers} | {m.Requests:N0} | {m.RequestsPerSecond:0.0} | {m.MinRoundRequestsPerSecond:0.0}–{m.MaxRoundRequestsPerSecond:0.0} | {m.P50Milliseconds:0.00} | {m.P95Milliseconds:0.00} | {m.P99Milliseconds:0.00} | {m.MeanMilliseconds:0.00} | {m.ClientCpuMillisecondsPerRequest:0.00} | {server} | {other} |"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(_invariant);
}
