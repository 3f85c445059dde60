using Analytics.Api.GraphQL;
using Analytics.Api.Members;
using Analytics.Api.Regions;
using Analytics.Api.Security;
using Analytics.Domain;

namespace Analytics.Api.Grids;

public sealed class GridGraphType : EntityGraphType<Grid>
{
    public GridGraphType()
        : base("网格: a grid cell, 乡街 (1) → 村居 (2) → 片区/小区 (3) → 单元网格 (4); unit grids hold 80–120 households.")
    {
        Field(x => x.Code);
        Field(x => x.Name);
        Field(x => x.Level).Description("1 = township/street, 2 = village/community, 3 = area/compound, 4 = unit grid.");
        Field(x => x.Households);
        Field(x => x.Population);
        Field(x => x.CreatedOn).Description("The day the grid was drawn: its first day.");
        Field(x => x.ValidTo, nullable: true)
            .Description("Last day the grid exists (redrawn, merged, its region dissolved), inclusive; null while it lasts.");
        OptionalReference<Grid, GridGraphType>("parent", "The grid one level up.");
        Reference<Region, RegionGraphType>("region", "The region the grid lies in.");
        Children<Grid, GridGraphType>("children", nameof(Grid.ParentId), "The grids one level down.");
        Children<GridSteward, GridStewardGraphType>("stewards", nameof(GridSteward.GridId), "Stewards assigned to the grid, past and present.");
        UpdatedAtField();
    }
}

public sealed class GridStewardGraphType : EntityGraphType<GridSteward>
{
    public GridStewardGraphType()
        : base("网格管家 / 网格员: a person assigned to a grid for a period, possibly a cadre sunk to the grid (下沉).")
    {
        Field(x => x.PersonName).Personal();
        Field(x => x.Employment).Description("专职 (full-time) or 兼职 (part-time).");
        Field(x => x.IsCadre).Description("A party or government cadre serving as steward.");
        Field(x => x.From);
        Field(x => x.To, nullable: true).Description("Last day of the assignment; null while it lasts.");
        Reference<Grid, GridGraphType>("grid", "The grid served.");
        OptionalReference<PartyMember, PartyMemberGraphType>("member", "The party member serving, when the steward is one.");
        UpdatedAtField();
    }
}
