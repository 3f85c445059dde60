namespace Analytics.Domain;

/// <summary>行政区划: a node of the administrative tree, city → county → township → village or community.</summary>
public sealed class Region : Entity
{
    /// <summary>Administrative division code (行政区划代码), unique, e.g. 350481 for 永安市.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public RegionLevel Level { get; set; }

    public int? ParentId { get; set; }

    public Region? Parent { get; set; }

    /// <summary>
    /// Materialized ancestry, "/1/3/17/": the ids from the root down to this region, each followed by a slash.
    /// A subtree is every region whose path starts with this one, which the API and ETL use for county scope.
    /// </summary>
    public string Path { get; set; } = "/";

    /// <summary>Households (户) registered in the region; for villages and communities, the counted value.</summary>
    public int Households { get; set; }

    /// <summary>Resident population (人口).</summary>
    public int Population { get; set; }

    /// <summary>
    /// First day the region exists (设立), inclusive; null when it exists since before the data begin. A village formed by
    /// merging others (合并) starts on the day the merger takes effect.
    /// </summary>
    public DateOnly? ValidFrom { get; set; }

    /// <summary>
    /// Last day the region exists (撤销/合并), inclusive; null while it lasts. A dissolved region keeps its row, so that
    /// counts and facts of earlier dates still find it; its successor starts the next day.
    /// </summary>
    public DateOnly? ValidTo { get; set; }

    public List<Region> Children { get; set; } = [];
}

public enum RegionLevel
{
    /// <summary>市 (prefecture-level city).</summary>
    City = 1,

    /// <summary>县(市、区): a county-level unit, which may be a 区, 县 or 县级市.</summary>
    County = 2,

    /// <summary>乡镇(街道).</summary>
    Township = 3,

    /// <summary>行政村.</summary>
    Village = 4,

    /// <summary>城市社区.</summary>
    Community = 5,
}
