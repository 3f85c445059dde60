using System.Net.Http.Json;
using Analytics.Api.Security;
using Analytics.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Api.Tests.Security;

/// <summary>The same API in the Production environment (over the shared demo store): no introspection, no suggestions.</summary>
[Collection(ApiCollection.Name)]
public sealed class ProductionHostTests(ApiFactory factory)
{
    private WebApplicationFactory<Program> Production(params (string Key, string Value)[] settings) =>
        factory.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Auth:SigningKey", factory.Services.GetRequiredService<AuthOptions>().SigningKey);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });

    [Theory]
    [InlineData("{ __schema { types { name } } }")]
    [InlineData("{ __type(name: \"Case\") { fields { name } } }")]
    public async Task Introspection_is_refused_in_production(string query)
    {
        using var production = Production();

        var response = await production.CreateClient().PostQueryAsync(query);

        Assert.Equal(400, response.Status);
        Assert.NotNull((string?)response.Errors![0]!["extensions"]!["code"]);
        Assert.Null(response.Body["data"]);
    }

    [Fact]
    public async Task GraphiQL_is_not_served_in_production_unless_enabled()
    {
        const string browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        using var production = Production();
        using var enabled = Production(("GraphQL:Http:EnableIde", "true"));

        var page = await Get(production, "/graphql", browser);
        var asset = await Get(production, "/graphql/ide/graphiql.min.js", "*/*");
        var enabledPage = await Get(enabled, "/graphql", browser);

        Assert.NotEqual(200, (int)page.StatusCode);
        Assert.DoesNotContain("text/html", page.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        // Without the IDE a browser's GET is an ordinary GraphQL request without a query: a 400 MISSING_QUERY, not a 500.
        Assert.Equal(400, (int)page.StatusCode);
        Assert.Equal("application/graphql-response+json", page.Content.Headers.ContentType?.MediaType);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await page.Content.ReadAsStringAsync())!;
        Assert.Equal("MISSING_QUERY", (string?)body["errors"]![0]!["extensions"]!["code"]);
        Assert.Null(body["data"]);
        Assert.Equal(404, (int)asset.StatusCode);
        Assert.Equal(200, (int)enabledPage.StatusCode);
        Assert.Equal("text/html", enabledPage.Content.Headers.ContentType?.MediaType);

        static async Task<HttpResponseMessage> Get(WebApplicationFactory<Program> host, string path, string accept)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Accept", accept);
            return await host.CreateClient().SendAsync(request);
        }
    }

    [Fact]
    public async Task Validation_errors_suggest_no_field_names_in_production()
    {
        using var production = Production();
        const string query = "{ cases { totalCont } }";

        var development = await factory.CreateGraphQLClient().PostQueryAsync(query);
        var response = await production.CreateClient().PostQueryAsync(query);

        Assert.Contains("Did you mean", (string?)development.Errors![0]!["message"], StringComparison.Ordinal);
        Assert.Equal((string?)development.Errors![0]!["extensions"]!["code"], (string?)response.Errors![0]!["extensions"]!["code"]);
        Assert.DoesNotContain("Did you mean", (string?)response.Errors![0]!["message"], StringComparison.Ordinal);
        Assert.DoesNotContain("totalCount", response.Body.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("query($id: ID!) { node(id: $id) { id } }")]
    [InlineData("query A { __typename } query B { __typename }")]
    [InlineData("{ cases(first: 10, after: \"forged\") { nodes { id } } }")]
    public async Task Production_errors_carry_codes_but_no_details(string query)
    {
        using var production = Production();

        var response = await production.CreateClient().PostQueryAsync(query, new { id = "Q2FzZTox' OR 1=1 --" });
        var text = response.Body.ToJsonString();

        Assert.NotEqual(500, response.Status);
        Assert.NotNull((string?)response.Errors![0]!["extensions"]!["code"]);
        Assert.DoesNotContain("\"details\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        HostileRequestTests.AssertNothingLeaked(text);
    }

    [Fact]
    public async Task A_timed_out_execution_is_a_504_with_code_timeout_and_its_cancellation_reaches_the_database()
    {
        // Every SQL command is held for 5 s unless its cancellation token fires: the 100 ms timeout must cancel the
        // command in flight (a fast machine can no longer finish the query first, and a timeout that stopped only
        // GraphQL, not the database, would leave the command waiting).
        var slow = new SlowCommands(TimeSpan.FromSeconds(5));
        using var impatient = Production(("GraphQL:Limits:ExecutionTimeout", "00:00:00.100"))
            .WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(slow)));

        var client = impatient.CreateClient(); // starts the host (its own start-up commands are not the query's)
        await client.PostQueryAsync("{ __typename }"); // a first request compiles the pipeline: slower than 100 ms
        slow.Armed = true;
        var before = slow.Started;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var response = await client.PostQueryAsync("{ regions(first: 11, where: { level: { eq: COUNTY } }) { nodes { name } } }");
        var elapsed = clock.Elapsed;
        Assert.True(slow.Started > before, "the query ran no SQL command");
        Assert.True(elapsed < TimeSpan.FromSeconds(4), $"the timeout answered after {elapsed}");

        Assert.True(504 == response.Status, $"{response.Status}: {response.Body.ToJsonString()[..Math.Min(300, response.Body.ToJsonString().Length)]}");
        Assert.Equal("TIMEOUT", (string?)response.Errors![0]!["extensions"]!["code"]);
        // The command's cancellation runs on its own continuation, which may come just after the response.
        for (var waited = 0; slow.Cancelled == 0 && waited < 3000; waited += 50)
        {
            await Task.Delay(50);
        }

        Assert.True(slow.Cancelled > 0, $"no SQL command saw the timeout's cancellation ({slow.Started} started, {slow.Synchronous} synchronous)");
    }

    /// <summary>Delays every reader command, honouring its cancellation token, and counts the commands cancelled.</summary>
    private sealed class SlowCommands(TimeSpan delay) : DbCommandInterceptor
    {
        private int _cancelled;
        private int _started;
        private int _synchronous;

        public int Cancelled => _cancelled;

        public int Started => _started;

        public int Synchronous => _synchronous;

        /// <summary>Off while the host starts (its migration check must not wait 5 s).</summary>
        public volatile bool Armed;

        public override InterceptionResult<System.Data.Common.DbDataReader> ReaderExecuting(
            System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<System.Data.Common.DbDataReader> result)
        {
            Interlocked.Increment(ref _synchronous);
            return result;
        }

        public override async ValueTask<InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<System.Data.Common.DbDataReader> result,
            CancellationToken cancellationToken = default)
        {
            if (!Armed)
            {
                return result;
            }

            Interlocked.Increment(ref _started);
            try
            {
                await Task.Delay(delay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _cancelled);
                throw;
            }

            return result;
        }
    }

    [Fact]
    public async Task Persisted_documents_run_by_sha256_id_and_the_allow_list_refuses_other_queries()
    {
        var folder = Directory.CreateTempSubdirectory("analytics-persisted-");
        try
        {
            const string document = "query CountyCount { regions(where: { level: { eq: COUNTY }, validTo: { eq: null } }) { totalCount } }\n";
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "county-count.graphql"), document);
            using var production = Production(("GraphQL:PersistedDocuments:Path", folder.FullName), ("GraphQL:PersistedDocuments:Required", "true"));
            var client = production.CreateClient();

            using var byId = await client.PostAsJsonAsync("/graphql", new { documentId = "sha256:" + FolderPersistedDocumentLoader.Hash(document) });
            var answer = System.Text.Json.Nodes.JsonNode.Parse(await byId.Content.ReadAsStringAsync())!;
            var adHoc = await client.PostQueryAsync(document);
            using var unknown = await client.PostAsJsonAsync("/graphql", new { documentId = "sha256:" + new string('0', 64) });

            Assert.Equal(11, (int)answer["data"]!["regions"]!["totalCount"]!);
            Assert.Equal(400, adHoc.Status);
            Assert.NotNull((string?)adHoc.Errors![0]!["extensions"]!["code"]);
            Assert.Equal(400, (int)unknown.StatusCode);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_caller_over_its_rate_gets_429_with_retry_after()
    {
        using var limited = Production(("GraphQL:RateLimit:PermitsPerSecond", "1"), ("GraphQL:RateLimit:Burst", "3"));
        var client = limited.CreateClient();
        var other = limited.CreateClient().WithToken(ApiTokens.Mint(factory.Services, ApiRoles.Analyst, name: "另一位"));

        // A burst of 3, one more per second: well before 20 requests one is refused.
        HttpResponseMessage? refused = null;
        for (var sent = 0; sent < 20 && refused is null; sent++)
        {
            var response = await client.PostAsJsonAsync("/graphql", new { query = "{ __typename }" });
            if ((int)response.StatusCode == 429)
            {
                refused = response;
            }
            else
            {
                Assert.Equal(200, (int)response.StatusCode);
                response.Dispose();
            }
        }

        Assert.NotNull(refused);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        var health = await limited.CreateClient().WithToken(null).GetAsync("/health"); // anonymous: its own bucket

        Assert.True(int.Parse(refused.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("RATE_LIMITED", (string?)body["errors"]![0]!["extensions"]!["code"]);
        Assert.Equal(200, (await other.PostQueryAsync("{ __typename }")).Status); // another caller has its own bucket
        Assert.Equal(200, (int)health.StatusCode);
    }
}
