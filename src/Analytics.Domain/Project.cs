namespace Analytics.Domain;

/// <summary>项目: a key construction or industry project that agencies pair with (联项目).</summary>
public sealed class Project : Entity
{
    public required string Name { get; set; }

    public int RegionId { get; set; }

    public Region? Region { get; set; }

    /// <summary>Planned investment in yuan.</summary>
    public decimal Investment { get; set; }

    public DateOnly StartedOn { get; set; }

    public DateOnly? CompletedOn { get; set; }
}
