using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Analytics.Api.Tests.Infrastructure;

/// <summary>
/// The API as its own process, started as a user starts it (Development, an empty folder as the working directory):
/// what it prints when it starts, and when it cannot. The store is migrated but not seeded, and no warehouse is built,
/// so a start takes seconds.
/// </summary>
public sealed class ApiProcessTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("analytics-api-process-").FullName;

    [Fact]
    public async Task A_second_api_on_a_taken_port_exits_1_with_one_line_naming_the_port_and_how_to_choose_another()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        using var api = Start(url);
        var stdout = api.StandardOutput.ReadToEndAsync();
        var stderr = api.StandardError.ReadToEndAsync();
        await api.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);

        Assert.Equal(1, api.ExitCode);
        Assert.Equal(
            $"error: cannot listen on {url}: the port is already in use (is the API already running?). Stop that process, or "
            + "choose another address, e.g. --urls http://localhost:5081 (or Urls=… in the environment)." + Environment.NewLine,
            await stderr);
        Assert.DoesNotContain("   at ", await stdout, StringComparison.Ordinal); // no stack trace, in the log either
    }

    [Fact]
    public async Task In_development_the_api_prints_an_admin_token_and_a_curl_line_that_signs_in_with_it()
    {
        var url = $"http://127.0.0.1:{Readme.ReadmeRunner.FreePort()}";
        using var api = Start(url);
        try
        {
            var lines = new List<string>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            while (!lines.Any(l => l.StartsWith("curl ", StringComparison.Ordinal)))
            {
                lines.Add(await api.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException("The API stopped before printing a token:\n" + string.Join("\n", lines)));
            }

            var token = lines.Single(l => l.StartsWith("TOKEN=", StringComparison.Ordinal))["TOKEN=".Length..];
            var curl = lines.Single(l => l.StartsWith("curl ", StringComparison.Ordinal));
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{url}/graphql")
            {
                Content = new StringContent("""{"query":"{ regions(first: 1) { totalCount } }"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!["regions"]);
            Assert.StartsWith($"curl -s {url}/graphql -H \"Authorization: Bearer $TOKEN\" ", curl, StringComparison.Ordinal);
        }
        finally
        {
            api.Kill(entireProcessTree: true);
            await api.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Polling_health_while_the_warehouse_is_degraded_logs_nothing_per_poll()
    {
        var url = $"http://127.0.0.1:{Readme.ReadmeRunner.FreePort()}";
        using var api = Start(url);
        var log = new StringBuilder();
        try
        {
            // Started once the sign-in lines are printed; then a monitor's polls while no warehouse is there (Degraded,
            // as while one is being built).
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            while (!log.ToString().Contains("curl ", StringComparison.Ordinal))
            {
                log.AppendLine(await api.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException(log.ToString()));
            }

            using var http = new HttpClient();
            var statuses = new List<string?>();
            for (var i = 0; i < 3; i++)
            {
                statuses.Add((string?)JsonNode.Parse(await http.GetStringAsync($"{url}/health"))!["checks"]!["warehouse"]!["status"]);
            }

            api.Kill(entireProcessTree: true);
            log.Append(await api.StandardOutput.ReadToEndAsync());
            Assert.Equal(["Degraded", "Degraded", "Degraded"], statuses);
            Assert.DoesNotContain("HealthChecks", log.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            if (!api.HasExited)
            {
                api.Kill(entireProcessTree: true);
            }

            await api.WaitForExitAsync();
        }
    }

    private Process Start(string url)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "exec", RepositoryPaths.BuildOutput("src/Analytics.Api"), "--urls", url,
            "--Database:SeedDemoData", "false", "--Warehouse:BuildWhenMissing", "false",
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        return Process.Start(start)!;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
