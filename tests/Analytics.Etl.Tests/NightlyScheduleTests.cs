using Analytics.Etl;
using Analytics.Etl.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace Analytics.Etl.Tests;

public sealed class NightlyScheduleTests
{
    private static readonly TimeZoneInfo _shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public void Two_oclock_every_night_means_two_oclock_in_the_offices_time_zone()
    {
        var schedule = new NightlySchedule(NightlySchedule.Parse("0 2 * * *"), _shanghai, TimeProvider.System, TextWriter.Null);

        var next = schedule.Next(new DateTimeOffset(2026, 11, 22, 20, 0, 0, TimeSpan.Zero)); // 04:00 on the 23rd in Shanghai

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero), next); // 02:00 on the 24th in Shanghai
    }

    [Theory]
    [InlineData("every night")]
    [InlineData("61 2 * * *")]
    [InlineData("0 2 * *")]
    public void A_bad_expression_is_refused_with_an_example(string expression)
    {
        var error = Assert.Throws<EtlException>(() => NightlySchedule.Parse(expression));

        Assert.Contains("is not a cron expression", error.Message);
        Assert.Contains("0 2 * * *", error.Message);
    }

    [Theory]
    [InlineData("every night", "is not a cron expression")]
    [InlineData("0 2 * * *|--time-zone|Mars/Olympus", "Unknown time zone 'Mars/Olympus'")]
    public async Task The_schedule_command_refuses_bad_input_in_one_line(string args, string message)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await EtlCli.RunAsync(["schedule", .. args.Split('|')], output, error);

        Assert.Equal(1, exit);
        Assert.Contains(message, error.ToString());
        Assert.Single(error.ToString().Trim().Split('\n'));
    }

    [Fact]
    public async Task Runs_happen_at_each_occurrence_and_a_failure_does_not_stop_the_schedule()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 17, 59, 0, TimeSpan.Zero)); // 01:59 in Shanghai
        var log = new WaitingSignal();
        var schedule = new NightlySchedule(NightlySchedule.Parse("0 2 * * *"), _shanghai, clock, log);
        var ranAt = new List<DateTimeOffset>();
        Task<bool> Job(CancellationToken _)
        {
            ranAt.Add(clock.GetUtcNow());
            if (ranAt.Count == 1)
            {
                throw new InvalidOperationException("the source store is down");
            }

            return Task.FromResult(true);
        }

        var running = schedule.RunAsync(Job, maxRuns: 2, CancellationToken.None);
        await AdvanceToEachOccurrenceAsync(clock, schedule, log, running, maxSteps: 2);
        var failures = await running;

        Assert.Equal(
            [new DateTimeOffset(2026, 11, 22, 18, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero)],
            ranAt);
        Assert.Equal(1, failures);
    }

    [Fact]
    public async Task Cancelling_while_waiting_stops_without_running()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var schedule = new NightlySchedule(NightlySchedule.Parse("0 2 * * *"), _shanghai, clock, TextWriter.Null);
        using var cancel = new CancellationTokenSource();
        var runs = 0;

        var running = schedule.RunAsync(_ => { runs++; return Task.FromResult(true); }, maxRuns: null, cancel.Token);
        clock.Advance(TimeSpan.FromHours(1));
        await cancel.CancelAsync();

        Assert.Equal(0, await running);
        Assert.Equal(0, runs);
    }

    /// <summary>Moves the fake clock to each next occurrence exactly, once the schedule says it is waiting for it.</summary>
    private static async Task AdvanceToEachOccurrenceAsync(FakeTimeProvider clock, NightlySchedule schedule, WaitingSignal log, Task running, int maxSteps)
    {
        for (var step = 0; step < maxSteps; step++)
        {
            Assert.True(await log.Waiting.WaitAsync(TimeSpan.FromSeconds(10)), "the schedule never started waiting");
            clock.Advance(schedule.Next(clock.GetUtcNow())!.Value - clock.GetUtcNow());
        }

        Assert.Same(running, await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(10))));
    }

    /// <summary>A log that signals each time the schedule starts waiting for its next occurrence.</summary>
    private sealed class WaitingSignal : StringWriter
    {
        public SemaphoreSlim Waiting { get; } = new(0);

        public override Task WriteLineAsync(string? value)
        {
            if (value?.Contains("next run at", StringComparison.Ordinal) == true)
            {
                Waiting.Release();
            }

            return base.WriteLineAsync(value);
        }
    }
}
