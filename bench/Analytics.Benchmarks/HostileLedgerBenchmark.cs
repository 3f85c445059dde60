using System.CommandLine;
using System.Globalization;
using System.IO.Compression;
using Analytics.Data;
using Analytics.Data.Ledgers;
using Analytics.Data.Tests.Ledgers;

namespace Analytics.Benchmarks;

/// <summary>
/// <c>hostile-ledgers</c>: what refusing each hostile ledger costs the importer (processor time and bytes allocated
/// on the importing thread, the median of many runs), beside how large a real register is inflated. The files are the
/// tests' (<see cref="HostileLedgers"/>), built here from their description. No store is needed: every refusal
/// happens before the importer asks the store anything.
/// </summary>
public static class HostileLedgerBenchmark
{
    private const int LargestCountyMembers = HostileLedgers.LargestCountyMembers;

    private static readonly (string Name, Func<byte[]> Build)[] Files =
    [
        ("cell-XFD1048576.xlsx", () => HostileLedgers.LoneCell("XFD1048576")),
        ("dimension-A1-XFD1048576.xlsx", () => HostileLedgers.DeclaredDimension("A1:XFD1048576")),
        ("bomb-150mb.xlsx", () => HostileLedgers.DeflateBomb(150)),
        ("bomb-20mb.xlsx", () => HostileLedgers.DeflateBomb(20)),
        ("bomb-150mb-declaring-1mb.xlsx", () => HostileLedgers.ForgeDeclaredSize(HostileLedgers.DeflateBomb(150), HostileLedgers.SheetPart, 1024 * 1024)),
        ("shared-strings-2m.xlsx", () => HostileLedgers.SharedStrings(2_000_000)),
        ("shared-strings-unused-200k.xlsx", () => HostileLedgers.UnusedSharedStrings(200_000)),
        ("text-100k-characters.xlsx", () => HostileLedgers.LongText(100_000)),
        ("billion-laughs.xlsx", HostileLedgers.EntityExpansion),
        ("parts-5000.xlsx", () => HostileLedgers.ManyParts(5_000)),
        ("blank-lines-3m.csv", () => HostileLedgers.BlankLinesCsv(3_000_000)),
        ("wide-2m.csv", () => HostileLedgers.WideCsv(2_000_000)),
    ];

    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Refusals measured per file (the median is shown).", DefaultValueFactory = _ => 20 };
        var command = new Command("hostile-ledgers", "What refusing each hostile ledger file costs the importer: CPU time and allocations on its thread.")
        {
            runs,
        };
        command.SetAction(async (parse, cancellationToken) => await RunAsync(Math.Max(1, parse.GetValue(runs)), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int runs, CancellationToken cancellationToken)
    {
        // Never opened: a refusal happens before the importer asks the store anything (MeasureAsync checks that it
        // completed synchronously).
        var contexts = OperationalStoreExtensions.CreateFactory(DatabaseProvider.Sqlite, "Data Source=:memory:");
        var options = new LedgerImportOptions();
        var importer = new LedgerImporter(contexts, TimeProvider.System, options);
        await Console.Out.WriteLineAsync($"Machine: {Environment.ProcessorCount} cores, {Machine.Describe(Environment.ProcessPath!, 0).Cpu}, "
            + $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");

        var register = HostileLedgers.MembersRegister(LargestCountyMembers);
        var inflated = Inflated(register);
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"A register of {LargestCountyMembers:N0} members (the largest county's), 12 columns, as MiniExcel writes it: {register.Length / 1024.0 / 1024.0:0.0} MB, inflating to {inflated / 1024.0 / 1024.0:0.0} MB ({inflated / LargestCountyMembers:N0} bytes a row); the inflated limit is {options.MaxInflatedBytes / 1024 / 1024:N0} MB."));
        await Console.Out.WriteLineAsync();
        await Console.Out.WriteLineAsync($"| file | bytes | refused with | CPU ms (median of {runs}) | CPU ms (max) | allocated MB (median) |");
        await Console.Out.WriteLineAsync("|---|---:|---|---:|---:|---:|");
        foreach (var (name, build) in Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var bytes = build();
            await importer.ImportAsync(new MemoryStream(bytes), name, cancellationToken: cancellationToken); // warm
            var cpu = new List<double>();
            var allocated = new List<long>();
            string? code = null;
            for (var i = 0; i < runs; i++)
            {
                var (result, bytesAllocated, cpuTime, _) = await HostileLedgers.MeasureAsync(
                    () => importer.ImportAsync(new MemoryStream(bytes), name, cancellationToken: cancellationToken));
                code = string.Join(", ", result.Errors.Select(e => e.Code).Distinct());
                cpu.Add(cpuTime.TotalMilliseconds);
                allocated.Add(bytesAllocated);
            }

            cpu.Sort();
            allocated.Sort();
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {bytes.Length:N0} | {code} | {cpu[cpu.Count / 2]:0.0} | {cpu[^1]:0.0} | {allocated[allocated.Count / 2] / 1024.0 / 1024.0:0.00} |"));
        }

        return 0;
    }

    private static long Inflated(byte[] workbook)
    {
        using var zip = new ZipArchive(new MemoryStream(workbook), ZipArchiveMode.Read);
        return zip.Entries.Sum(e => e.Length);
    }
}
