using System.CommandLine;
using System.Diagnostics;
using Analytics.Data;
using Analytics.Data.DemoData;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Etl.Commands;

/// <summary><c>seed</c>: migrates the operational store and fills it with the demo city.</summary>
public static class SeedCommand
{
    public static Command Create(
        Option<DatabaseProvider?> provider, Option<string?> connection, TextWriter output, TextWriter error, TimeProvider clock)
    {
        var scale = new Option<int>("--scale")
        {
            Description = "Multiplies members, cases and activities (1 = the published figures' size; 10, 100 for load tests).",
            DefaultValueFactory = _ => 1,
        };
        scale.Validators.Add(result =>
        {
            if (result.GetValue(scale) is < 1 or > 1000)
            {
                result.AddError("--scale must be between 1 and 1000.");
            }
        });
        var seed = new Option<int>("--seed")
        {
            Description = "Random seed: the same seed and scale always give the same rows.",
            DefaultValueFactory = _ => new DemoCityOptions().Seed,
        };

        var command = new Command("seed", "Create or migrate the operational store and fill it with the demo city (三明市). Refuses a store that already holds data.")
        {
            scale,
            seed,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = EtlSettings.Load(parse.GetValue(provider), parse.GetValue(connection), warehousePath: null);
            return await RunAsync(settings, new DemoCityOptions(parse.GetValue(seed), parse.GetValue(scale)), output, error, clock, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        EtlSettings settings, DemoCityOptions options, TextWriter output, TextWriter error, TimeProvider clock, CancellationToken cancellationToken)
    {
        var contexts = OperationalStoreExtensions.CreateFactory(
            settings.Provider, settings.OperationalConnectionString, new UpdatedAtInterceptor(clock));
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await db.Database.MigrateAsync(cancellationToken);
            if (await db.Regions.AnyAsync(cancellationToken))
            {
                throw new EtlException(
                    "The operational store already holds data; seed fills only an empty store. "
                    + "Point ConnectionStrings__Operational (or --connection) at a new database, or delete the SQLite file.");
            }
        }

        error.WriteLine($"Seeding the demo city (scale {options.Scale}, seed {options.Seed}) into the {settings.Provider} store…");
        var elapsed = Stopwatch.StartNew();
        var progress = new SynchronousProgress<DemoCityProgress>(p =>
            error.WriteLine($"  {elapsed.Elapsed.TotalSeconds,6:0.0}s  {p.Step} ({p.RowsWritten:N0} rows so far)"));
        var summary = await DemoCity.SeedAsync(contexts, options, progress, cancellationToken);

        foreach (var (table, rows) in summary.RowsPerTable)
        {
            output.WriteLine($"{table,-24}{rows,12:N0}");
        }

        error.WriteLine($"Done in {elapsed.Elapsed.TotalSeconds:0.0} s.");
        return 0;
    }
}
