using Analytics.Domain;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Data.Ledgers;

/// <summary>
/// Resolves what a ledger names the way an office writes it — an organization by its full name, a region by its
/// 行政区划代码 or its name — against the store, loading each lookup once per import.
/// </summary>
internal sealed class LedgerReferences(OperationalDbContext db)
{
    private Dictionary<string, List<int>>? _organizations;
    private List<RegionRef>? _regions;

    public sealed record RegionRef(int Id, string Code, string Name, RegionLevel Level, string Path);

    /// <summary>The organization's id, or null after reporting an unknown or ambiguous name.</summary>
    public async Task<int?> OrganizationAsync(LedgerRowReader reader, string column, string name, CancellationToken cancellationToken)
    {
        _organizations ??= (await db.PartyOrganizations.AsNoTracking().Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken))
            .GroupBy(o => o.Name.Trim()).ToDictionary(g => g.Key, g => g.Select(o => o.Id).ToList());
        if (!_organizations.TryGetValue(name, out var ids))
        {
            reader.Error(column, LedgerErrorCodes.UnknownOrganization,
                $"No party organization is named '{LedgerRowReader.Quote(name)}'; write its full name, e.g. 中共永安市统计局机关支部委员会.");
            return null;
        }

        if (ids.Count > 1)
        {
            reader.Error(column, LedgerErrorCodes.AmbiguousOrganization,
                $"{ids.Count} party organizations are named '{LedgerRowReader.Quote(name)}'; the store cannot tell which one is meant.");
            return null;
        }

        return ids[0];
    }

    /// <summary>A region by code (exact) or by name (must be unique among the allowed levels).</summary>
    public async Task<RegionRef?> RegionAsync(
        LedgerRowReader reader, string column, string codeOrName, IReadOnlyCollection<RegionLevel> levels, CancellationToken cancellationToken)
    {
        _regions ??= await db.Regions.AsNoTracking()
            .Select(r => new RegionRef(r.Id, r.Code, r.Name, r.Level, r.Path)).ToListAsync(cancellationToken);
        var levelNames = string.Join("/", levels.Select(LevelName));
        var byCode = _regions.Where(r => r.Code == codeOrName).ToList();
        var candidates = byCode.Count > 0 ? byCode : _regions.Where(r => r.Name == codeOrName && levels.Contains(r.Level)).ToList();
        if (candidates.Count == 0)
        {
            reader.Error(column, LedgerErrorCodes.UnknownRegion,
                $"No {levelNames} has the code or name '{LedgerRowReader.Quote(codeOrName)}'.");
            return null;
        }

        if (candidates.Count > 1)
        {
            reader.Error(column, LedgerErrorCodes.AmbiguousRegion,
                $"{candidates.Count} {levelNames} are named '{LedgerRowReader.Quote(codeOrName)}' (codes {string.Join(", ", candidates.Take(5).Select(r => r.Code))}{(candidates.Count > 5 ? ", …" : "")}); write the 行政区划代码 instead.");
            return null;
        }

        var region = candidates[0];
        if (!levels.Contains(region.Level))
        {
            reader.Error(column, LedgerErrorCodes.InvalidValue,
                $"{region.Name} ({region.Code}) is a {LevelName(region.Level)}; a {levelNames} is expected here.");
            return null;
        }

        return region;
    }

    /// <summary>The 行政区划 code of the county <paramref name="region"/> lies in (itself, if it is one); null above county level.</summary>
    public string? CountyCodeOf(RegionRef region)
    {
        var ancestors = region.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return _regions?.FirstOrDefault(r => r.Level == RegionLevel.County
            && ancestors.Contains(r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))?.Code;
    }

    public static string LevelName(RegionLevel level) => level switch
    {
        RegionLevel.City => "市",
        RegionLevel.County => "县(市、区)",
        RegionLevel.Township => "乡镇(街道)",
        RegionLevel.Village => "行政村",
        RegionLevel.Community => "社区",
        _ => level.ToString(),
    };
}
