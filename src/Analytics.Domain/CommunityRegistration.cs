namespace Analytics.Domain;

/// <summary>在职党员到社区报到: an in-service member registers at the community where they live.</summary>
public sealed class CommunityRegistration : Entity
{
    public int MemberId { get; set; }

    public PartyMember? Member { get; set; }

    public int CommunityId { get; set; }

    public Region? Community { get; set; }

    /// <summary>The day the obligation began (joining, moving or taking the post); registration is due within a month.</summary>
    public DateOnly DueFrom { get; set; }

    public DateOnly RegisteredOn { get; set; }

    /// <summary>Community activities taken part in since registering: the sum of the quarters' <see cref="CommunityAttendance"/>, which the quarterly rule reads.</summary>
    public int ActivitiesAttended { get; set; }

    /// <summary>Registered within one calendar month of <see cref="DueFrom"/>.</summary>
    public bool IsOnTime => IsWithinOneMonth(DueFrom, RegisteredOn);

    /// <summary>The one-month rule (在职党员到社区报到), for callers that hold the two dates rather than an entity.</summary>
    public static bool IsWithinOneMonth(DateOnly dueFrom, DateOnly registeredOn) => registeredOn <= dueFrom.AddMonths(1);
}
