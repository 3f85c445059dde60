using Analytics.Data.Tests.Ledgers;

namespace Analytics.Etl.Tests;

/// <summary>Alone in the process, so what it allocates is its own (see <see cref="HostileImportTests"/>).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Alone in the process";
}

/// <summary>
/// <c>etl import</c> of files built to exhaust it: refused with exit 1 and the limit's code, allocating under 50 MB
/// and spending under 1 s of processor time more than importing a one-row ledger does (the store check, EF Core's
/// model). The command reads its file with asynchronous I/O, so both are counted for the whole process, with no other
/// test running; processor time, unlike the clock, does not grow when the machine is busy.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class HostileImportTests(DemoStoreFixture demo) : IClassFixture<DemoStoreFixture>
{
    private const long FiftyMegabytes = 50L * 1024 * 1024;

    [Theory]
    [InlineData("cell-AO1048576.xlsx", "TOO_MANY_ROWS")]
    [InlineData("cell-XFD2.xlsx", "TOO_MANY_COLUMNS")]
    [InlineData("bomb-150mb.xlsx", "FILE_TOO_LARGE")]
    [InlineData("bomb-150mb-declaring-1mb.xlsx", "UNSUPPORTED_FORMAT")]
    [InlineData("shared-strings-2m.xlsx", "FILE_TOO_LARGE")]
    [InlineData("shared-strings-unused-200k.xlsx", "FILE_TOO_LARGE")]
    [InlineData("blank-lines-3m.csv", "TOO_MANY_ROWS")]
    public async Task A_hostile_ledger_exits_1_with_its_limit_costing_under_50_mb_and_1_s_of_cpu_more_than_a_one_row_ledger(string name, string code)
    {
        var connection = demo.CopyStore();
        var directory = Directory.CreateTempSubdirectory("analytics-hostile-");
        try
        {
            var baseline = Path.Combine(directory.FullName, "one-row.csv");
            await File.WriteAllTextAsync(baseline, "姓名,身份证号\n张三,1\n");
            var hostile = Path.Combine(directory.FullName, name);
            await File.WriteAllBytesAsync(hostile, name switch
            {
                "cell-AO1048576.xlsx" => HostileLedgers.LoneCell("AO1048576"),
                "cell-XFD2.xlsx" => HostileLedgers.LoneCell("XFD2"),
                "bomb-150mb.xlsx" => HostileLedgers.DeflateBomb(150),
                "bomb-150mb-declaring-1mb.xlsx" => HostileLedgers.ForgeDeclaredSize(HostileLedgers.DeflateBomb(150), HostileLedgers.SheetPart, 1024 * 1024),
                "shared-strings-2m.xlsx" => HostileLedgers.SharedStrings(2_000_000),
                "shared-strings-unused-200k.xlsx" => HostileLedgers.UnusedSharedStrings(200_000),
                _ => HostileLedgers.BlankLinesCsv(3_000_000),
            });
            await RunAsync("import", baseline, "--connection", connection); // warm: JIT, EF Core's model

            var (_, _, _, usual, usualCpu) = await MeasureAsync("import", baseline, "--connection", connection);
            var (exit, _, error, allocated, cpu) = await MeasureAsync("import", hostile, "--connection", connection);

            Assert.Equal(1, exit);
            Assert.Contains($"[{code}]", error, StringComparison.Ordinal);
            Assert.True(allocated - usual < FiftyMegabytes, $"{name} allocated {allocated:N0} bytes, a one-row ledger {usual:N0}");
            Assert.True(cpu - usualCpu < TimeSpan.FromSeconds(1),
                $"{name} took {cpu.TotalMilliseconds:N0} ms of CPU, a one-row ledger {usualCpu.TotalMilliseconds:N0} ms");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<(int Exit, string Output, string Error, long Allocated, TimeSpan Cpu)> MeasureAsync(params string[] args)
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var (exit, output, error) = await RunAsync(args);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        process.Refresh();
        return (exit, output, error, allocated, process.TotalProcessorTime - cpu);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await EtlCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
