using System.Globalization;
using System.IO.Compression;
using System.Text;
using MiniExcelLibs;

namespace Analytics.Data.Tests.Ledgers;

/// <summary>
/// Hostile ledger files, built by the tests from their description (no binary of unknown origin is committed), and
/// a way to measure what refusing one costs. Shared by the Data, ETL and API tests and the hostile-ledger benchmark
/// (linked into their projects).
/// </summary>
public static class HostileLedgers
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>The members ledger's header row as inline-string cells, so a hostile cell follows a real header.</summary>
    private const string HeaderRow =
        """<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>身份证号</t></is></c></row>""";

    /// <summary>The members ledger's header and one cell at <paramref name="reference"/> (e.g. AO1048576): 1–2 KB.</summary>
    public static byte[] LoneCell(string reference, string? dimension = null) =>
        Workbook(
            (dimension is null ? "" : $"<dimension ref=\"{dimension}\"/>")
            + $"<sheetData>{HeaderRow}<row r=\"{RowOf(reference)}\"><c r=\"{reference}\"><v>1</v></c></row></sheetData>");

    /// <summary>A tiny sheet whose declared dimension reaches <paramref name="dimension"/>.</summary>
    public static byte[] DeclaredDimension(string dimension) => Workbook($"<dimension ref=\"{dimension}\"/><sheetData>{HeaderRow}</sheetData>");

    /// <summary>
    /// A deflate bomb: a valid header, then <paramref name="inflatedMegabytes"/> MB of XML whitespace inside the
    /// sheet (a few hundred KB compressed), so only counting the inflated bytes stops it.
    /// </summary>
    public static byte[] DeflateBomb(int inflatedMegabytes) => Workbook(sheet =>
    {
        sheet.Write(Encoding.UTF8.GetBytes($"<worksheet xmlns=\"{Main}\"><sheetData>{HeaderRow}"));
        var spaces = new byte[1024 * 1024];
        Array.Fill(spaces, (byte)' ');
        for (var i = 0; i < inflatedMegabytes; i++)
        {
            sheet.Write(spaces);
        }

        sheet.Write(Encoding.UTF8.GetBytes("</sheetData></worksheet>"));
    });

    /// <summary>A workbook whose shared-string table holds <paramref name="count"/> strings (declaring only 1).</summary>
    public static byte[] SharedStrings(int count) => Workbook(
        $"<sheetData>{HeaderRow}</sheetData>",
        sharedStrings: strings =>
        {
            strings.Write(Encoding.UTF8.GetBytes($"<sst xmlns=\"{Main}\" count=\"1\" uniqueCount=\"1\">"));
            for (var i = 0; i < count; i++)
            {
                strings.Write(Encoding.UTF8.GetBytes($"<si><t>{i}</t></si>"));
            }

            strings.Write(Encoding.UTF8.GetBytes("</sst>"));
        });

    /// <summary>
    /// A workbook of the members header whose shared-string table holds <paramref name="count"/> strings no cell uses
    /// (declaring 1): small enough to pass the inflated limit, refused by the strings its cells can use.
    /// </summary>
    public static byte[] UnusedSharedStrings(int count) => SharedStrings(count);

    /// <summary>A workbook whose only shared string is <paramref name="characters"/> characters long (a varied text,
    /// so that it does not compress like a bomb).</summary>
    public static byte[] LongText(int characters) => Workbook(
        $"<sheetData>{HeaderRow}<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c></row></sheetData>",
        sharedStrings: strings =>
        {
            strings.Write(Encoding.UTF8.GetBytes($"<sst xmlns=\"{Main}\" count=\"1\" uniqueCount=\"1\"><si><t>"));
            var random = new Random(17);
            var text = new char[characters];
            for (var i = 0; i < text.Length; i++)
            {
                text[i] = (char)('a' + random.Next(26));
            }

            strings.Write(Encoding.UTF8.GetBytes(text));
            strings.Write(Encoding.UTF8.GetBytes("</t></si></sst>"));
        });

    /// <summary>
    /// <paramref name="workbook"/> with the inflated size its zip declares for <paramref name="part"/> (in the central
    /// directory and the local header) replaced by <paramref name="declared"/>: a bomb that lies about its size.
    /// </summary>
    public static byte[] ForgeDeclaredSize(byte[] workbook, string part, uint declared)
    {
        var bytes = (byte[])workbook.Clone();
        var span = bytes.AsSpan();
        var end = span.LastIndexOf([(byte)0x50, (byte)0x4B, (byte)0x05, (byte)0x06]);
        var entries = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(span[(end + 10)..]);
        var at = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(span[(end + 16)..]);
        for (var i = 0; i < entries; i++)
        {
            var nameLength = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 28)..]);
            var extraLength = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 30)..]);
            var commentLength = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 32)..]);
            if (Encoding.UTF8.GetString(span.Slice(at + 46, nameLength)) == part)
            {
                var local = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(span[(at + 42)..]);
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 24)..], declared);
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(span[(local + 22)..], declared);
                return bytes;
            }

            at += 46 + nameLength + extraLength + commentLength;
        }

        throw new ArgumentException($"{part} is not in the workbook", nameof(part));
    }

    /// <summary>The largest county's register of members in the demo city (三元区: 1,500 + 3,400 + 250 + 1,500).</summary>
    public const int LargestCountyMembers = 6_650;

    /// <summary>A members register shaped like the sample (序号 … 备注), with varied names, ID numbers and phones.</summary>
    public static byte[] MembersRegister(int rows)
    {
        var random = new Random(42);
        const string surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
        const string given = "建国秀英志强丽华明辉玉兰海燕春梅文杰晓东";
        string[] organizations = ["中共永安市统计局机关支部委员会", "中共燕西街道东桥社区总支部委员会", "中共大湖镇大湖村支部委员会", "中共永安市第一中学支部委员会"];
        string[] categories = ["农村党员", "在职党员", "流动党员", "离退休党员"];
        var register = Enumerable.Range(1, rows).Select(i =>
        {
            var birth = new DateOnly(1940, 1, 1).AddDays(random.Next(365 * 62));
            return new Dictionary<string, object>
            {
                ["序号"] = i,
                ["姓名"] = $"{surnames[random.Next(surnames.Length)]}{given[random.Next(given.Length)]}{given[random.Next(given.Length)]}",
                ["性别"] = random.Next(2) == 0 ? "男" : "女",
                ["身份证号"] = $"350481{birth:yyyyMMdd}{random.Next(1000):000}{random.Next(10)}",
                ["出生日期"] = birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["联系电话"] = $"13{random.Next(100_000_000, 999_999_999)}",
                ["入党时间"] = birth.AddYears(25 + random.Next(20)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["所在党组织"] = organizations[random.Next(organizations.Length)],
                ["党员类别"] = categories[random.Next(categories.Length)],
                ["星级党员"] = random.Next(5) == 0 ? "是" : "否",
                ["党员干部"] = random.Next(5) == 0 ? "是" : "否",
                ["备注"] = "",
            };
        });
        using var stream = new MemoryStream();
        stream.SaveAs(register, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>The path of the sheet in every workbook built here.</summary>
    public const string SheetPart = "xl/worksheets/sheet1.xml";

    /// <summary>Entity expansion ("billion laughs") in the sheet's DTD.</summary>
    public static byte[] EntityExpansion() => Workbook(sheet =>
    {
        var dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY l0 \"lol\">");
        for (var i = 1; i < 10; i++)
        {
            dtd.Append($"<!ENTITY l{i} \"{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}\">");
        }

        dtd.Append($"]><worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&l9;</t></is></c></row></sheetData></worksheet>");
        sheet.Write(Encoding.UTF8.GetBytes(dtd.ToString()));
    });

    /// <summary>A zip of <paramref name="entries"/> empty parts beside the workbook's own.</summary>
    public static byte[] ManyParts(int entries) => Workbook($"<sheetData>{HeaderRow}</sheetData>", extraParts: entries);

    /// <summary>The members header, then <paramref name="lines"/> blank lines: a few MB that parse into millions of rows.</summary>
    public static byte[] BlankLinesCsv(int lines) => Encoding.UTF8.GetBytes("姓名,身份证号\n" + new string('\n', lines));

    /// <summary>The members header, then a row whose value sits after <paramref name="commas"/> commas.</summary>
    public static byte[] WideCsv(int commas) => Encoding.UTF8.GetBytes("姓名,身份证号\n张三" + new string(',', commas) + "x\n");

    /// <summary>
    /// Bytes allocated and processor time spent on this thread while <paramref name="work"/> runs (it must complete
    /// synchronously, as an import from a <see cref="MemoryStream"/> refused before touching the store does): other
    /// tests running meanwhile do not count, and a busy machine delays the work without adding to either figure.
    /// </summary>
    public static async Task<(T Result, long AllocatedBytes, TimeSpan Cpu, TimeSpan Elapsed)> MeasureAsync<T>(Func<Task<T>> work)
    {
        var thread = Environment.CurrentManagedThreadId;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var cpu = ThreadCpuTime();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var task = work();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        cpu = ThreadCpuTime() - cpu;
        var elapsed = clock.Elapsed;
        if (!task.IsCompleted || thread != Environment.CurrentManagedThreadId)
        {
            // Not an xunit assertion: the benchmark (bench/Analytics.Benchmarks) links this file too.
            throw new InvalidOperationException("the refusal did not complete synchronously, so the thread's allocations and time are not all of its cost");
        }

        return (await task, allocated, cpu, elapsed);
    }

    /// <summary>
    /// Processor time of the calling thread: on Linux from <c>/proc/thread-self/schedstat</c> (nanoseconds on the
    /// CPU); elsewhere the whole process's, which only overstates it.
    /// </summary>
    public static TimeSpan ThreadCpuTime()
    {
        if (OperatingSystem.IsLinux() && File.Exists("/proc/thread-self/schedstat"))
        {
            var fields = File.ReadAllText("/proc/thread-self/schedstat").Split(' ');
            return TimeSpan.FromTicks(long.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture) / 100);
        }

        return System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
    }

    private static int RowOf(string reference) => int.Parse(reference.AsSpan(reference.IndexOfAny("0123456789".ToCharArray())), System.Globalization.CultureInfo.InvariantCulture);

    private static byte[] Workbook(string sheetBody, Action<Stream>? sharedStrings = null, int extraParts = 0) =>
        Workbook(sheet => sheet.Write(Encoding.UTF8.GetBytes($"<worksheet xmlns=\"{Main}\">{sheetBody}</worksheet>")), sharedStrings, extraParts);

    private static byte[] Workbook(Action<Stream> writeSheet, Action<Stream>? sharedStrings = null, int extraParts = 0)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string text)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }

            Part("[Content_Types].xml",
                """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"""
                + (sharedStrings is null ? "" : """<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>""")
                + "</Types>");
            Part("_rels/.rels",
                """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Part("xl/workbook.xml",
                $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Part("xl/_rels/workbook.xml.rels",
                """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"""
                + (sharedStrings is null ? "" : """<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>""")
                + "</Relationships>");
            using (var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open())
            {
                writeSheet(sheet);
            }

            if (sharedStrings is not null)
            {
                using var strings = zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.SmallestSize).Open();
                sharedStrings(strings);
            }

            for (var i = 0; i < extraParts; i++)
            {
                zip.CreateEntry($"xl/media/part{i}.bin");
            }
        }

        return buffer.ToArray();
    }
}
