namespace Analytics.Domain;

/// <summary>网格管家 / 网格员: a person assigned to a grid for a period, possibly a cadre sunk to the grid (下沉).</summary>
public sealed class GridSteward : Entity
{
    public int GridId { get; set; }

    public Grid? Grid { get; set; }

    public required string PersonName { get; set; }

    /// <summary>The party member serving, when the steward is one.</summary>
    public int? MemberId { get; set; }

    public PartyMember? Member { get; set; }

    public StewardEmployment Employment { get; set; }

    /// <summary>A party or government cadre (党员干部) serving as steward.</summary>
    public bool IsCadre { get; set; }

    public DateOnly From { get; set; }

    /// <summary>Last day of the assignment; null while it lasts.</summary>
    public DateOnly? To { get; set; }
}

public enum StewardEmployment
{
    /// <summary>专职.</summary>
    FullTime = 1,

    /// <summary>兼职.</summary>
    PartTime = 2,
}
