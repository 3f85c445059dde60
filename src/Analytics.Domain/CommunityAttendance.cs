namespace Analytics.Domain;

/// <summary>
/// 在职党员社区活动记实: how many activities organized by the community a registered in-service member took part in
/// during one quarter, as the community reports it (报到后的在职党员…每季度至少参加1次社区组织的活动). One row per
/// registration and quarter attended; a quarter without a row is a quarter without attendance.
/// </summary>
public sealed class CommunityAttendance : Entity
{
    public int RegistrationId { get; set; }

    public CommunityRegistration? Registration { get; set; }

    public int Year { get; set; }

    /// <summary>1–4.</summary>
    public int Quarter { get; set; }

    /// <summary>Community activities taken part in during the quarter (at least 1).</summary>
    public int Activities { get; set; }

    /// <summary>First day of the quarter.</summary>
    public static DateOnly QuarterStart(int year, int quarter) => new(year, (quarter * 3) - 2, 1);
}
