using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Analytics.Benchmarks;

/// <summary>
/// The API as it is deployed: its Release build started as a child process (Program, Kestrel, Production environment),
/// listening on a free port of 127.0.0.1, reading the benchmark's SQLite file. Its output goes to a log file.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ApiProcess(Process process, StreamWriter log, Uri baseAddress)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>An administrator's token for this API (started with its own random signing key).</summary>
    public string AdminToken { get; private init; } = "";

    public int Id => _process.Id;

    /// <summary>CPU time the API process has used so far (all its threads).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<ApiProcess> StartAsync(string apiAssembly, string databasePath, string logPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(apiAssembly))
        {
            throw new BenchmarkException($"The API build was not found at {apiAssembly}. Build it first: dotnet build -c Release (or pass --api).");
        }

        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");

        // The apphost beside the dll when there is one, else the muxer: either way the same runtime settings (server GC).
        var appHost = Path.ChangeExtension(apiAssembly, OperatingSystem.IsWindows() ? ".exe" : null);
        var start = File.Exists(appHost) ? new ProcessStartInfo(appHost) : new ProcessStartInfo("dotnet") { ArgumentList = { apiAssembly } };
        foreach (var argument in new[]
        {
            "--Urls", $"http://127.0.0.1:{port}",
            "--Database:Provider", "Sqlite",
            "--ConnectionStrings:Operational", $"Data Source={databasePath}",
            "--Database:SeedDemoData", "false",
        })
        {
            start.ArgumentList.Add(argument);
        }

        // Sign-in is required: a fresh key per run. The per-caller rate limit is off: this compares raw throughput.
        var signingKey = Analytics.Bench.BenchTokens.NewSigningKey();
        start.Environment["Auth__SigningKey"] = signingKey;
        start.Environment["GraphQL__RateLimit__Enabled"] = "false";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.WorkingDirectory = Path.GetDirectoryName(apiAssembly)!;
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        if (!process.Start())
        {
            throw new BenchmarkException($"Could not start {start.FileName}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var api = new ApiProcess(process, log, baseAddress) { AdminToken = Analytics.Bench.BenchTokens.Mint(signingKey, "admin", "bench") };
        try
        {
            await api.WaitUntilHealthyAsync(logPath, cancellationToken);
            return api;
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilHealthyAsync(string logPath, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new BenchmarkException($"The API exited with code {_process.ExitCode} while starting; see {logPath}.");
            }

            try
            {
                using var response = await client.GetAsync("health", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Timed out; try again.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new BenchmarkException($"The API did not report healthy within 60 s; see {logPath}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // Read-only use of the store, so there is nothing to shut down gracefully.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    /// <summary>A port the OS reports free on 127.0.0.1 (released again at once; the API binds it a moment later).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
