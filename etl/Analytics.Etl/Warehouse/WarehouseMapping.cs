using System.Globalization;
using Analytics.Domain;
using Mapster;

namespace Analytics.Etl.Warehouse;

/// <summary>
/// Entity → row mappings, configured once. Enums become their names; times become UTC <see cref="DateTime"/>; the day
/// of a time is the offices' Beijing day (<see cref="OfficeCalendar"/>, <c>office_day(t)</c> in metrics.sql).
/// </summary>
public static class WarehouseMapping
{
    public static TypeAdapterConfig Config { get; } = Create();

    /// <summary>yyyymmdd, the key of <c>dim_date</c>.</summary>
    public static int DateKey(DateOnly date) => (date.Year * 10000) + (date.Month * 100) + date.Day;

    /// <summary>The key of the Beijing day a time falls on.</summary>
    public static int DateKey(DateTimeOffset time) => DateKey(OfficeCalendar.DayOf(time));

    /// <summary>The key of the Beijing day a UTC <see cref="DateTime"/> falls on (2024-12-31 16:00 UTC → 20250101).</summary>
    public static int DateKey(DateTime utc) => DateKey(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    private static DateTime? Utc(DateTimeOffset? time) => time?.UtcDateTime;

    private static TypeAdapterConfig Create()
    {
        var config = new TypeAdapterConfig();
        config.Default.NameMatchingStrategy(NameMatchingStrategy.Flexible);

        config.NewConfig<Region, RegionRow>()
            .Map(d => d.RegionKey, s => s.Id)
            .Map(d => d.ParentKey, s => s.ParentId)
            .Ignore(nameof(RegionRow.CountyKey), nameof(RegionRow.CountyCode), nameof(RegionRow.CountyName),
                nameof(RegionRow.TownshipKey), nameof(RegionRow.TownshipCode), nameof(RegionRow.TownshipName),
                nameof(RegionRow.VillageCode), nameof(RegionRow.VillageName));
        config.NewConfig<Grid, GridRow>()
            .Map(d => d.GridKey, s => s.Id)
            .Map(d => d.ParentKey, s => s.ParentId)
            .Map(d => d.RegionKey, s => s.RegionId)
            .Ignore(nameof(GridRow.Level1Key), nameof(GridRow.Level2Key), nameof(GridRow.Level3Key), nameof(GridRow.CountyKey));
        config.NewConfig<PartyOrganization, OrganizationRow>()
            .Map(d => d.OrganizationKey, s => s.Id)
            .Map(d => d.ParentKey, s => s.ParentId)
            .Map(d => d.RegionKey, s => s.RegionId)
            .Map(d => d.GridKey, s => s.GridId)
            .Ignore(nameof(OrganizationRow.CountyKey));
        config.NewConfig<PartyMember, MemberRow>()
            .Map(d => d.MemberKey, s => s.Id)
            .Map(d => d.BirthYear, s => s.BirthDate.Year)
            .Map(d => d.OrganizationKey, s => s.OrganizationId);
        config.NewConfig<CollectiveIncome, CollectiveIncomeRow>()
            .Map(d => d.IncomeKey, s => s.Id)
            .Map(d => d.VillageKey, s => s.VillageId);
        config.NewConfig<Case, CaseRow>()
            .Map(d => d.CaseKey, s => s.Id)
            .Map(d => d.IsResolved, s => s.Status.IsResolved())
            .Map(d => d.ReportedAt, s => s.ReportedAt.UtcDateTime)
            .Map(d => d.ClassifiedAt, s => Utc(s.ClassifiedAt))
            .Map(d => d.StartedAt, s => Utc(s.StartedAt))
            .Map(d => d.ResolvedAt, s => Utc(s.ResolvedAt))
            .Map(d => d.FeedbackAt, s => Utc(s.FeedbackAt))
            .Map(d => d.EvaluatedAt, s => Utc(s.EvaluatedAt))
            .Map(d => d.ClosedAt, s => Utc(s.ClosedAt))
            .Map(d => d.RegionKey, s => s.RegionId)
            .Map(d => d.GridKey, s => s.GridId)
            .Map(d => d.OrganizationKey, s => s.AssignedOrganizationId)
            .Map(d => d.ActivityKey, s => s.ActivityId);
        config.NewConfig<Activity, ActivityRow>()
            .Map(d => d.ActivityKey, s => s.Id)
            .Map(d => d.OrganizationKey, s => s.OrganizationId)
            .Map(d => d.RegionKey, s => s.RegionId)
            .Map(d => d.GridKey, s => s.GridId)
            .Map(d => d.PairingKey, s => s.PairingId);
        config.NewConfig<Pairing, PairingRow>()
            .Map(d => d.PairingKey, s => s.Id)
            .Map(d => d.OrganizationKey, s => s.OrganizationId)
            .Map(d => d.TargetRegionKey, s => s.TargetRegionId)
            .Map(d => d.FromOn, s => s.From)
            .Map(d => d.ToOn, s => s.To);
        config.NewConfig<GridSteward, GridStewardRow>()
            .Map(d => d.StewardKey, s => s.Id)
            .Map(d => d.GridKey, s => s.GridId)
            .Map(d => d.MemberKey, s => s.MemberId)
            .Map(d => d.FromOn, s => s.From)
            .Map(d => d.ToOn, s => s.To);
        config.NewConfig<StarRating, StarRatingRow>()
            .Map(d => d.RatingKey, s => s.Id)
            .Map(d => d.OrganizationKey, s => s.OrganizationId);
        config.NewConfig<MicroWish, MicroWishRow>()
            .Map(d => d.WishKey, s => s.Id)
            .Map(d => d.RegionKey, s => s.RegionId)
            .Map(d => d.ClaimedByMemberKey, s => s.ClaimedByMemberId)
            .Map(d => d.ClaimedByOrganizationKey, s => s.ClaimedByOrganizationId);
        config.NewConfig<CommunityRegistration, CommunityRegistrationRow>()
            .Map(d => d.RegistrationKey, s => s.Id)
            .Map(d => d.MemberKey, s => s.MemberId)
            .Map(d => d.CommunityKey, s => s.CommunityId);
        config.NewConfig<CommunityAttendance, CommunityAttendanceRow>()
            .Map(d => d.AttendanceKey, s => s.Id)
            .Map(d => d.RegistrationKey, s => s.RegistrationId);
        config.NewConfig<Enterprise, EnterpriseRow>()
            .Map(d => d.EnterpriseKey, s => s.Id)
            .Map(d => d.RegionKey, s => s.RegionId)
            .Map(d => d.OrganizationKey, s => s.PartyOrganizationId)
            .Ignore(nameof(EnterpriseRow.CountyKey));
        config.NewConfig<Project, ProjectRow>()
            .Map(d => d.ProjectKey, s => s.Id)
            .Map(d => d.RegionKey, s => s.RegionId)
            .Ignore(nameof(ProjectRow.CountyKey));
        config.NewConfig<IncomeProject, IncomeProjectRow>()
            .Map(d => d.ProjectKey, s => s.Id)
            .Map(d => d.VillageKey, s => s.VillageId);

        // Fails now, at start-up, if a row property has no source: better than a column of zeros in the warehouse.
        config.RequireDestinationMemberSource = true;
        config.Compile();
        return config;
    }

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
