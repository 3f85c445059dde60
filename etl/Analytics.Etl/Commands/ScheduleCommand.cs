using System.CommandLine;
using Analytics.Data;
using Analytics.Etl.Scheduling;

namespace Analytics.Etl.Commands;

/// <summary><c>schedule "&lt;cron&gt;"</c>: stays running and performs the nightly load on the cron expression.</summary>
public static class ScheduleCommand
{
    /// <param name="runOnce">One load with the given settings, incremental or not; true when it succeeded.</param>
    public static Command Create(
        Option<DatabaseProvider?> provider,
        Option<string?> connection,
        Option<string?> warehouse,
        TextWriter error,
        TimeProvider clock,
        Func<EtlSettings, bool, TextWriter, CancellationToken, Task<bool>> runOnce)
    {
        var cron = new Argument<string>("cron")
        {
            Description = "When to run: a cron expression, e.g. \"0 2 * * *\" for 02:00 every day (5 fields, or 6 with seconds).",
        };
        var timeZone = new Option<string?>("--time-zone")
        {
            Description = "Time zone the expression is read in, e.g. Asia/Shanghai (default: the machine's).",
        };

        var incremental = new Option<bool>("--incremental")
        {
            Description = "Each run applies only what changed since the last one (falls back to a full rebuild when it cannot).",
        };

        var command = new Command("schedule", "Stay running and load the warehouse on a cron schedule; Ctrl+C stops it.")
        {
            cron,
            timeZone,
            incremental,
            warehouse,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var expression = NightlySchedule.Parse(parse.GetValue(cron)!);
            var zone = FindTimeZone(parse.GetValue(timeZone));
            var settings = EtlSettings.Load(parse.GetValue(provider), parse.GetValue(connection), parse.GetValue(warehouse));
            var schedule = new NightlySchedule(expression, zone, clock, error);
            await error.WriteLineAsync($"Scheduled \"{parse.GetValue(cron)}\" in {zone.Id}; Ctrl+C stops.");
            var applyChangesOnly = parse.GetValue(incremental);
            await schedule.RunAsync(ct => runOnce(settings, applyChangesOnly, error, ct), maxRuns: null, cancellationToken);
            await error.WriteLineAsync("Schedule stopped.");
            return 0;
        });
        return command;
    }

    private static TimeZoneInfo FindTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return TimeZoneInfo.Local;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new EtlException($"Unknown time zone '{id}'; use an IANA name such as Asia/Shanghai.");
        }
    }
}
