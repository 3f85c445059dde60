namespace Analytics.Domain;

/// <summary>
/// 网格: a cell of the grid-governance hierarchy 乡街 (1) → 村居 (2) → 片区/小区 (3) → 单元网格 (4).
/// Level-4 unit grids are meant to hold 80–120 households or about 300 people.
/// </summary>
public sealed class Grid : Entity
{
    /// <summary>Grid code, unique across the city.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>1 = township/street, 2 = village/community, 3 = area/residential compound, 4 = unit grid.</summary>
    public int Level { get; set; }

    public int? ParentId { get; set; }

    public Grid? Parent { get; set; }

    /// <summary>The region the grid lies in (a township for level 1, a village or community below).</summary>
    public int RegionId { get; set; }

    public Region? Region { get; set; }

    public int Households { get; set; }

    public int Population { get; set; }

    /// <summary>The day the grid was drawn: the first day it exists.</summary>
    public DateOnly CreatedOn { get; set; }

    /// <summary>
    /// Last day the grid exists (redrawn, merged or its region dissolved), inclusive; null while it lasts. Its first day
    /// is <see cref="CreatedOn"/>.
    /// </summary>
    public DateOnly? ValidTo { get; set; }

    public List<Grid> Children { get; set; } = [];

    public List<GridSteward> Stewards { get; set; } = [];

    public const int MinLevel = 1;
    public const int MaxLevel = 4;

    /// <summary>The household band a level-4 unit grid should fall in (80–120).</summary>
    public const int StandardMinHouseholds = 80;
    public const int StandardMaxHouseholds = 120;
}
