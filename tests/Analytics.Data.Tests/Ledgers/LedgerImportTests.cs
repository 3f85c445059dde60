using System.Text;
using Analytics.Data.Ledgers;
using Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Snapshooter;
using Snapshooter.Xunit;

namespace Analytics.Data.Tests.Ledgers;

public sealed class LedgerImportTests : IAsyncLifetime
{
    private LedgerStore _store = null!;

    public async Task InitializeAsync() => _store = await LedgerStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Theory]
    [InlineData("members")]
    [InlineData("pairings")]
    [InlineData("cases")]
    public async Task A_ledger_with_good_and_bad_rows_reports_every_bad_row_and_writes_nothing(string ledger)
    {
        var before = await _store.CountsAsync();

        var result = await _store.ImportAsync(LedgerStore.Fixture($"{ledger}-mixed.csv"));

        Assert.False(result.Succeeded);
        Assert.Equal((0, 0, 0), (result.Inserted, result.Updated, result.Unchanged));
        Assert.Equal(before, await _store.CountsAsync());
        Assert.Equal(0, await ImportAuditEntriesAsync());
        Snapshot.Match(Report(result), SnapshotNameExtension.Create(ledger));
    }

    [Fact]
    public async Task A_case_number_must_begin_with_its_countys_code()
    {
        var before = await _store.CountsAsync();
        var lines = LedgerStore.Fixture("cases-clean.csv").Split('\n');
        lines[1] = lines[1].Replace("350481-2026-000001", "350404-2026-000001", StringComparison.Ordinal);

        var result = await _store.ImportAsync(string.Join('\n', lines));

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, "诉求编号", LedgerErrorCodes.InvalidValue), (error.Row, error.Column, error.Code));
        Assert.Contains("350481-", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await _store.CountsAsync());
    }

    [Theory]
    [InlineData("\u202E")]
    [InlineData("\u2066")]
    [InlineData("\u0007")] // NUL itself makes the file binary: UNSUPPORTED_FORMAT
    [InlineData("\u001B[2J")]
    public async Task Text_with_a_control_or_direction_character_is_refused_as_invalid_input_and_nothing_is_written(string hostile)
    {
        var before = await _store.CountsAsync();
        var lines = LedgerStore.Fixture("members-clean.csv").Split('\n');
        lines[1] = lines[1].Replace("张建国", "张" + hostile + "建国", StringComparison.Ordinal);

        var result = await _store.ImportAsync(string.Join('\n', lines));

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, "姓名", LedgerErrorCodes.InvalidInput), (error.Row, error.Column, error.Code));
        Assert.DoesNotContain(hostile, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await _store.CountsAsync());
    }

    [Fact]
    public async Task Error_messages_never_show_an_id_number_or_phone_unmasked()
    {
        var text = LedgerStore.Fixture("members-mixed.csv");

        var result = await _store.ImportAsync(text);

        var ids = text.Split('\n').Skip(1).Select(l => l.Split(',')).Where(c => c.Length > 5).SelectMany(c => new[] { c[3], c[5] })
            .Where(v => v.Length >= 10).Distinct().ToList();
        Assert.NotEmpty(ids);
        Assert.All(result.Errors, e => Assert.DoesNotContain(ids, id => e.Message.Contains(id, StringComparison.Ordinal)));
        Assert.Contains(result.Errors, e => e.Message.Contains("350481********0223", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Message.Contains("138***4567", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("members", LedgerKind.Members, 3)]
    [InlineData("pairings", LedgerKind.Pairings, 5)]
    [InlineData("cases", LedgerKind.Cases, 4)]
    public async Task A_clean_ledger_imports_and_importing_it_again_leaves_one_copy(string ledger, LedgerKind kind, int rows)
    {
        var text = LedgerStore.Fixture($"{ledger}-clean.csv");
        var before = await _store.CountsAsync();

        var first = await _store.ImportAsync(text);
        var afterFirst = await _store.CountsAsync();
        var second = await _store.ImportAsync(text);

        Assert.Empty(first.Errors);
        Assert.Equal((kind, rows, rows, 0, 0), (first.Kind!.Value, first.RowsRead, first.Inserted, first.Updated, first.Unchanged));
        Assert.Equal((kind, rows, 0, 0, rows), (second.Kind!.Value, second.RowsRead, second.Inserted, second.Updated, second.Unchanged));
        Assert.Equal(Total(before) + rows, Total(afterFirst));
        Assert.Equal(afterFirst, await _store.CountsAsync());

        // Audited in the import's transaction: one entry per row inserted, attributed; the unchanged re-import adds none.
        await using var db = await _store.Contexts.CreateDbContextAsync();
        var entries = await db.AuditEntries.Where(e => e.Operation == LedgerImporter.AuditOperation).ToListAsync();
        Assert.Equal(rows, entries.Count);
        Assert.All(entries, e => Assert.Equal((AuditActor.System.Name, "Added"), (e.Actor, e.Change.ToString())));
    }

    private async Task<int> ImportAuditEntriesAsync()
    {
        await using var db = await _store.Contexts.CreateDbContextAsync();
        return await db.AuditEntries.CountAsync(e => e.Operation == LedgerImporter.AuditOperation);
    }

    [Fact]
    public async Task Imported_members_carry_every_column_of_the_ledger()
    {
        await _store.ImportAsync(LedgerStore.Fixture("members-clean.csv"));

        await using var db = await _store.Contexts.CreateDbContextAsync();
        var member = await db.PartyMembers.Include(m => m.Organization).SingleAsync(m => m.IdNumber == "350481197503150222");
        Assert.Equal(
            ("李秀英", Gender.Female, new DateOnly(1975, 3, 15), "13912345678", new DateOnly(1998, 7, 1), "中共燕西街道南门社区委员会", MemberCategory.Retired, false, false),
            (member.Name, member.Gender, member.BirthDate, member.Phone, member.JoinedOn, member.Organization!.Name, member.Category, member.IsStarMember, member.IsCadre));
        Assert.True(member.UpdatedAt > DateTimeOffset.MinValue, "written through SaveChanges, so the UpdatedAt interceptor stamped it");
    }

    [Fact]
    public async Task A_changed_row_of_a_known_member_updates_that_member_and_leaves_the_others()
    {
        var text = LedgerStore.Fixture("members-clean.csv");
        await _store.ImportAsync(text);

        var result = await _store.ImportAsync(text.Replace("13912345678,1998年7月1日,中共燕西街道南门社区委员会,离退休党员", "13900000000,1998年7月1日,中共永安市统计局机关支部委员会,离退休党员"));

        Assert.Equal((0, 1, 2), (result.Inserted, result.Updated, result.Unchanged));
        await using var db = await _store.Contexts.CreateDbContextAsync();
        var member = await db.PartyMembers.Include(m => m.Organization).SingleAsync(m => m.IdNumber == "350481197503150222");
        Assert.Equal(("13900000000", "中共永安市统计局机关支部委员会"), (member.Phone, member.Organization!.Name));
        Assert.Equal(3, await db.PartyMembers.CountAsync());
    }

    [Fact]
    public async Task A_pairing_ledger_that_ends_a_pairing_updates_its_end_date_only()
    {
        var text = LedgerStore.Fixture("pairings-clean.csv");
        await _store.ImportAsync(text);

        var result = await _store.ImportAsync(text.Replace("村,洪田村,2023-06-01,", "村,洪田村,2023-06-01,2026-06-30"));

        Assert.Equal((0, 1, 4), (result.Inserted, result.Updated, result.Unchanged));
        await using var db = await _store.Contexts.CreateDbContextAsync();
        var pairing = await db.Pairings.SingleAsync(p => p.TargetRegion!.Name == "洪田村");
        Assert.Equal((new DateOnly(2023, 6, 1), new DateOnly(2026, 6, 30)), (pairing.From, pairing.To));
    }

    [Fact]
    public async Task Imported_cases_keep_their_times_in_utc_and_read_as_a_consistent_workflow()
    {
        await _store.ImportAsync(LedgerStore.Fixture("cases-clean.csv"));

        await using var db = await _store.Contexts.CreateDbContextAsync();
        var evaluated = await db.Cases.SingleAsync(c => c.Code == "350481-2026-000001");
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 1, 30, 0, TimeSpan.Zero), evaluated.ReportedAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero), evaluated.ResolvedAt);
        Assert.Equal((CaseStatus.Evaluated, 5, new DateOnly(2026, 3, 16)), (evaluated.Status, evaluated.Satisfaction!.Value, evaluated.DueOn!.Value));
        Assert.True(evaluated.ReportedAt <= evaluated.ClassifiedAt && evaluated.ClassifiedAt <= evaluated.StartedAt
            && evaluated.StartedAt <= evaluated.ResolvedAt && evaluated.ResolvedAt <= evaluated.FeedbackAt && evaluated.FeedbackAt <= evaluated.EvaluatedAt);
        var withdrawn = await db.Cases.SingleAsync(c => c.Code == "350481-2026-000004");
        Assert.Equal((CaseStatus.Withdrawn, new DateTimeOffset(2026, 5, 2, 16, 0, 0, TimeSpan.Zero), (DateTimeOffset?)null, "反映人表示已自行协商解决"),
            (withdrawn.Status, withdrawn.ClosedAt!.Value, withdrawn.ResolvedAt, withdrawn.ClosingReason));
        Assert.Null(evaluated.ClosingReason);
    }

    [Theory]
    [InlineData("members")]
    [InlineData("pairings")]
    [InlineData("cases")]
    public async Task The_kind_of_ledger_is_inferred_from_its_header_row(string ledger)
    {
        var inferred = await _store.ImportAsync(LedgerStore.Fixture($"{ledger}-mixed.csv"));
        var given = await _store.ImportAsync(LedgerStore.Fixture($"{ledger}-mixed.csv"), kind: Enum.Parse<LedgerKind>(ledger, ignoreCase: true));

        Assert.Equal(Enum.Parse<LedgerKind>(ledger, ignoreCase: true), inferred.Kind);
        Assert.Equal(given.Errors, inferred.Errors);
        Assert.NotEmpty(inferred.Errors);
        Assert.Equal(given with { Errors = inferred.Errors }, inferred);
    }

    [Fact]
    public async Task A_ledger_given_the_wrong_kind_names_every_missing_column()
    {
        var result = await _store.ImportAsync(LedgerStore.Fixture("members-clean.csv"), kind: LedgerKind.Pairings);

        Assert.Contains(new LedgerError(1, "共建类型", LedgerErrorCodes.MissingColumn, "The pairings ledger (结对共建台账) needs a column 共建类型."), result.Errors);
        Assert.Contains(result.Errors, e => e is { Code: LedgerErrorCodes.UnknownColumn, Column: "身份证号" });
    }

    [Fact]
    public async Task A_missing_column_is_named_and_nothing_is_written()
    {
        var lines = LedgerStore.Fixture("members-clean.csv").Split('\n');
        var withoutIdNumber = string.Join('\n', lines.Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 3))));

        var result = await _store.ImportAsync(withoutIdNumber);

        Assert.Equal(LedgerKind.Members, result.Kind);
        Assert.Equal([new LedgerError(1, "身份证号", LedgerErrorCodes.MissingColumn, "The members ledger (党员花名册) needs a column 身份证号.")], result.Errors);
        Assert.Equal((0, 0, 0), await _store.CountsAsync());
    }

    [Fact]
    public async Task A_header_row_of_no_ledger_is_refused()
    {
        var result = await _store.ImportAsync("name,age\nZhang,40\n");

        Assert.Equal(LedgerErrorCodes.UnknownLedgerKind, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Xlsx_and_csv_of_the_same_ledger_give_the_same_result()
    {
        var csv = await _store.ImportAsync(LedgerStore.Fixture("members-mixed.csv"));
        var xlsx = await _store.ImportAsync(ToXlsx(LedgerStore.Fixture("members-mixed.csv")), "members.xlsx");

        Assert.Equal(("XLSX", (string?)null), (xlsx.Format, xlsx.Encoding));
        Assert.Equal(csv.Errors, xlsx.Errors);
        Assert.Equal(csv with { Format = "XLSX", Encoding = null }, xlsx with { Errors = csv.Errors });

        var clean = await _store.ImportAsync(ToXlsx(LedgerStore.Fixture("members-clean.csv")), "members.xlsx");
        var again = await _store.ImportAsync(LedgerStore.Fixture("members-clean.csv"));
        Assert.Equal((3, 0), (clean.Inserted, clean.Unchanged));
        Assert.Equal((0, 3), (again.Inserted, again.Unchanged));
    }

    [Fact]
    public async Task Xlsx_dates_and_numbers_typed_as_excel_values_are_read_and_an_id_number_stored_as_a_number_is_refused()
    {
        var header = "姓名,性别,身份证号,出生日期,联系电话,入党时间,所在党组织,党员类别".Split(',');
        var rows = new List<Dictionary<string, object?>>
        {
            Row(header, "张建国", "男", "350481198001020115", new DateTime(1980, 1, 2), 13812345678d, new DateTime(2005, 7, 1), "中共永安市统计局机关支部委员会", "在职党员"),
            Row(header, "李秀英", "女", 350481197503150222d, new DateTime(1975, 3, 15), 13912345678d, new DateTime(1998, 7, 1), "中共燕西街道南门社区委员会", "离退休党员"),
        };
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, excelType: ExcelType.XLSX);

        var result = await _store.ImportAsync(stream.ToArray(), "members.xlsx");

        var error = Assert.Single(result.Errors);
        Assert.Equal((3, "身份证号", LedgerErrorCodes.InvalidIdNumber), (error.Row, error.Column, error.Code));
        Assert.Contains("stored as a number", error.Message);

        rows.RemoveAt(1);
        using var good = new MemoryStream();
        await good.SaveAsAsync(rows, excelType: ExcelType.XLSX);
        Assert.Equal(1, (await _store.ImportAsync(good.ToArray(), "members.xlsx")).Inserted);
        await using var db = await _store.Contexts.CreateDbContextAsync();
        var member = await db.PartyMembers.SingleAsync();
        Assert.Equal((new DateOnly(1980, 1, 2), "13812345678", new DateOnly(2005, 7, 1)), (member.BirthDate, member.Phone, member.JoinedOn));
    }

    [Fact]
    public async Task Xlsx_rows_are_numbered_as_excel_shows_them_when_the_sheet_skips_empty_rows()
    {
        // Excel writes no <row> element for an empty row; the third data row is moved from row 4 to row 7.
        var xlsx = MoveLastRow(ToXlsx(LedgerStore.Fixture("members-clean.csv").Replace("流动党员", "预备党员", StringComparison.Ordinal)), from: 4, to: 7);

        var result = await _store.ImportAsync(xlsx, "members.xlsx");

        var error = Assert.Single(result.Errors);
        Assert.Equal((7, "党员类别", LedgerErrorCodes.InvalidValue), (error.Row, error.Column, error.Code));
        Assert.Equal(3, result.RowsRead);
    }

    [Fact]
    public async Task A_gbk_csv_from_chinese_excel_is_detected_and_read_like_utf8()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = LedgerStore.Fixture("members-mixed.csv");
        var gbk = Encoding.GetEncoding("GBK").GetBytes(text);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(gbk)); // really not UTF-8

        var fromGbk = await _store.ImportAsync(gbk, "members.csv");
        var fromUtf8 = await _store.ImportAsync(text);

        Assert.Equal(("CSV", "GB18030"), (fromGbk.Format, fromGbk.Encoding));
        Assert.Equal(fromUtf8 with { Encoding = "GB18030" }, fromGbk with { Errors = fromUtf8.Errors });
        Assert.Equal(fromUtf8.Errors, fromGbk.Errors);
    }

    [Fact]
    public async Task A_utf8_csv_with_a_byte_order_mark_imports_like_one_without()
    {
        var bytes = new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(LedgerStore.Fixture("members-clean.csv"))).ToArray();

        var result = await _store.ImportAsync(bytes, "members.csv");

        Assert.Equal((LedgerKind.Members, "UTF-8", 3), (result.Kind!.Value, result.Encoding, result.Inserted));
    }

    [Fact]
    public async Task Bytes_that_are_neither_utf8_nor_gb18030_are_refused_with_what_to_do()
    {
        var bytes = Encoding.UTF8.GetBytes("姓名,性别\n").Concat(new byte[] { 0x80, 0xFF, 0xFE, 0x0A }).ToArray();

        var result = await _store.ImportAsync(bytes, "members.csv");

        var error = Assert.Single(result.Errors);
        Assert.Equal((null, LedgerErrorCodes.UnreadableEncoding), (error.Row, error.Code));
        Assert.Contains("CSV UTF-8", error.Message);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_before_a_byte_is_read()
    {
        var fiftyMegabytes = new UnreadableStream(50L * 1024 * 1024);

        var result = await _store.Importer.ImportAsync(fiftyMegabytes, "members.csv");

        var error = Assert.Single(result.Errors);
        Assert.Equal(LedgerErrorCodes.FileTooLarge, error.Code);
        Assert.Equal("The file is 50 MB; the limit is 10 MB. Split the register into several files.", error.Message);
    }

    [Fact]
    public async Task A_sparse_50_mb_file_on_disk_is_refused_by_the_configured_limit()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ledger-{Guid.NewGuid():N}.csv");
        try
        {
            await using (var file = File.Create(path))
            {
                file.SetLength(50L * 1024 * 1024);
            }

            await using var store = await LedgerStore.CreateAsync(new LedgerImportOptions(MaxFileBytes: 1024 * 1024));
            var result = await store.Importer.ImportFileAsync(path);

            Assert.Equal("The file is 50 MB; the limit is 1 MB. Split the register into several files.", Assert.Single(result.Errors).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_stream_of_unknown_length_stops_being_read_just_past_the_limit()
    {
        var endless = new EndlessStream();
        await using var store = await LedgerStore.CreateAsync(new LedgerImportOptions(MaxFileBytes: 1024 * 1024));

        var result = await store.Importer.ImportAsync(endless, "members.csv");

        Assert.Equal(LedgerErrorCodes.FileTooLarge, Assert.Single(result.Errors).Code);
        Assert.InRange(endless.BytesRead, 1024 * 1024 + 1, 1024 * 1024 + 81920);
    }

    [Theory]
    [InlineData("", "members.csv", LedgerErrorCodes.FileEmpty)]
    [InlineData("\n\n", "members.csv", LedgerErrorCodes.FileEmpty)]
    [InlineData("姓名,性别,身份证号,出生日期,联系电话,入党时间,所在党组织,党员类别\n", "members.csv", LedgerErrorCodes.NoRows)]
    [InlineData("姓名,性别\n张三,男\n", "members.pdf", LedgerErrorCodes.UnsupportedFormat)]
    public async Task Empty_ledgers_and_other_file_types_are_refused(string text, string fileName, string code)
    {
        var result = await _store.ImportAsync(text, fileName);

        Assert.Equal(code, Assert.Single(result.Errors).Code);
        Assert.Equal((0, 0, 0), await _store.CountsAsync());
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D }, "neither CSV nor XLSX")]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00, 0x00 }, "legacy Excel 97–2003")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00 }, "not a readable .xlsx")]
    public async Task Binary_files_named_csv_are_refused_saying_what_they_are(byte[] bytes, string says)
    {
        var result = await _store.ImportAsync(bytes, "members.csv");

        var error = Assert.Single(result.Errors);
        Assert.Equal(LedgerErrorCodes.UnsupportedFormat, error.Code);
        Assert.Contains(says, error.Message);
    }

    [Theory]
    [InlineData("35048119800102011", "350481*******2011")]
    [InlineData("3504811980010201AX", "350481********01AX")]
    [InlineData("350481198013020115", "350481********0115")]
    public async Task An_id_number_of_the_wrong_shape_is_refused_masked(string idNumber, string masked)
    {
        var text = LedgerStore.Fixture("members-clean.csv").Replace("350481198001020115", idNumber, StringComparison.Ordinal);

        var result = await _store.ImportAsync(text);

        Assert.Equal(
            new LedgerError(2, "身份证号", LedgerErrorCodes.InvalidIdNumber,
                $"身份证号 {masked} is not an 18-character ID number (17 digits with a birth date, then a digit or X)."),
            Assert.Single(result.Errors));
    }

    [Fact]
    public async Task Quoted_cells_may_hold_commas_quotes_and_line_breaks_and_rows_are_numbered_as_excel_shows_them()
    {
        var text = "姓名,性别,身份证号,出生日期,联系电话,入党时间,所在党组织,党员类别,备注\n"
            + "张建国,男,350481198001020115,1980-01-02,13812345678,2005-07-01,中共永安市统计局机关支部委员会,在职党员,\"第一行\n第二行，\"\"引号\"\",逗号\"\n"
            + "李秀英,女,350481197503150222,1975-03-15,13912345678,1998-07-01,中共燕西街道南门社区委员会,未知,\n";

        var result = await _store.ImportAsync(text);

        Assert.Equal(new LedgerError(3, "党员类别", LedgerErrorCodes.InvalidValue, "党员类别 '未知' is not one of: 农村党员、在职党员、流动党员、离退休党员."), Assert.Single(result.Errors));
    }

    private static long Total((int Members, int Pairings, int Cases) counts) => counts.Members + counts.Pairings + counts.Cases;

    /// <summary>The report as an office would read it, one line per problem.</summary>
    private static string Report(LedgerImportResult result) =>
        $"{result.Kind} {result.Format} {result.Encoding}: {result.RowsRead} rows read\n"
        + string.Join('\n', result.Errors.Select(e => $"row {e.Row?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} | {e.Column ?? "-"} | {e.Code} | {e.Message}"))
        + "\n";

    /// <summary>The CSV as an office would save it from Excel: every cell text, blank rows kept.</summary>
    private static byte[] ToXlsx(string csv)
    {
        var lines = csv.TrimEnd('\n').Split('\n').Select(l => l.Split(',')).ToList();
        var rows = lines.Skip(1).Select(cells => lines[0].Select((h, i) => (h, v: i < cells.Length && cells[i].Length > 0 ? cells[i].Trim('"') : null))
            .ToDictionary(x => x.h, x => (object?)x.v)).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(rows, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static byte[] MoveLastRow(byte[] xlsx, int from, int to)
    {
        using var buffer = new MemoryStream();
        buffer.Write(xlsx);
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet1.xml")!;
            string xml;
            using (var reader = new StreamReader(entry.Open()))
            {
                xml = reader.ReadToEnd();
            }

            Assert.Contains($"<x:row r=\"{from}\">", xml, StringComparison.Ordinal);
            xml = System.Text.RegularExpressions.Regex.Replace(xml, $"r=\"([A-Z]*){from}\"", $"r=\"${{1}}{to}\"");
            xml = System.Text.RegularExpressions.Regex.Replace(xml, $"<x:dimension ref=\"A1:([A-Z]+){from}\"", $"<x:dimension ref=\"A1:${{1}}{to}\"");
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            writer.Write(xml);
        }

        return buffer.ToArray();
    }

    private static Dictionary<string, object?> Row(string[] header, params object?[] values) =>
        header.Select((h, i) => (h, values[i])).ToDictionary(x => x.h, x => x.Item2);

    /// <summary>Claims a length but fails any read: proves the size check comes first.</summary>
    private sealed class UnreadableStream(long length) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get; set; }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("read");
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>An upload whose length is unknown: never ends, counts what was read.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'a');
            BytesRead += count;
            return count;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
