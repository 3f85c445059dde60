using Analytics.Domain;
using DuckDB.NET.Data.Mapping;

namespace Analytics.Etl.Warehouse;

/// <summary>
/// What every row carries from its source row besides the warehouse columns: when the source row last changed (the
/// run's watermark). The appender maps list the columns, so this property is never written to the warehouse.
/// </summary>
public abstract record SourceRow
{
    public DateTimeOffset UpdatedAt { get; init; }
}

// Columns computed from other columns of the same row (date keys, days to resolve, on time) are get-only properties:
// the source query then reads each source column once, instead of once per column derived from it.
// One record per warehouse table, properties in column order; one appender map each (DuckDB.NET maps by position,
// and the CLR type must match the column width: INTEGER = int, DECIMAL = decimal, TIMESTAMP = DateTime, DATE = DateOnly).

public sealed record RegionRow : SourceRow
{
    public int RegionKey { get; init; }
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public string Level { get; init; } = "";
    public int? ParentKey { get; init; }
    public int? CountyKey { get; init; }
    public string? CountyCode { get; init; }
    public string? CountyName { get; init; }
    public int? TownshipKey { get; init; }
    public string? TownshipCode { get; init; }
    public string? TownshipName { get; init; }
    public string? VillageCode { get; init; }
    public string? VillageName { get; init; }
    public int Households { get; init; }
    public int Population { get; init; }
    public DateOnly? ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }
}

public sealed class RegionRowMap : DuckDBAppenderMap<RegionRow>
{
    public RegionRowMap()
    {
        Map(x => x.RegionKey);
        Map(x => x.Code);
        Map(x => x.Name);
        Map(x => x.Level);
        Map(x => x.ParentKey);
        Map(x => x.CountyKey);
        Map(x => x.CountyCode);
        Map(x => x.CountyName);
        Map(x => x.TownshipKey);
        Map(x => x.TownshipCode);
        Map(x => x.TownshipName);
        Map(x => x.VillageCode);
        Map(x => x.VillageName);
        Map(x => x.Households);
        Map(x => x.Population);
        Map(x => x.ValidFrom);
        Map(x => x.ValidTo);
    }
}

public sealed record GridRow : SourceRow
{
    public int GridKey { get; init; }
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public int Level { get; init; }
    public int? ParentKey { get; init; }
    public int? Level1Key { get; init; }
    public int? Level2Key { get; init; }
    public int? Level3Key { get; init; }
    public int RegionKey { get; init; }
    public int? CountyKey { get; init; }
    public int Households { get; init; }
    public int Population { get; init; }
    public DateOnly CreatedOn { get; init; }
    public DateOnly? ValidTo { get; init; }
}

public sealed class GridRowMap : DuckDBAppenderMap<GridRow>
{
    public GridRowMap()
    {
        Map(x => x.GridKey);
        Map(x => x.Code);
        Map(x => x.Name);
        Map(x => x.Level);
        Map(x => x.ParentKey);
        Map(x => x.Level1Key);
        Map(x => x.Level2Key);
        Map(x => x.Level3Key);
        Map(x => x.RegionKey);
        Map(x => x.CountyKey);
        Map(x => x.Households);
        Map(x => x.Population);
        Map(x => x.CreatedOn);
        Map(x => x.ValidTo);
    }
}

public sealed record OrganizationRow : SourceRow
{
    public int OrganizationKey { get; init; }
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Domain { get; init; } = "";
    public int? ParentKey { get; init; }
    public int RegionKey { get; init; }
    public int? CountyKey { get; init; }
    public int? GridKey { get; init; }
    public DateOnly EstablishedOn { get; init; }
    public DateOnly? DissolvedOn { get; init; }
}

public sealed class OrganizationRowMap : DuckDBAppenderMap<OrganizationRow>
{
    public OrganizationRowMap()
    {
        Map(x => x.OrganizationKey);
        Map(x => x.Name);
        Map(x => x.Kind);
        Map(x => x.Domain);
        Map(x => x.ParentKey);
        Map(x => x.RegionKey);
        Map(x => x.CountyKey);
        Map(x => x.GridKey);
        Map(x => x.EstablishedOn);
        Map(x => x.DissolvedOn);
    }
}

/// <summary>
/// A party member without anything that identifies the person: no name, ID number, phone or birth date. Only the key,
/// category and organization are written to <c>dim_member</c>; the rest is counted (<see cref="MemberAggregates"/>).
/// </summary>
public sealed record MemberRow : SourceRow
{
    public int MemberKey { get; init; }
    public string Category { get; init; } = "";
    public bool IsStarMember { get; init; }
    public bool IsCadre { get; init; }
    public string Gender { get; init; } = "";
    public int BirthYear { get; init; }
    public DateOnly JoinedOn { get; init; }
    public int OrganizationKey { get; init; }
}

public sealed class MemberRowMap : DuckDBAppenderMap<MemberRow>
{
    public MemberRowMap()
    {
        Map(x => x.MemberKey);
        Map(x => x.Category);
        Map(x => x.OrganizationKey);
    }
}

public sealed record CollectiveIncomeRow : SourceRow
{
    public int IncomeKey { get; init; }
    public int VillageKey { get; init; }
    public int Year { get; init; }
    public decimal OperatingIncome { get; init; }
    public decimal SelfOperatedIncome { get; init; }
    public decimal TotalIncome { get; init; }
}

public sealed class CollectiveIncomeRowMap : DuckDBAppenderMap<CollectiveIncomeRow>
{
    public CollectiveIncomeRowMap()
    {
        Map(x => x.IncomeKey);
        Map(x => x.VillageKey);
        Map(x => x.Year);
        Map(x => x.OperatingIncome);
        Map(x => x.SelfOperatedIncome);
        Map(x => x.TotalIncome);
    }
}

public sealed record CaseRow : SourceRow
{
    public int CaseKey { get; init; }
    public string Code { get; init; } = "";
    public string Channel { get; init; } = "";
    public string Category { get; init; } = "";
    public string Reporter { get; init; } = "";
    public string Status { get; init; } = "";
    public bool IsResolved { get; init; }
    public DateTime ReportedAt { get; init; }
    public DateTime? ClassifiedAt { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? ResolvedAt { get; init; }
    public DateTime? FeedbackAt { get; init; }
    public DateTime? EvaluatedAt { get; init; }
    public DateTime? ClosedAt { get; init; }
    public DateOnly? DueOn { get; init; }
    public int ReportedDateKey => WarehouseMapping.DateKey(ReportedAt);
    public int? ResolvedDateKey => ResolvedAt is { } resolved ? WarehouseMapping.DateKey(resolved) : null;
    /// <summary>Computed here, not in the source query: SQL cannot subtract the store's converted time columns.</summary>
    public double? DaysToResolve => ResolvedAt is { } resolved ? (resolved - ReportedAt).TotalDays : null;
    public int RegionKey { get; init; }
    public int? GridKey { get; init; }
    public int? OrganizationKey { get; init; }
    public int? ActivityKey { get; init; }
    public int? Satisfaction { get; init; }
}

public sealed class CaseRowMap : DuckDBAppenderMap<CaseRow>
{
    public CaseRowMap()
    {
        Map(x => x.CaseKey);
        Map(x => x.Code);
        Map(x => x.Channel);
        Map(x => x.Category);
        Map(x => x.Reporter);
        Map(x => x.Status);
        Map(x => x.IsResolved);
        Map(x => x.ReportedAt);
        Map(x => x.ClassifiedAt);
        Map(x => x.StartedAt);
        Map(x => x.ResolvedAt);
        Map(x => x.FeedbackAt);
        Map(x => x.EvaluatedAt);
        Map(x => x.ClosedAt);
        Map(x => x.DueOn);
        Map(x => x.ReportedDateKey);
        Map(x => x.ResolvedDateKey);
        Map(x => x.DaysToResolve);
        Map(x => x.RegionKey);
        Map(x => x.GridKey);
        Map(x => x.OrganizationKey);
        Map(x => x.ActivityKey);
        Map(x => x.Satisfaction);
    }
}

public sealed record ActivityRow : SourceRow
{
    public int ActivityKey { get; init; }
    public string Kind { get; init; } = "";
    public DateOnly Date { get; init; }
    public int DateKey => WarehouseMapping.DateKey(Date);
    public int OrganizationKey { get; init; }
    public int RegionKey { get; init; }
    public int? GridKey { get; init; }
    public int? PairingKey { get; init; }
    public int Participants { get; init; }
    public int CadreCount { get; init; }
}

public sealed class ActivityRowMap : DuckDBAppenderMap<ActivityRow>
{
    public ActivityRowMap()
    {
        Map(x => x.ActivityKey);
        Map(x => x.Kind);
        Map(x => x.Date);
        Map(x => x.DateKey);
        Map(x => x.OrganizationKey);
        Map(x => x.RegionKey);
        Map(x => x.GridKey);
        Map(x => x.PairingKey);
        Map(x => x.Participants);
        Map(x => x.CadreCount);
    }
}

public sealed record PairingRow : SourceRow
{
    public int PairingKey { get; init; }
    public string Program { get; init; } = "";
    public int OrganizationKey { get; init; }
    public string TargetKind { get; init; } = "";
    public int? TargetRegionKey { get; init; }
    public int? TargetEnterpriseId { get; init; }
    public int? TargetProjectId { get; init; }
    public DateOnly FromOn { get; init; }
    public DateOnly? ToOn { get; init; }
}

public sealed class PairingRowMap : DuckDBAppenderMap<PairingRow>
{
    public PairingRowMap()
    {
        Map(x => x.PairingKey);
        Map(x => x.Program);
        Map(x => x.OrganizationKey);
        Map(x => x.TargetKind);
        Map(x => x.TargetRegionKey);
        Map(x => x.TargetEnterpriseId);
        Map(x => x.TargetProjectId);
        Map(x => x.FromOn);
        Map(x => x.ToOn);
    }
}

/// <summary>A steward assignment; the steward's name stays in the operational store.</summary>
public sealed record GridStewardRow : SourceRow
{
    public int StewardKey { get; init; }
    public int GridKey { get; init; }
    public int? MemberKey { get; init; }
    public string Employment { get; init; } = "";
    public bool IsCadre { get; init; }
    public DateOnly FromOn { get; init; }
    public DateOnly? ToOn { get; init; }
}

public sealed class GridStewardRowMap : DuckDBAppenderMap<GridStewardRow>
{
    public GridStewardRowMap()
    {
        Map(x => x.StewardKey);
        Map(x => x.GridKey);
        Map(x => x.MemberKey);
        Map(x => x.Employment);
        Map(x => x.IsCadre);
        Map(x => x.FromOn);
        Map(x => x.ToOn);
    }
}

public sealed record StarRatingRow : SourceRow
{
    public int RatingKey { get; init; }
    public int OrganizationKey { get; init; }
    public int Year { get; init; }
    public decimal Score { get; init; }
    public int Stars { get; init; }
}

public sealed class StarRatingRowMap : DuckDBAppenderMap<StarRatingRow>
{
    public StarRatingRowMap()
    {
        Map(x => x.RatingKey);
        Map(x => x.OrganizationKey);
        Map(x => x.Year);
        Map(x => x.Score);
        Map(x => x.Stars);
    }
}

public sealed record MicroWishRow : SourceRow
{
    public int WishKey { get; init; }
    public int RegionKey { get; init; }
    public string Beneficiary { get; init; } = "";
    public string Status { get; init; } = "";
    public DateOnly PostedOn { get; init; }
    public int PostedDateKey => WarehouseMapping.DateKey(PostedOn);
    public DateOnly? VerifiedOn { get; init; }
    public DateOnly? PublishedOn { get; init; }
    public DateOnly? ClaimedOn { get; init; }
    public DateOnly? FulfilledOn { get; init; }
    public DateOnly? PublicizedOn { get; init; }
    public int? ClaimedByMemberKey { get; init; }
    public int? ClaimedByOrganizationKey { get; init; }
}

public sealed class MicroWishRowMap : DuckDBAppenderMap<MicroWishRow>
{
    public MicroWishRowMap()
    {
        Map(x => x.WishKey);
        Map(x => x.RegionKey);
        Map(x => x.Beneficiary);
        Map(x => x.Status);
        Map(x => x.PostedOn);
        Map(x => x.PostedDateKey);
        Map(x => x.VerifiedOn);
        Map(x => x.PublishedOn);
        Map(x => x.ClaimedOn);
        Map(x => x.FulfilledOn);
        Map(x => x.PublicizedOn);
        Map(x => x.ClaimedByMemberKey);
        Map(x => x.ClaimedByOrganizationKey);
    }
}

public sealed record CommunityRegistrationRow : SourceRow
{
    public int RegistrationKey { get; init; }
    public int MemberKey { get; init; }
    public int CommunityKey { get; init; }
    public DateOnly DueFrom { get; init; }
    public DateOnly RegisteredOn { get; init; }
    public int RegisteredDateKey => WarehouseMapping.DateKey(RegisteredOn);
    public bool IsOnTime => CommunityRegistration.IsWithinOneMonth(DueFrom, RegisteredOn);
    public int ActivitiesAttended { get; init; }
}

public sealed class CommunityRegistrationRowMap : DuckDBAppenderMap<CommunityRegistrationRow>
{
    public CommunityRegistrationRowMap()
    {
        Map(x => x.RegistrationKey);
        Map(x => x.MemberKey);
        Map(x => x.CommunityKey);
        Map(x => x.DueFrom);
        Map(x => x.RegisteredOn);
        Map(x => x.RegisteredDateKey);
        Map(x => x.IsOnTime);
        Map(x => x.ActivitiesAttended);
    }
}

public sealed record CommunityAttendanceRow : SourceRow
{
    public int AttendanceKey { get; init; }
    public int RegistrationKey { get; init; }
    public int Year { get; init; }
    public int Quarter { get; init; }
    public int Activities { get; init; }
}

public sealed class CommunityAttendanceRowMap : DuckDBAppenderMap<CommunityAttendanceRow>
{
    public CommunityAttendanceRowMap()
    {
        Map(x => x.AttendanceKey);
        Map(x => x.RegistrationKey);
        Map(x => x.Year);
        Map(x => x.Quarter);
        Map(x => x.Activities);
    }
}

public sealed record IncomeProjectRow : SourceRow
{
    public int ProjectKey { get; init; }
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public int VillageKey { get; init; }
    public int Year { get; init; }
    public decimal Investment { get; init; }
    public decimal AnnualIncome { get; init; }
}

public sealed class IncomeProjectRowMap : DuckDBAppenderMap<IncomeProjectRow>
{
    public IncomeProjectRowMap()
    {
        Map(x => x.ProjectKey);
        Map(x => x.Name);
        Map(x => x.Kind);
        Map(x => x.VillageKey);
        Map(x => x.Year);
        Map(x => x.Investment);
        Map(x => x.AnnualIncome);
    }
}

public sealed record EnterpriseRow : SourceRow
{
    public int EnterpriseKey { get; init; }
    public string Name { get; init; } = "";
    public string CreditCode { get; init; } = "";
    public string Kind { get; init; } = "";
    public int RegionKey { get; init; }
    public int? CountyKey { get; init; }
    public int? OrganizationKey { get; init; }
    public int Employees { get; init; }
}

public sealed class EnterpriseRowMap : DuckDBAppenderMap<EnterpriseRow>
{
    public EnterpriseRowMap()
    {
        Map(x => x.EnterpriseKey);
        Map(x => x.Name);
        Map(x => x.CreditCode);
        Map(x => x.Kind);
        Map(x => x.RegionKey);
        Map(x => x.CountyKey);
        Map(x => x.OrganizationKey);
        Map(x => x.Employees);
    }
}

public sealed record ProjectRow : SourceRow
{
    public int ProjectKey { get; init; }
    public string Name { get; init; } = "";
    public int RegionKey { get; init; }
    public int? CountyKey { get; init; }
    public decimal Investment { get; init; }
    public DateOnly StartedOn { get; init; }
    public DateOnly? CompletedOn { get; init; }
}

public sealed class ProjectRowMap : DuckDBAppenderMap<ProjectRow>
{
    public ProjectRowMap()
    {
        Map(x => x.ProjectKey);
        Map(x => x.Name);
        Map(x => x.RegionKey);
        Map(x => x.CountyKey);
        Map(x => x.Investment);
        Map(x => x.StartedOn);
        Map(x => x.CompletedOn);
    }
}
