using Cronos;

namespace Analytics.Etl.Scheduling;

/// <summary>
/// Runs a job on a cron expression, one run at a time, until cancelled. A failed run is reported and the schedule goes
/// on: the next occurrence tries again (a nightly job should not need a person to restart it).
/// </summary>
public sealed class NightlySchedule(CronExpression cron, TimeZoneInfo zone, TimeProvider clock, TextWriter log)
{
    /// <summary>Parses a 5-field (minute precision) or 6-field (with seconds) cron expression.</summary>
    public static CronExpression Parse(string expression)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        try
        {
            return CronExpression.Parse(expression, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException ex)
        {
            throw new EtlException($"'{expression}' is not a cron expression ({ex.Message}). Example: \"0 2 * * *\" runs at 02:00 every day.");
        }
    }

    /// <summary>The next time the job runs after <paramref name="from"/>, or null when the expression never fires again.</summary>
    public DateTimeOffset? Next(DateTimeOffset from) => cron.GetNextOccurrence(from, zone);

    /// <summary>Waits for each occurrence and runs the job; returns when cancelled or after <paramref name="maxRuns"/> runs.</summary>
    /// <param name="job">One run; true when it succeeded.</param>
    public async Task<int> RunAsync(Func<CancellationToken, Task<bool>> job, int? maxRuns, CancellationToken cancellationToken)
    {
        var runs = 0;
        var failures = 0;
        while (maxRuns is null || runs < maxRuns)
        {
            var now = clock.GetUtcNow();
            if (Next(now) is not { } next)
            {
                await log.WriteLineAsync($"{Stamp(now)} the cron expression fires no more; stopping.");
                break;
            }

            // The timer exists before the line is written, so whoever reads the line may move the clock.
            var wait = Task.Delay(next - now, clock, cancellationToken);
            await log.WriteLineAsync($"{Stamp(now)} next run at {Stamp(next)} ({zone.Id}).");
            try
            {
                await wait;
            }
            catch (OperationCanceledException)
            {
                break;
            }

            runs++;
            await log.WriteLineAsync($"{Stamp(clock.GetUtcNow())} run {runs} starts.");
            bool succeeded;
            try
            {
                succeeded = await job(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await log.WriteLineAsync($"{Stamp(clock.GetUtcNow())} run {runs} cancelled.");
                break;
            }
            catch (Exception ex)
            {
                await log.WriteLineAsync($"{Stamp(clock.GetUtcNow())} run {runs} failed: {ex.Message}");
                succeeded = false;
            }

            failures += succeeded ? 0 : 1;
            await log.WriteLineAsync($"{Stamp(clock.GetUtcNow())} run {runs} {(succeeded ? "succeeded" : "failed; the next occurrence tries again")}.");
        }

        return failures;
    }

    private string Stamp(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture);
}
