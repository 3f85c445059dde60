using System.Diagnostics;
using Analytics.Data.DemoData;
using Xunit.Abstractions;

namespace Analytics.Data.Tests.DemoData;

/// <summary>Runs only when <see cref="Variable"/> names a scale: a measurement, not an assertion.</summary>
public sealed class TimingFactAttribute : FactAttribute
{
    public const string Variable = "DEMO_CITY_TIMING_SCALE";

    public TimingFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"Measures the generator; run with {Variable}=10 and a detailed console logger.";
        }
    }
}

/// <summary>
/// Prints how long the generator takes at scale 1 and at the scale in DEMO_CITY_TIMING_SCALE, each into a fresh
/// SQLite file: <c>DEMO_CITY_TIMING_SCALE=10 dotnet test tests/Analytics.Data.Tests -c Release --filter
/// FullyQualifiedName~DemoCityTimingTests --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class DemoCityTimingTests(ITestOutputHelper output)
{
    [TimingFact]
    public async Task Measure_generation_time()
    {
        var scale = int.Parse(Environment.GetEnvironmentVariable(TimingFactAttribute.Variable)!, System.Globalization.CultureInfo.InvariantCulture);
        foreach (var s in scale == 1 ? [1] : new[] { 1, scale })
        {
            await using var store = await TemporaryStore.CreateAsync();
            var steps = new List<string>();
            var stopwatch = Stopwatch.StartNew();
            var summary = await DemoCity.SeedAsync(
                store.Contexts,
                new DemoCityOptions(Scale: s),
                new InlineProgress(p => steps.Add($"{stopwatch.Elapsed.TotalSeconds,6:F2} s  {p.Step} ({p.RowsWritten:N0} rows so far)")));
            stopwatch.Stop();

            output.WriteLine($"Scale {s}: {summary.RowsPerTable.Values.Sum():N0} rows in {stopwatch.Elapsed.TotalSeconds:F2} s, file {new FileInfo(store.File).Length / 1_048_576} MB");
            steps.ForEach(output.WriteLine);
            output.WriteLine(summary.ToString());
        }
    }

    /// <summary>Reports on the calling thread (<see cref="Progress{T}"/> posts to the thread pool, out of order).</summary>
    private sealed class InlineProgress(Action<DemoCityProgress> report) : IProgress<DemoCityProgress>
    {
        public void Report(DemoCityProgress value) => report(value);
    }
}
