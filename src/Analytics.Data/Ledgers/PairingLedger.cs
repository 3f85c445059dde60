using System.Globalization;
using Analytics.Domain;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Data.Ledgers;

/// <summary>结对共建台账: one row per pairing, keyed by (结对党组织, 联系对象, 共建类型, 开始日期).</summary>
internal sealed class PairingLedger : ILedger
{
    public const string Organization = "结对党组织";
    public const string Program = "共建类型";
    public const string TargetKind = "联系对象类型";
    public const string Target = "联系对象";
    public const string From = "开始日期";
    public const string To = "结束日期";

    private static readonly Dictionary<string, PairingProgram> Programs = new()
    {
        ["四联四促"] = PairingProgram.FourLinks, ["三联共建"] = PairingProgram.ThreeLinks,
        ["四进四联"] = PairingProgram.FourEntries, ["跨村联建"] = PairingProgram.CrossVillage,
    };

    private static readonly Dictionary<string, PairingTargetKind> TargetKinds = new()
    {
        ["村"] = PairingTargetKind.Village, ["社区"] = PairingTargetKind.Community, ["企业"] = PairingTargetKind.Enterprise,
        ["项目"] = PairingTargetKind.Project, ["行政村"] = PairingTargetKind.Village, ["联乡村"] = PairingTargetKind.Village,
        ["联社区"] = PairingTargetKind.Community, ["联企业"] = PairingTargetKind.Enterprise, ["联项目"] = PairingTargetKind.Project,
    };

    public LedgerKind Kind => LedgerKind.Pairings;

    public IReadOnlyList<LedgerColumn> Columns { get; } =
    [
        new(Organization, true, "Full name of the agency (or cross-village) party organization that links."),
        new(Program, true, "四联四促, 三联共建, 四进四联 or 跨村联建."),
        new(TargetKind, true, "村, 社区, 企业 or 项目 (联乡村/联社区/联企业/联项目 and 行政村 also accepted)."),
        new(Target, true, "Village or community: 行政区划代码 or name (a name shared by several villages must be given as the code); enterprise: 统一社会信用代码 or name; project: name."),
        new(From, true, "First day, from 1921-07-01 to today."),
        new(To, false, "Last day; blank while the pairing lasts. Not before 开始日期; may be a planned end in the future."),
    ];

    public async Task<LedgerCounts> StageAsync(
        OperationalDbContext db, IReadOnlyList<LedgerRecord> rows, LedgerRowReader reader, Func<bool> anyErrors, CancellationToken cancellationToken)
    {
        var references = new LedgerReferences(db);
        List<(int Id, string Name, string CreditCode)>? enterprises = null;
        List<(int Id, string Name)>? projects = null;
        var parsed = new List<Pairing>();
        var lines = new List<int>(); // the row of each parsed pairing
        var firstRowOfKey = new Dictionary<(int, PairingTargetKind, int, PairingProgram, DateOnly), int>();
        foreach (var record in rows)
        {
            reader.Record = record;
            var organizationName = reader.Text(Organization, 150);
            var program = reader.Choice(Program, Programs);
            var kind = reader.Choice(TargetKind, TargetKinds);
            var target = reader.Text(Target, 150);
            var from = reader.Date(From, LedgerRowReader.PartyFounded);
            var to = reader.Date(To, LedgerRowReader.PartyFounded, required: false, futureAllowed: true);
            if (from is { } f && to is { } t && t < f)
            {
                reader.Error(To, LedgerErrorCodes.Inconsistent, $"{To} {t:yyyy-MM-dd} is before {From} {f:yyyy-MM-dd}.");
            }

            var organizationId = organizationName is null ? null : await references.OrganizationAsync(reader, Organization, organizationName, cancellationToken);
            int? targetId = null;
            if (kind is { } k && target is not null)
            {
                switch (k)
                {
                    case PairingTargetKind.Village or PairingTargetKind.Community:
                        var level = k == PairingTargetKind.Village ? RegionLevel.Village : RegionLevel.Community;
                        targetId = (await references.RegionAsync(reader, Target, target, [level], cancellationToken))?.Id;
                        break;
                    case PairingTargetKind.Enterprise:
                        enterprises ??= (await db.Enterprises.AsNoTracking().Select(e => new { e.Id, e.Name, e.CreditCode }).ToListAsync(cancellationToken))
                            .Select(e => (e.Id, e.Name, e.CreditCode)).ToList();
                        targetId = Single(reader, "enterprise", target,
                            [.. enterprises.Where(e => e.CreditCode == target || e.Name == target).Select(e => e.Id)]);
                        break;
                    default:
                        projects ??= (await db.Projects.AsNoTracking().Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken))
                            .Select(p => (p.Id, p.Name)).ToList();
                        targetId = Single(reader, "project", target, [.. projects.Where(p => p.Name == target).Select(p => p.Id)]);
                        break;
                }
            }

            if (organizationId is null || program is null || kind is null || targetId is null || from is null)
            {
                continue;
            }

            var key = (organizationId.Value, kind.Value, targetId.Value, program.Value, from.Value);
            if (firstRowOfKey.TryGetValue(key, out var first))
            {
                reader.Error(Target, LedgerErrorCodes.DuplicateKey,
                    string.Create(CultureInfo.InvariantCulture, $"The same pairing (organization, target, program, start) is also on row {first}."));
                continue;
            }

            firstRowOfKey[key] = record.Row;
            lines.Add(record.Row);
            parsed.Add(new Pairing
            {
                OrganizationId = organizationId.Value,
                Program = program.Value,
                TargetKind = kind.Value,
                TargetRegionId = kind is PairingTargetKind.Village or PairingTargetKind.Community ? targetId : null,
                TargetEnterpriseId = kind == PairingTargetKind.Enterprise ? targetId : null,
                TargetProjectId = kind == PairingTargetKind.Project ? targetId : null,
                From = from.Value,
                To = to,
            });
        }

        if (anyErrors())
        {
            return LedgerCounts.None;
        }

        // The existing rows of the file's organizations, to update by the natural key (which unique indexes guard).
        var organizationIds = parsed.Select(p => p.OrganizationId).Distinct().ToList();
        var existing = new List<Pairing>();
        foreach (var chunk in organizationIds.Chunk(500))
        {
            existing.AddRange(await db.Pairings.Where(p => chunk.Contains(p.OrganizationId)).ToListAsync(cancellationToken));
        }

        var byKey = existing.GroupBy(Key).ToDictionary(g => g.Key, g => g.First());
        var inserted = 0;
        var touched = new List<(int, Pairing)>();
        foreach (var (row, line) in parsed.Zip(lines))
        {
            if (byKey.TryGetValue(Key(row), out var pairing))
            {
                pairing.To = row.To;
                touched.Add((line, pairing));
            }
            else
            {
                db.Pairings.Add(row);
                inserted++;
            }
        }

        return LedgerCounts.Of(db, inserted, touched);
    }

    private static (int, PairingTargetKind, int?, int?, int?, PairingProgram, DateOnly) Key(Pairing p) =>
        (p.OrganizationId, p.TargetKind, p.TargetRegionId, p.TargetEnterpriseId, p.TargetProjectId, p.Program, p.From);

    private static int? Single(LedgerRowReader reader, string what, string target, List<int> ids)
    {
        switch (ids.Count)
        {
            case 1:
                return ids[0];
            case 0:
                reader.Error(Target, LedgerErrorCodes.UnknownTarget, $"No {what} is named '{LedgerRowReader.Quote(target)}'.");
                return null;
            default:
                reader.Error(Target, LedgerErrorCodes.AmbiguousTarget,
                    string.Create(CultureInfo.InvariantCulture, $"{ids.Count} {what}s are named '{LedgerRowReader.Quote(target)}'{(what == "enterprise" ? "; write its 统一社会信用代码 instead" : "")}."));
                return null;
        }
    }
}
