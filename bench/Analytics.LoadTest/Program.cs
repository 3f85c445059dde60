using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Analytics.Bench;

// usage: Analytics.LoadTest --url http://127.0.0.1:5090 --signing-key KEY [--connections 50] [--duration 60] [--warmup 10]
//                            [--queries dashboards/queries]
// Each connection is one dashboard user (its own token, so its own rate-limit bucket) sending the dashboard mix in a
// closed loop: one request, wait for the whole answer, next. The mix: what the shipped dashboard (/dashboards) sends
// when its user opens it (the city) and picks a county (the officer's own, else 永安市) — its operations from
// dashboards/queries by documentId with the page's variables — and the README's list and count queries a BI tool sends to the
// operational store. An error is any non-200 answer, a body with "errors", or a transport failure.
// The summary covers the measured period after the warm-up; a timeline of 10-second windows covers the whole run, the
// warm-up included (a freshly started API is slower while the runtime compiles its hot code), and any error in either
// makes the exit code 1.
var options = Arguments(args);
var url = new Uri(options.GetValueOrDefault("url") ?? "http://127.0.0.1:5090/");
if (!url.IsLoopback)
{
    Console.Error.WriteLine($"Load goes to loopback only, not to {url}.");
    return 2;
}

var key = options.GetValueOrDefault("signing-key") ?? Environment.GetEnvironmentVariable("Auth__SigningKey");
if (string.IsNullOrEmpty(key))
{
    Console.Error.WriteLine("--signing-key (or Auth__SigningKey) is required: the key the API was started with.");
    return 2;
}

var connections = int.Parse(options.GetValueOrDefault("connections") ?? "50", System.Globalization.CultureInfo.InvariantCulture);
var duration = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("duration") ?? "60", System.Globalization.CultureInfo.InvariantCulture));
var warmup = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("warmup") ?? "10", System.Globalization.CultureInfo.InvariantCulture));
var queries = options.GetValueOrDefault("queries") ?? "dashboards/queries";
if (!File.Exists(Path.Combine(queries, "IncomeGrowth.graphql")))
{
    Console.Error.WriteLine($"--queries {queries}: the dashboard's operations (IncomeGrowth.graphql, …) are not there; run from the repository root.");
    return 2;
}

// Who the 50 users are: county officers of both published counties, analysts and administrators.
(string Role, string? County)[] callers = [("county-officer", "永安市"), ("county-officer", "三元区"), ("analyst", null), ("admin", null)];
var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    BaseAddress = url,
    Timeout = TimeSpan.FromSeconds(30),
};
var users = Enumerable.Range(0, connections).Select(i =>
{
    var (role, county) = callers[i % callers.Length];
    return (Token: BenchTokens.Mint(key, role, $"load-user-{i:D2}", county), Mix: DashboardMix.For(queries, county ?? "永安市"));
}).ToArray();
var mixLength = users[0].Mix.Length;

Console.WriteLine($"warm-up {warmup.TotalSeconds:0} s, then {duration.TotalSeconds:0} s at {connections} connections against {url} ({mixLength} requests in the mix)");
var run = await RunAsync(warmup + duration);

var all = run.Where(s => s.At >= warmup).ToList();
var ok = all.Where(s => s.Error is null).Select(s => s.Milliseconds).OrderBy(x => x).ToArray();
var errors = all.Where(s => s.Error is not null).ToList();
var warmupErrors = run.Count(s => s.At < warmup && s.Error is not null);
Console.WriteLine();
Console.WriteLine($"requests   {all.Count:N0} in {duration.TotalSeconds:0} s = {all.Count / duration.TotalSeconds:N1} req/s");
Console.WriteLine($"latency    p50 {Percentile(ok, 0.50):N1} ms   p90 {Percentile(ok, 0.90):N1} ms   p99 {Percentile(ok, 0.99):N1} ms   max {(ok.Length == 0 ? 0 : ok[^1]):N1} ms");
Console.WriteLine($"errors     {errors.Count:N0} (during the warm-up: {warmupErrors:N0})");
foreach (var group in run.Where(s => s.Error is not null).GroupBy(e => e.Error).Take(5))
{
    Console.WriteLine($"  {group.Count(),6} × {group.Key}");
}

Console.WriteLine();
Console.WriteLine($"{"query",-36} {"count",8} {"p50 ms",8} {"p99 ms",8}");
foreach (var group in all.Where(s => s.Error is null).GroupBy(s => s.Query).OrderBy(g => g.Key, StringComparer.Ordinal))
{
    var sorted = group.Select(s => s.Milliseconds).OrderBy(x => x).ToArray();
    Console.WriteLine($"{group.Key,-36} {sorted.Length,8:N0} {Percentile(sorted, 0.5),8:N1} {Percentile(sorted, 0.99),8:N1}");
}

Console.WriteLine();
Console.WriteLine("timeline (10 s windows by when each request started; * = warm-up)");
Console.WriteLine($"{"from s",8} {"req/s",8} {"p50 ms",8} {"p99 ms",8} {"errors",7}");
foreach (var window in run.GroupBy(s => (int)(s.At.TotalSeconds / 10)).OrderBy(w => w.Key))
{
    var sorted = window.Where(s => s.Error is null).Select(s => s.Milliseconds).OrderBy(x => x).ToArray();
    var from = TimeSpan.FromSeconds(window.Key * 10);
    var seconds = Math.Min(10, (warmup + duration - from).TotalSeconds);
    Console.WriteLine($"{window.Key * 10,7}{(from < warmup ? "*" : " ")} {window.Count() / seconds,8:N1} {Percentile(sorted, 0.5),8:N1} {Percentile(sorted, 0.99),8:N1} {window.Count(s => s.Error is not null),7:N0}");
}

return errors.Count + warmupErrors == 0 ? 0 : 1;

async Task<List<Sample>> RunAsync(TimeSpan length)
{
    var stop = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, connections).Select(async worker =>
    {
        var samples = new List<Sample>();
        var next = worker; // each user starts at a different query of the mix
        while (stop.Elapsed < length)
        {
            var (name, body) = users[worker].Mix[next++ % mixLength];
            using var request = new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", users[worker].Token);
            var at = stop.Elapsed;
            var started = Stopwatch.GetTimestamp();
            string? error;
            try
            {
                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                error = (int)response.StatusCode != 200 ? $"HTTP {(int)response.StatusCode} on {name}"
                    : text.Contains("\"errors\"", StringComparison.Ordinal) ? $"GraphQL error on {name}: {Truncate(text)}"
                    : null;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                error = $"{exception.GetType().Name} on {name}";
            }

            samples.Add(new Sample(name, Stopwatch.GetElapsedTime(started).TotalMilliseconds, error, at));
        }

        return samples;
    });
    return [.. (await Task.WhenAll(workers)).SelectMany(samples => samples)];
}

static double Percentile(double[] sorted, double p) =>
    sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

static string Truncate(string text) => text.Length <= 160 ? text : text[..160] + "…";

static Dictionary<string, string> Arguments(string[] args)
{
    var values = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        values[args[i].TrimStart('-')] = args[i + 1];
    }

    return values;
}

/// <summary>One request: its answer time, its error if any, and when it started (from the start of the warm-up).</summary>
internal sealed record Sample(string Query, double Milliseconds, string? Error, TimeSpan At);

/// <summary>What one dashboard user sends, as JSON request bodies.</summary>
internal static class DashboardMix
{
    /// <summary>The README's queries (no personal fields: every role may send them), to the operational store.</summary>
    public static readonly (string Name, string Query)[] Queries =
    [
        ("county-structure", "{ regions(first: 1) { nodes { name children { name villages: descendantCount(level: VILLAGE) communities: descendantCount(level: COMMUNITY) unitGrids: gridCount(level: 4) gridBranches: partyOrganizationCount(domain: GRID_BRANCH) } } } }"),
        ("recent-resolved-cases", "{ cases(first: 20, where: { channel: { eq: FOUR_STEP }, status: { in: [RESOLVED, FEEDBACK_GIVEN, EVALUATED] } }, order: [{ resolvedAt: DESC }]) { totalCount pageInfo { hasNextPage endCursor } nodes { code title resolvedAt region { name } } } }"),
        ("case-status-counts", "{ open: cases(where: { status: { in: [REPORTED, CLASSIFIED, IN_PROGRESS] } }) { totalCount } closed: cases(where: { status: { in: [EVALUATED, WITHDRAWN, REJECTED] } }) { aggregate { count avg { satisfaction } } } }"),
        ("collective-income", "{ y2019: collectiveIncomes(where: { year: { eq: 2019 } }) { aggregate { count sum { operatingIncome } } } y2021: collectiveIncomes(where: { year: { eq: 2021 } }) { aggregate { count sum { operatingIncome } min { operatingIncome } } } }"),
        ("star-rectification", "{ starRatings(first: 20, where: { year: { eq: 2024 }, stars: { lte: 2 } }, order: [{ score: ASC }]) { totalCount nodes { score stars organization { name } } } }"),
        ("members-by-category", "{ rural: partyMembers(where: { category: { eq: RURAL } }) { totalCount } inService: partyMembers(where: { category: { eq: IN_SERVICE } }) { totalCount } stars: partyMembers(where: { isStarMember: { eq: true } }) { totalCount } }"),
        ("micro-wishes", "{ microWishes(first: 10, order: [{ postedOn: DESC }]) { totalCount nodes { title status region { name } } } }"),
    ];

    /// <summary>The README's queries, then the dashboard's requests for the city and for <paramref name="county"/>.</summary>
    public static (string Name, byte[] Body)[] For(string folder, string county)
    {
        var period = new Dictionary<string, object?> { ["fromYear"] = 2019, ["toYear"] = 2021 };
        var city = new Dictionary<string, object?>(period) { ["region"] = null, ["level"] = "CITY" };
        var inCounty = new Dictionary<string, object?>(period) { ["region"] = county, ["level"] = "COUNTY" };
        (string Operation, string View, Dictionary<string, object?> Variables)[] dashboard =
        [
            // Opening the page: the city (app.js: DashboardContext, then the four panels).
            ("DashboardContext", "city", []),
            ("IncomeGrowth", "city", city),
            ("GridCoverage", "city", new() { ["region"] = null, ["level"] = "COUNTY" }),
            ("CaseResolution", "city", city),
            ("PairingAndStars", "city", city),
            // Picking the county: the four panels again, and its case study.
            ("IncomeGrowth", "county", inCounty),
            ("GridCoverage", "county", new() { ["region"] = county, ["level"] = "TOWNSHIP" }),
            ("CaseResolution", "county", inCounty),
            ("PairingAndStars", "county", inCounty),
            ("CaseStudy", "county", new() { ["county"] = county }),
        ];
        return
        [
            .. Queries.Select(q => (q.Name, JsonSerializer.SerializeToUtf8Bytes(new { query = q.Query }))),
            // As the page posts them: by persisted-document id (sha256 of the file), which the API's default
            // GraphQL:PersistedDocuments:Path (dashboards/queries) resolves.
            .. dashboard.Select(d => ($"dashboard {d.Operation} ({d.View})", JsonSerializer.SerializeToUtf8Bytes(new
            {
                documentId = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
                    File.ReadAllBytes(Path.Combine(folder, $"{d.Operation}.graphql")))),
                operationName = d.Operation,
                variables = d.Variables,
            }))),
        ];
    }
}
