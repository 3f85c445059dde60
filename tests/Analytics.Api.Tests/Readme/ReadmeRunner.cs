using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Analytics.Api.Tests.Infrastructure;

namespace Analytics.Api.Tests.Readme;

/// <summary>
/// Runs a document's examples as a reader would, in order, with bash, in a throw-away folder that holds its own
/// <c>data/</c> and links to the repository's files (samples, dashboard queries). What differs from the reader's
/// machine, and nothing else: the API listens on a free loopback port instead of 5080; <c>dotnet run --project …</c>
/// runs the binaries this test build already made (as <c>dotnet run</c> would, in the Development environment)
/// instead of building again; and starting the API is done in the background, waiting until <c>/health</c> reports
/// the store and the warehouse healthy — what a reader waits for before the next step.
/// </summary>
public sealed partial class ReadmeRunner : IAsyncDisposable
{
    private const string DocumentedBase = "http://localhost:5080";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5); // `etl run` on a busy two-core machine
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5); // seeding and the first warehouse on a busy machine

    private readonly string _state;
    private readonly int _port;
    private readonly string _base;
    private Process? _server;
    private string _serverLog = "";
    private int _servers;

    public ReadmeRunner()
    {
        Folder = Directory.CreateTempSubdirectory("analytics-readme-").FullName;
        _state = Path.Combine(Folder, ".readme-test-env");
        _port = FreePort();
        _base = $"http://127.0.0.1:{_port}";

        // The reader's clone: every top-level entry but the data and the results of earlier runs, linked, not copied.
        foreach (var entry in Directory.EnumerateFileSystemEntries(RepositoryPaths.Root))
        {
            var name = Path.GetFileName(entry);
            if (name is not ("data" or ".git" or "TestResults") && !name.StartsWith("casestudy-", StringComparison.Ordinal))
            {
                File.CreateSymbolicLink(Path.Combine(Folder, name), entry);
            }
        }
    }

    /// <summary>The throw-away working folder (the reader's repository root).</summary>
    public string Folder { get; }

    /// <summary>Runs the block's commands in order; throws, naming the example, at the first that fails or prints too little.</summary>
    public async Task RunAsync(ReadmeBlock block)
    {
        var printed = new StringBuilder();
        foreach (var command in block.Commands)
        {
            if (ServerStart().Match(command.Text) is { Success: true } start)
            {
                await StartServerAsync(block, command, start.Groups["args"].Value);
                continue;
            }

            if (DotnetTest().IsMatch(command.Text))
            {
                continue; // The test suite itself, which is running this.
            }

            var script = Translate(block, command);
            var (exit, stdout, stderr) = await BashAsync(
                $"set -a; [ -f {Quote(_state)} ] && . {Quote(_state)}; set -o pipefail\n{script}\n"
                + $"__readme_exit=$?; export -p | grep -Ev '^declare -x (PWD|OLDPWD|SHLVL|_)=' > {Quote(_state)}; exit $__readme_exit");
            if (exit != 0)
            {
                throw Failure(block, command, $"exited with {exit}", stdout, stderr);
            }

            // A GraphQL answer with errors is a failed example however curl exits (it exits 0 on 401 and 400).
            if (JsonErrors(stdout) is { } errors)
            {
                throw Failure(block, command, $"answered with errors: {errors}", stdout, stderr);
            }

            printed.Append(stdout).Append('\n').Append(stderr).Append('\n');
        }

        var output = Unescape(printed.ToString());
        var missing = block.Expected.Where(figure => !Contains(output, figure)).ToList();
        if (missing.Count > 0)
        {
            throw new ReadmeExampleException(
                $"The example at {block} did not print {string.Join(", ", missing.Select(m => $"'{m}'"))}, as its section says."
                + $"\n--- what it printed ---\n{Tail(output)}");
        }
    }

    /// <summary>
    /// The command as the reader types it, but pointed at this test's API and binaries: <c>dotnet run --project P --</c>
    /// becomes <c>dotnet exec</c> of P's build output (no second build; the same Development settings).
    /// </summary>
    private string Translate(ReadmeBlock block, ReadmeCommand command)
    {
        var text = DotnetRun().Replace(command.Text, m => $"dotnet exec {Quote(RepositoryPaths.BuildOutput(m.Groups["project"].Value))}")
            .Replace(DocumentedBase, _base, StringComparison.Ordinal);
        if (UnknownProject().IsMatch(text) || text.Contains("localhost:5080", StringComparison.Ordinal))
        {
            throw Failure(block, command, "cannot be run by the README test: it names a project or an address the test does not "
                + $"know (only src/Analytics.Api, etl/Analytics.Etl and {DocumentedBase}); mark the block "
                + $"`<!-- {ReadmeBlocks.Directive} not run, <why> -->` if it cannot run here", "", "");
        }

        return text;
    }

    private async Task StartServerAsync(ReadmeBlock block, ReadmeCommand command, string arguments)
    {
        await StopServerAsync(); // A reader stops the running API (Ctrl+C) before starting it again with other settings.
        _serverLog = Path.Combine(Folder, $"api-{++_servers}.log");
        _server = Bash(
            $"set -a; [ -f {Quote(_state)} ] && . {Quote(_state)}; set +a\n"
            + $"exec dotnet exec {Quote(RepositoryPaths.BuildOutput("src/Analytics.Api"))} {arguments} --urls {_base} > {Quote(_serverLog)} 2>&1");
        using var http = new HttpClient { BaseAddress = new Uri(_base), Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        var last = "no answer";
        while (clock.Elapsed < StartTimeout)
        {
            if (_server.HasExited)
            {
                throw Failure(block, command, $"the API stopped with exit code {_server.ExitCode}", await ReadLogAsync(), "");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
                last = await response.Content.ReadAsStringAsync();
                var health = JsonNode.Parse(last);
                if (response.IsSuccessStatusCode
                    && (string?)health?["checks"]?["store"]?["status"] == "Healthy"
                    && (string?)health?["checks"]?["warehouse"]?["status"] == "Healthy")
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                last = ex.Message;
            }

            await Task.Delay(250);
        }

        throw Failure(block, command, $"the API was not healthy after {StartTimeout.TotalSeconds:0} s (last /health: {last})", await ReadLogAsync(), "");
    }

    private async Task StopServerAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
        _server = null;
    }

    private async Task<string> ReadLogAsync() => File.Exists(_serverLog) ? Tail(await File.ReadAllTextAsync(_serverLog)) : "";

    private async Task<(int Exit, string Stdout, string Stderr)> BashAsync(string script)
    {
        using var process = Bash(script, redirect: true);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, await stdout, $"{await stderr}\n(killed after {CommandTimeout.TotalSeconds:0} s)");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    private Process Bash(string script, bool redirect = false)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = redirect,
            RedirectStandardError = redirect,
            StandardOutputEncoding = redirect ? Encoding.UTF8 : null,
            StandardErrorEncoding = redirect ? Encoding.UTF8 : null,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);

        // What `dotnet run` gives both projects (launchSettings.json): the Development environment.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = Process.Start(start)!;
        process.StandardInput.Close(); // No example reads a terminal.
        return process;
    }

    private static ReadmeExampleException Failure(ReadmeBlock block, ReadmeCommand command, string what, string stdout, string stderr) =>
        new($"The example at {block.Document}:{command.Line} ({block.Heading}) {what}:\n  {command.Text}"
            + (stdout.Length > 0 ? $"\n--- stdout ---\n{Tail(stdout)}" : "")
            + (stderr.Length > 0 ? $"\n--- stderr ---\n{Tail(stderr)}" : ""));

    /// <summary>
    /// The <c>errors</c> of a GraphQL-shaped JSON answer, if the output is one: top-level, or a mutation payload's
    /// <c>errors</c> (the mutation conventions report a refused write there).
    /// </summary>
    private static string? JsonErrors(string stdout)
    {
        var text = stdout.Trim();
        if (!text.StartsWith('{'))
        {
            return null;
        }

        try
        {
            var answer = JsonNode.Parse(text);
            return answer?["errors"]?.ToJsonString()
                ?? (answer?["data"] as JsonObject)?.Select(field => field.Value?["errors"]).FirstOrDefault(errors => errors is not null)?.ToJsonString();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// A figure printed on its own: <c>175</c> is not found in <c>1775</c>, nor <c>0.30</c> in <c>0.3081</c>. A figure
    /// with decimals is also found as a longer number that rounds to it (<c>0.3081</c> in <c>0.30809999991103254</c>):
    /// the README states figures to the precision a reader needs, JSON prints every digit.
    /// </summary>
    private static bool Contains(string output, string figure)
    {
        var pattern = (char.IsDigit(figure[0]) ? @"(?<![\d.])" : "") + Regex.Escape(figure) + (char.IsDigit(figure[^1]) ? @"(?![\d])" : "");
        if (Regex.IsMatch(output, pattern))
        {
            return true;
        }

        if (!DecimalFigure().IsMatch(figure))
        {
            return false;
        }

        var decimals = figure.Length - figure.IndexOf('.', StringComparison.Ordinal) - 1;
        var value = decimal.Parse(figure, System.Globalization.CultureInfo.InvariantCulture);
        return PrintedNumber().Matches(output).Any(m =>
            m.Groups[1].Value.Length > decimals
            && decimal.TryParse(m.Value, System.Globalization.CultureInfo.InvariantCulture, out var printed)
            && Math.Round(printed, decimals, MidpointRounding.AwayFromZero) == value);
    }

    /// <summary>JSON's <c>\uXXXX</c> escapes read as the characters they stand for, as a reader sees them.</summary>
    private static string Unescape(string text) =>
        JsonUnicode().Replace(text, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());

    private static string Tail(string text, int max = 4000) => text.Length <= max ? text : "…" + text[^max..];

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>A loopback port nobody listens on now.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await StopServerAsync();
        try
        {
            // The links first, so that nothing of the repository they point to can be deleted with the folder.
            foreach (var link in Directory.EnumerateFileSystemEntries(Folder).Select(e => new FileInfo(e)).Where(e => e.LinkTarget is not null))
            {
                link.Delete();
            }

            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a process that is going away: the folder is in the temporary directory anyway.
        }
    }

    /// <summary><c>dotnet run --project src/Analytics.Api</c>, alone or with settings after <c>--</c>: starting the API.</summary>
    [GeneratedRegex(@"^dotnet run(?: -c \w+)? --project src/Analytics\.Api(?: -- (?<args>(?!token\b)[^#&|;]*?))?\s*(?:#.*)?$")]
    private static partial Regex ServerStart();

    [GeneratedRegex(@"^dotnet test\b")]
    private static partial Regex DotnetTest();

    [GeneratedRegex(@"dotnet run(?: -c \w+)? --project (?<project>src/Analytics\.Api|etl/Analytics\.Etl) --")]
    private static partial Regex DotnetRun();

    /// <summary>A <c>dotnet run</c> of a project the test does not translate (it would build it again).</summary>
    [GeneratedRegex(@"dotnet run\b(?=[^#]*--project)")]
    private static partial Regex UnknownProject();

    [GeneratedRegex(@"^-?\d+\.\d+$")]
    private static partial Regex DecimalFigure();

    /// <summary>A decimal number as JSON or a table prints it; group 1 its decimals.</summary>
    [GeneratedRegex(@"(?<![\d.])-?\d+\.(\d+)(?![\d.])")]
    private static partial Regex PrintedNumber();

    [GeneratedRegex(@"\\u([0-9a-fA-F]{4})")]
    private static partial Regex JsonUnicode();
}

public sealed class ReadmeExampleException(string message) : Exception(message);
