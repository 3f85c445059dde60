using System.Diagnostics;
using System.Security.Cryptography;
using DuckDB.NET.Data;

namespace Analytics.Etl.Tests;

/// <summary>A real crash: the CLI process is killed (SIGKILL) in the middle of a load.</summary>
public sealed class KillDuringLoadTests(DemoWarehouseFixture fixture) : IClassFixture<DemoWarehouseFixture>
{
    [Fact]
    public async Task Killing_the_etl_mid_load_leaves_the_previous_warehouse_intact_and_readable()
    {
        var live = fixture.CopyWarehouse();
        var before = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(live)));
        var loading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        using var etl = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Analytics.Etl.dll"), "run", "--connection", fixture.Connection, "--warehouse", live },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        etl.ErrorDataReceived += (_, line) =>
        {
            // Progress lines name each table as it starts loading.
            if (line.Data?.Contains("fact_", StringComparison.Ordinal) == true)
            {
                loading.TrySetResult();
            }
        };
        etl.OutputDataReceived += (_, _) => { };
        etl.BeginErrorReadLine();
        etl.BeginOutputReadLine();

        Assert.Same(loading.Task, await Task.WhenAny(loading.Task, Task.Delay(TimeSpan.FromSeconds(60))));
        etl.Kill(entireProcessTree: true);
        await etl.WaitForExitAsync();

        Assert.Equal(before, Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(live))));
        Assert.Equal(fixture.Result.RunId, await LatestRunAsync(live));

        // The killed process left its staging file behind; the next run publishes normally and removes it.
        var directory = Path.GetDirectoryName(live)!;
        Assert.NotEmpty(Directory.GetFiles(directory, "*.staging-*"));
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.True(await EtlCli.RunAsync(["run", "--connection", fixture.Connection, "--warehouse", live], output, error) == 0, error.ToString());
        Assert.NotEqual(fixture.Result.RunId, await LatestRunAsync(live));
        Assert.Empty(Directory.GetFiles(directory, "*.staging-*"));
    }

    private static async Task<string?> LatestRunAsync(string path)
    {
        await using var connection = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT run_id FROM etl_runs ORDER BY finished_at DESC LIMIT 1";
        return (string?)await command.ExecuteScalarAsync();
    }
}
