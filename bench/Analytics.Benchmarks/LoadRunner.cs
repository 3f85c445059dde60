using System.Diagnostics;

namespace Analytics.Benchmarks;

/// <summary>How long and how hard to run each measurement, and how many times.</summary>
public sealed record LoadSettings(TimeSpan Warmup, TimeSpan Duration, int MaxRequests, int Rounds);

/// <summary>One measured run of a path at a number of concurrent workers.</summary>
public sealed record Run(
    string Path,
    int Workers,
    int Round,
    TimeSpan Elapsed,
    double[] LatenciesMilliseconds,
    TimeSpan ClientCpu,
    TimeSpan? ServerCpu,
    TimeSpan? OtherCpu)
{
    public double RequestsPerSecond => LatenciesMilliseconds.Length / Elapsed.TotalSeconds;
}

/// <summary>
/// Closed-loop load: <c>workers</c> tasks each send one request, wait for the whole answer, and send the next.
/// A warm-up at the same concurrency first (JIT, tiered compilation, connection and SQLite page caches), then a
/// measured run that stops at the duration or the request bound, whichever comes first.
/// </summary>
public static class LoadRunner
{
    /// <param name="operation">One request; returns the answer's size (bytes or rows), which must be <paramref name="expectedSize"/>.</param>
    /// <param name="serverProcessorTime">The server's CPU time, when the server is another process.</param>
    public static async Task<Run> RunAsync(
        string path,
        int workers,
        int round,
        LoadSettings settings,
        Func<CancellationToken, Task<long>> operation,
        long expectedSize,
        Func<TimeSpan>? serverProcessorTime,
        CancellationToken cancellationToken)
    {
        await RunWorkersAsync(workers, settings.Warmup, int.MaxValue, operation, expectedSize, cancellationToken);

        // Leave the warm-up's garbage out of the measured run.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var self = Process.GetCurrentProcess();
        var clientCpuBefore = self.TotalProcessorTime;
        var serverCpuBefore = serverProcessorTime?.Invoke();
        var machineBefore = MachineLoad.BusyTime();
        var clock = Stopwatch.StartNew();
        var latencies = await RunWorkersAsync(workers, settings.Duration, settings.MaxRequests, operation, expectedSize, cancellationToken);
        var elapsed = clock.Elapsed;
        var machineBusy = MachineLoad.BusyTime() - machineBefore;
        self.Refresh();
        var clientCpu = self.TotalProcessorTime - clientCpuBefore;
        var serverCpu = serverProcessorTime?.Invoke() - serverCpuBefore;

        var all = latencies.SelectMany(l => l).Select(ticks => ticks * 1000.0 / Stopwatch.Frequency).ToArray();
        if (all.Length == 0)
        {
            throw new BenchmarkException($"{path}: no request completed within {settings.Duration}.");
        }

        // What the rest of the machine (other processes) used meanwhile: a shared machine makes numbers noisy.
        var otherCpu = machineBusy - clientCpu - (serverCpu ?? TimeSpan.Zero);
        return new Run(path, workers, round, elapsed, all, clientCpu, serverCpu, otherCpu < TimeSpan.Zero ? TimeSpan.Zero : otherCpu);
    }

    private static async Task<List<long>[]> RunWorkersAsync(
        int workers, TimeSpan duration, int maxRequests, Func<CancellationToken, Task<long>> operation, long expectedSize, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var remaining = maxRequests;
        var latencies = new List<long>[workers];
        var tasks = new Task[workers];
        for (var w = 0; w < workers; w++)
        {
            var mine = latencies[w] = new List<long>(capacity: 4096);
            tasks[w] = Task.Run(
                async () =>
                {
                    while (Stopwatch.GetTimestamp() < deadline && Interlocked.Decrement(ref remaining) >= 0)
                    {
                        var started = Stopwatch.GetTimestamp();
                        var size = await operation(cancellationToken);
                        mine.Add(Stopwatch.GetTimestamp() - started);
                        if (size != expectedSize)
                        {
                            // The answer was checked once before timing; a different size now means something failed.
                            throw new BenchmarkException($"An answer had size {size} instead of the verified {expectedSize}.");
                        }
                    }
                },
                cancellationToken);
        }

        await Task.WhenAll(tasks);
        return latencies;
    }
}

/// <summary>All rounds of one path at one concurrency, pooled: requests over total time, percentiles over every request.</summary>
public sealed record Measurement(
    string Path,
    int Workers,
    int Requests,
    double RequestsPerSecond,
    double MinRoundRequestsPerSecond,
    double MaxRoundRequestsPerSecond,
    double P50Milliseconds,
    double P95Milliseconds,
    double P99Milliseconds,
    double MeanMilliseconds,
    double ClientCpuMillisecondsPerRequest,
    double? ServerCpuMillisecondsPerRequest,
    double? OtherLoadCores)
{
    public static Measurement Of(IReadOnlyList<Run> runs)
    {
        var all = runs.SelectMany(r => r.LatenciesMilliseconds).Order().ToArray();
        var seconds = runs.Sum(r => r.Elapsed.TotalSeconds);
        var server = runs.All(r => r.ServerCpu is not null) ? runs.Sum(r => r.ServerCpu!.Value.TotalMilliseconds) / all.Length : (double?)null;
        var other = runs.All(r => r.OtherCpu is not null) ? runs.Sum(r => r.OtherCpu!.Value.TotalSeconds) / seconds : (double?)null;
        return new Measurement(
            runs[0].Path,
            runs[0].Workers,
            all.Length,
            all.Length / seconds,
            runs.Min(r => r.RequestsPerSecond),
            runs.Max(r => r.RequestsPerSecond),
            Percentile(all, 0.50),
            Percentile(all, 0.95),
            Percentile(all, 0.99),
            all.Average(),
            runs.Sum(r => r.ClientCpu.TotalMilliseconds) / all.Length,
            server,
            other);
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>CPU time used by the whole machine, from <c>/proc/stat</c> (Linux); null elsewhere.</summary>
public static class MachineLoad
{
    // USER_HZ: the unit of /proc/stat, 100 on every mainstream Linux build.
    private const double TicksPerSecond = 100;

    public static TimeSpan? BusyTime()
    {
        const string stat = "/proc/stat";
        if (!File.Exists(stat))
        {
            return null;
        }

        // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is already in user).
        var fields = File.ReadLines(stat).First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(long.Parse).ToArray();
        var busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + (fields.Length > 7 ? fields[7] : 0);
        return TimeSpan.FromSeconds(busy / TicksPerSecond);
    }
}
