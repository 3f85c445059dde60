using System.Globalization;
using Analytics.Domain;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Data.Ledgers;

/// <summary>民情诉求台账: one row per case, keyed by 诉求编号.</summary>
internal sealed class CaseLedger : ILedger
{
    public const string Code = "诉求编号";
    public const string Title = "诉求标题";
    public const string Region = "所属区划";
    public const string Grid = "所属网格";
    public const string Channel = "受理渠道";
    public const string Category = "诉求类别";
    public const string Reporter = "诉求人类型";
    public const string Status = "办理状态";
    public const string ReportedAt = "受理时间";
    public const string DueOn = "办结时限";
    public const string FinishedAt = "办结时间";
    public const string AssignedOrganization = "承办党组织";
    public const string Satisfaction = "满意度";
    public const string ClosingReason = "不予受理或撤回原因";

    private static readonly Dictionary<string, CaseChannel> Channels = new()
    {
        ["平时工作法"] = CaseChannel.GridVisit, ["居民夜谈会"] = CaseChannel.NightTalk, ["民情处置四步走"] = CaseChannel.FourStep,
        ["党建轮值"] = CaseChannel.RotationDuty, ["红色管家"] = CaseChannel.RedSteward, ["三百活动"] = CaseChannel.EnterpriseService,
        ["12345热线"] = CaseChannel.Hotline12345, ["夜谈会"] = CaseChannel.NightTalk, ["四步走"] = CaseChannel.FourStep,
        ["18汇企日"] = CaseChannel.EnterpriseService, ["12345"] = CaseChannel.Hotline12345,
    };

    private static readonly Dictionary<string, CaseCategory> Categories = new()
    {
        ["基础设施"] = CaseCategory.Infrastructure, ["环境卫生"] = CaseCategory.Environment, ["物业管理"] = CaseCategory.Property,
        ["邻里纠纷"] = CaseCategory.Dispute, ["社会保障"] = CaseCategory.SocialSecurity, ["就业"] = CaseCategory.Employment,
        ["企业融资"] = CaseCategory.EnterpriseFinance, ["安全隐患"] = CaseCategory.Safety, ["其他"] = CaseCategory.Other,
        ["招工用工"] = CaseCategory.Employment,
    };

    private static readonly Dictionary<string, CaseReporter> Reporters = new()
    {
        ["居民"] = CaseReporter.Resident, ["企业"] = CaseReporter.Enterprise, ["群众"] = CaseReporter.Resident,
    };

    private static readonly Dictionary<string, CaseStatus> Statuses = new()
    {
        ["已受理"] = CaseStatus.Reported, ["已分类"] = CaseStatus.Classified, ["办理中"] = CaseStatus.InProgress,
        ["已办结"] = CaseStatus.Resolved, ["已反馈"] = CaseStatus.FeedbackGiven, ["已评议"] = CaseStatus.Evaluated,
        ["不予受理"] = CaseStatus.Rejected, ["已撤回"] = CaseStatus.Withdrawn, ["已交办"] = CaseStatus.Classified,
    };

    private static readonly RegionLevel[] CaseRegionLevels = [RegionLevel.Township, RegionLevel.Village, RegionLevel.Community];

    public LedgerKind Kind => LedgerKind.Cases;

    public IReadOnlyList<LedgerColumn> Columns { get; } =
    [
        new(Code, true, "Case number, unique, at most 32 letters, digits and hyphens, beginning with the county's 行政区划 code and a hyphen (e.g. 350481-2021-000123); the key of the ledger."),
        new(Title, true, "What was raised, at most 200 characters."),
        new(Region, true, "The village, community or township: 行政区划代码 or a name no other such region shares."),
        new(Grid, false, "Grid code (网格编码) inside that region; blank if none."),
        new(Channel, true, "平时工作法, 居民夜谈会, 民情处置四步走, 党建轮值, 红色管家, 三百活动 (or 18汇企日) or 12345热线."),
        new(Category, true, "基础设施, 环境卫生, 物业管理, 邻里纠纷, 社会保障, 就业 (招工用工), 企业融资, 安全隐患 or 其他."),
        new(Reporter, true, "居民 (群众) or 企业."),
        new(Status, true, "已受理, 已分类 (已交办), 办理中, 已办结, 已反馈, 已评议, 不予受理 or 已撤回."),
        new(ReportedAt, true, "When the case was received, Beijing time (2021-07-01 or 2021-07-01 09:30), from 1921-07-01 to now."),
        new(DueOn, false, "Deadline date; not before 受理时间, may be in the future."),
        new(FinishedAt, false, "When it was resolved (已办结/已反馈/已评议) or closed (不予受理/已撤回): required for those, blank otherwise; not before 受理时间."),
        new(AssignedOrganization, false, "Full name of the party organization handling it."),
        new(Satisfaction, false, "1 (very dissatisfied) to 5 (very satisfied): required for 已评议, blank otherwise."),
        new(ClosingReason, false, "Why the case was not taken up (不予受理) or withdrawn (已撤回), at most 500 characters; blank otherwise."),
    ];

    public async Task<LedgerCounts> StageAsync(
        OperationalDbContext db, IReadOnlyList<LedgerRecord> rows, LedgerRowReader reader, Func<bool> anyErrors, CancellationToken cancellationToken)
    {
        var references = new LedgerReferences(db);
        var gridCodes = rows.Select(r => { reader.Record = r; return reader.Raw(Grid); }).OfType<string>().Distinct().ToList();
        var grids = new Dictionary<string, (int Id, string RegionPath)>(StringComparer.Ordinal);
        foreach (var chunk in gridCodes.Chunk(500))
        {
            foreach (var grid in await db.Grids.AsNoTracking().Where(g => chunk.Contains(g.Code))
                         .Select(g => new { g.Id, g.Code, g.Region!.Path }).ToListAsync(cancellationToken))
            {
                grids[grid.Code] = (grid.Id, grid.Path);
            }
        }

        var parsed = new List<Case>();
        var lines = new List<int>(); // the row of each parsed case
        var firstRowOfKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in rows)
        {
            reader.Record = record;
            var code = reader.Text(Code, 32);
            if (code is not null && code.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '-')))
            {
                reader.Error(Code, LedgerErrorCodes.InvalidValue, $"{Code} '{LedgerRowReader.Quote(code)}' may hold only letters, digits and hyphens.");
                code = null;
            }

            var title = reader.Text(Title, 200);
            var regionText = reader.Text(Region, 100);
            var gridCode = reader.Text(Grid, 50, required: false);
            var channel = reader.Choice(Channel, Channels);
            var category = reader.Choice(Category, Categories);
            var reporter = reader.Choice(Reporter, Reporters);
            var status = reader.Choice(Status, Statuses);
            var reportedAt = reader.Time(ReportedAt, LedgerRowReader.PartyFounded);
            var dueOn = reader.Date(DueOn, LedgerRowReader.PartyFounded, required: false, futureAllowed: true);
            var finishedAt = reader.Time(FinishedAt, LedgerRowReader.PartyFounded, required: false);
            var organizationName = reader.Text(AssignedOrganization, 150, required: false);
            var satisfaction = reader.Integer(Satisfaction, Case.MinSatisfaction, Case.MaxSatisfaction, required: false);
            var closingReason = reader.Text(ClosingReason, Case.MaxClosingReasonLength, required: false);

            if (status is { } s)
            {
                var finished = s.IsResolved() || s is CaseStatus.Rejected or CaseStatus.Withdrawn;
                if (finished && finishedAt is null && reader.Raw(FinishedAt) is null)
                {
                    reader.Error(FinishedAt, LedgerErrorCodes.Required, $"{FinishedAt} is required when {Status} is {Label(s)}.");
                }
                else if (!finished && reader.Raw(FinishedAt) is not null)
                {
                    reader.Error(FinishedAt, LedgerErrorCodes.Inconsistent, $"{FinishedAt} must be blank while {Status} is {Label(s)}.");
                }

                if (s == CaseStatus.Evaluated && satisfaction is null && reader.Raw(Satisfaction) is null)
                {
                    reader.Error(Satisfaction, LedgerErrorCodes.Required, $"{Satisfaction} is required when {Status} is 已评议.");
                }
                else if (s != CaseStatus.Evaluated && reader.Raw(Satisfaction) is not null)
                {
                    reader.Error(Satisfaction, LedgerErrorCodes.Inconsistent, $"{Satisfaction} is given only when {Status} is 已评议.");
                }

                if (s is not (CaseStatus.Rejected or CaseStatus.Withdrawn) && reader.Raw(ClosingReason) is not null)
                {
                    reader.Error(ClosingReason, LedgerErrorCodes.Inconsistent, $"{ClosingReason} is given only when {Status} is 不予受理 or 已撤回.");
                }
            }

            if (reportedAt is { } reported)
            {
                if (finishedAt is { } done && done < reported)
                {
                    reader.Error(FinishedAt, LedgerErrorCodes.Inconsistent, $"{FinishedAt} is before {ReportedAt}.");
                }

                if (dueOn is { } due && due < OfficeCalendar.DayOf(reported))
                {
                    reader.Error(DueOn, LedgerErrorCodes.Inconsistent, $"{DueOn} {due:yyyy-MM-dd} is before {ReportedAt}.");
                }
            }

            var region = regionText is null ? null : await references.RegionAsync(reader, Region, regionText, CaseRegionLevels, cancellationToken);
            // As reportCase: a case number begins with its county's 行政区划 code, so numbers are unique per county.
            if (code is not null && region is not null && references.CountyCodeOf(region) is { } county && !code.StartsWith(county + "-", StringComparison.Ordinal))
            {
                reader.Error(Code, LedgerErrorCodes.InvalidValue,
                    $"{Code} {code} must begin with the code of the county {region.Name} lies in and a hyphen, {county}-.");
                code = null;
            }

            int? gridId = null;
            if (gridCode is not null)
            {
                if (!grids.TryGetValue(gridCode, out var grid))
                {
                    reader.Error(Grid, LedgerErrorCodes.UnknownGrid, $"No grid has the code '{LedgerRowReader.Quote(gridCode)}'.");
                }
                else if (region is not null && !grid.RegionPath.StartsWith(region.Path, StringComparison.Ordinal))
                {
                    reader.Error(Grid, LedgerErrorCodes.Inconsistent, $"Grid {gridCode} does not lie in {region.Name} ({region.Code}).");
                }
                else
                {
                    gridId = grid.Id;
                }
            }

            var organizationId = organizationName is null
                ? null
                : await references.OrganizationAsync(reader, AssignedOrganization, organizationName, cancellationToken);

            if (code is not null)
            {
                if (firstRowOfKey.TryGetValue(code, out var first))
                {
                    reader.Error(Code, LedgerErrorCodes.DuplicateKey,
                        string.Create(CultureInfo.InvariantCulture, $"{Code} {code} is also on row {first}; a case appears once."));
                    code = null;
                }
                else
                {
                    firstRowOfKey[code] = record.Row;
                }
            }

            if (code is null || title is null || region is null || (gridCode is not null && gridId is null) || channel is null
                || category is null || reporter is null || status is null || reportedAt is null
                || (organizationName is not null && organizationId is null))
            {
                continue;
            }

            lines.Add(record.Row);
            parsed.Add(new Case
            {
                Code = code, Title = title, RegionId = region.Id, GridId = gridId, Channel = channel.Value, Category = category.Value,
                Reporter = reporter.Value, Status = status.Value, ReportedAt = reportedAt.Value, DueOn = dueOn,
                AssignedOrganizationId = organizationId, Satisfaction = satisfaction,
                ResolvedAt = status.Value.IsResolved() ? finishedAt : null,
                ClosedAt = status is CaseStatus.Rejected or CaseStatus.Withdrawn ? finishedAt : null,
                ClosingReason = closingReason,
            });
        }

        if (anyErrors())
        {
            return LedgerCounts.None;
        }

        var existing = new Dictionary<string, Case>(StringComparer.Ordinal);
        foreach (var chunk in parsed.Select(c => c.Code).Chunk(500))
        {
            foreach (var found in await db.Cases.Where(c => chunk.Contains(c.Code)).ToListAsync(cancellationToken))
            {
                existing[found.Code] = found;
            }
        }

        var inserted = 0;
        var matched = new List<(int, Case)>();
        foreach (var (row, line) in parsed.Zip(lines))
        {
            if (existing.TryGetValue(row.Code, out var stored))
            {
                matched.Add((line, stored));
                stored.Title = row.Title;
                stored.RegionId = row.RegionId;
                stored.GridId = row.GridId;
                stored.Channel = row.Channel;
                stored.Category = row.Category;
                stored.Reporter = row.Reporter;
                stored.Status = row.Status;
                stored.ReportedAt = row.ReportedAt;
                stored.DueOn = row.DueOn;
                stored.AssignedOrganizationId = row.AssignedOrganizationId;
                stored.Satisfaction = row.Satisfaction;
                stored.ResolvedAt = row.ResolvedAt;
                stored.ClosedAt = row.ClosedAt;
                stored.ClosingReason = row.ClosingReason;
                FillStepTimes(stored);
            }
            else
            {
                FillStepTimes(row);
                db.Cases.Add(row);
                inserted++;
            }
        }

        return LedgerCounts.Of(db, inserted, matched);
    }

    /// <summary>
    /// The ledger records only 受理时间 and 办结时间. A step the status has passed keeps the time it has (recorded by the
    /// workflow); a missing one takes the nearest recorded time before it, so the row reads as a consistent workflow.
    /// Steps the status has not reached are cleared.
    /// </summary>
    private static void FillStepTimes(Case c)
    {
        var s = c.Status;
        var classified = s is >= CaseStatus.Classified and <= CaseStatus.Evaluated || s == CaseStatus.Withdrawn && c.ClassifiedAt is not null;
        c.ClassifiedAt = classified ? c.ClassifiedAt ?? c.ReportedAt : null;
        c.StartedAt = s is >= CaseStatus.InProgress and <= CaseStatus.Evaluated ? c.StartedAt ?? c.ClassifiedAt : null;
        c.FeedbackAt = s is CaseStatus.FeedbackGiven or CaseStatus.Evaluated ? c.FeedbackAt ?? c.ResolvedAt : null;
        c.EvaluatedAt = s == CaseStatus.Evaluated ? c.EvaluatedAt ?? c.FeedbackAt : null;
    }

    private static string Label(CaseStatus status) => Statuses.First(p => p.Value == status).Key;
}
