using Analytics.Data.Ledgers;

namespace Analytics.Data.Tests.Ledgers;

/// <summary>
/// Files built to exhaust the importer (see <see cref="HostileLedgers"/>) are refused at the limit they pass, before
/// the work it bounds: each costs well under 50 MB of allocations and 1 s of processor time, measured on the
/// importing thread.
/// </summary>
public sealed class HostileLedgerTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const long FiftyMegabytes = 50L * 1024 * 1024;
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    public static TheoryData<string, string> HostileFiles => new()
    {
        // The row is met before its cell.
        { "cell-AO1048576.xlsx", LedgerErrorCodes.TooManyRows },
        { "cell-XFD1048576.xlsx", LedgerErrorCodes.TooManyRows },
        { "cell-AO2.xlsx", LedgerErrorCodes.TooManyColumns },
        { "cell-XFD2.xlsx", LedgerErrorCodes.TooManyColumns },
        { "cell-A1048576.xlsx", LedgerErrorCodes.TooManyRows },
        { "dimension-A1-XFD1048576.xlsx", LedgerErrorCodes.TooManyColumns },
        { "dimension-A1-B1048576.xlsx", LedgerErrorCodes.TooManyRows },
        // Refused from the sizes the zip declares, before anything is inflated.
        { "bomb-150mb.xlsx", LedgerErrorCodes.FileTooLarge },
        // Within the inflated limit, but a thousand times its compressed size.
        { "bomb-20mb.xlsx", LedgerErrorCodes.FileTooLarge },
        // Declaring 1 MB (a ratio of 7), then inflating on: stopped at the declared size.
        { "bomb-150mb-declaring-1mb.xlsx", LedgerErrorCodes.UnsupportedFormat },
        { "shared-strings-2m.xlsx", LedgerErrorCodes.FileTooLarge },
        // 200,000 strings (3 MB) no cell uses: refused after the first thousand.
        { "shared-strings-unused-200k.xlsx", LedgerErrorCodes.FileTooLarge },
        { "text-100k-characters.xlsx", LedgerErrorCodes.FileTooLarge },
        { "billion-laughs.xlsx", LedgerErrorCodes.UnsupportedFormat },
        { "parts-5000.xlsx", LedgerErrorCodes.FileTooLarge },
        { "blank-lines-3m.csv", LedgerErrorCodes.TooManyRows },
        { "wide-2m.csv", LedgerErrorCodes.TooManyColumns },
    };

    internal static byte[] Build(string name) => name switch
    {
        "cell-AO1048576.xlsx" => HostileLedgers.LoneCell("AO1048576"),
        "cell-XFD1048576.xlsx" => HostileLedgers.LoneCell("XFD1048576"),
        "cell-A1048576.xlsx" => HostileLedgers.LoneCell("A1048576"),
        "cell-AO2.xlsx" => HostileLedgers.LoneCell("AO2"),
        "cell-XFD2.xlsx" => HostileLedgers.LoneCell("XFD2"),
        "dimension-A1-XFD1048576.xlsx" => HostileLedgers.DeclaredDimension("A1:XFD1048576"),
        "dimension-A1-B1048576.xlsx" => HostileLedgers.DeclaredDimension("A1:B1048576"),
        "bomb-150mb.xlsx" => HostileLedgers.DeflateBomb(150),
        "bomb-20mb.xlsx" => HostileLedgers.DeflateBomb(20),
        "bomb-150mb-declaring-1mb.xlsx" => HostileLedgers.ForgeDeclaredSize(HostileLedgers.DeflateBomb(150), HostileLedgers.SheetPart, 1024 * 1024),
        "shared-strings-2m.xlsx" => HostileLedgers.SharedStrings(2_000_000),
        "shared-strings-unused-200k.xlsx" => HostileLedgers.UnusedSharedStrings(200_000),
        "text-100k-characters.xlsx" => HostileLedgers.LongText(100_000),
        "billion-laughs.xlsx" => HostileLedgers.EntityExpansion(),
        "parts-5000.xlsx" => HostileLedgers.ManyParts(5_000),
        "blank-lines-3m.csv" => HostileLedgers.BlankLinesCsv(3_000_000),
        "wide-2m.csv" => HostileLedgers.WideCsv(2_000_000),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task A_hostile_file_is_refused_at_its_limit_allocating_under_50_mb_in_under_a_second_of_cpu(string name, string code)
    {
        var bytes = Build(name);
        await using var store = await LedgerStore.CreateAsync();
        // Warm: the first import also compiles the importer, which is no cost of the file.
        await store.Importer.ImportAsync(new MemoryStream(HostileLedgers.LoneCell("A2")), "warm.xlsx");

        var (result, allocated, cpu, elapsed) = await HostileLedgers.MeasureAsync(() => store.Importer.ImportAsync(new MemoryStream(bytes), name));

        var error = Assert.Single(result.Errors);
        output.WriteLine($"{name}: {bytes.Length:N0} bytes, refused with {allocated:N0} bytes allocated, {cpu.TotalMilliseconds:N0} ms CPU ({elapsed.TotalMilliseconds:N0} ms elapsed): {error.Message}");
        Assert.True(code == error.Code, $"{error.Code}: {error.Message}");
        Assert.True(allocated < FiftyMegabytes, $"{name} ({bytes.Length:N0} bytes) allocated {allocated:N0} bytes");
        Assert.True(cpu < OneSecond, $"{name} ({bytes.Length:N0} bytes) took {cpu.TotalMilliseconds:N0} ms of CPU");
    }

    [Fact]
    public async Task The_largest_countys_register_passes_every_workbook_limit()
    {
        await using var store = await LedgerStore.CreateAsync();

        var result = await store.Importer.ImportAsync(new MemoryStream(HostileLedgers.MembersRegister(HostileLedgers.LargestCountyMembers)), "members.xlsx");

        // Its rows are made up (organizations the store does not have): they may fail, the file may not.
        Assert.Equal(HostileLedgers.LargestCountyMembers, result.RowsRead);
        Assert.DoesNotContain(result.Errors, e => e.Row is null);
    }

    [Fact]
    public async Task The_bounds_are_the_configured_row_limit_and_the_widest_ledgers_columns()
    {
        await using var store = await LedgerStore.CreateAsync(new LedgerImportOptions(MaxRows: 10));
        // Its own columns and the ignored 序号 and 备注.
        var columns = Enum.GetValues<LedgerKind>().Max(k => LedgerImporter.ColumnsOf(k).Count) + 2;

        var row12 = await store.Importer.ImportAsync(new MemoryStream(HostileLedgers.LoneCell("A12")), "m.xlsx");
        var row11 = await store.Importer.ImportAsync(new MemoryStream(HostileLedgers.LoneCell("A11")), "m.xlsx");
        var lastColumn = await store.Importer.ImportAsync(new MemoryStream(HostileLedgers.LoneCell(ColumnName(columns) + "2")), "m.xlsx");
        var beyond = await store.Importer.ImportAsync(new MemoryStream(HostileLedgers.LoneCell(ColumnName(columns + 1) + "2")), "m.xlsx");

        Assert.Equal(LedgerErrorCodes.TooManyRows, Assert.Single(row12.Errors).Code);
        Assert.DoesNotContain(row11.Errors, e => e.Code is LedgerErrorCodes.TooManyRows or LedgerErrorCodes.TooManyColumns);
        Assert.DoesNotContain(lastColumn.Errors, e => e.Code == LedgerErrorCodes.TooManyColumns);
        Assert.Equal(LedgerErrorCodes.TooManyColumns, Assert.Single(beyond.Errors).Code);
    }

    [Fact]
    public async Task A_bomb_is_refused_by_the_configured_inflation_limit()
    {
        // The compression ratio is not what this test is about: whitespace compresses a thousand times.
        await using var store = await LedgerStore.CreateAsync(new LedgerImportOptions(MaxInflatedBytes: 2L * 1024 * 1024, MaxCompressionRatio: 10_000));

        var small = await store.Importer.ImportAsync(new MemoryStream(HostileLedgers.DeflateBomb(1)), "m.xlsx");
        var large = await store.Importer.ImportAsync(new MemoryStream(HostileLedgers.DeflateBomb(3)), "m.xlsx");

        Assert.DoesNotContain(small.Errors, e => e.Code == LedgerErrorCodes.FileTooLarge);
        var error = Assert.Single(large.Errors);
        Assert.Equal((LedgerErrorCodes.FileTooLarge, "The workbook inflates to more than 2 MB; a ledger within the row limit needs far less. Save only the register's sheet as .xlsx."),
            (error.Code, error.Message));
    }

    private static string ColumnName(int column)
    {
        var name = "";
        for (; column > 0; column = (column - 1) / 26)
        {
            name = (char)('A' + (column - 1) % 26) + name;
        }

        return name;
    }
}
