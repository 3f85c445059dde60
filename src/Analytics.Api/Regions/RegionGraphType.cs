using Analytics.Api.GraphQL;
using Analytics.Api.GraphQL.Querying;
using Analytics.Api.Grids;
using Analytics.Domain;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Regions;

public sealed class RegionGraphType : EntityGraphType<Region>
{
    public RegionGraphType()
        : base("行政区划: a node of the administrative tree, city → county → township → village or community.")
    {
        Field(x => x.Code).Description("Administrative division code (行政区划代码), e.g. 350481 for 永安市.");
        Field(x => x.Name);
        Field(x => x.Level);
        Field(x => x.Households).Description("Registered households (户).");
        Field(x => x.Population).Description("Resident population (人口).");
        OptionalReference<Region, RegionGraphType>("parent", "The region one level up; null for the city.");

        ChildrenMapping<Region>(Field<NonNullGraphType<ListGraphType<NonNullGraphType<RegionGraphType>>>>("children")
            .Description("The regions one level down, optionally of one level only (a township holds villages and communities).")
            .Argument<EnumerationGraphType<RegionLevel>>("level")
            .Resolve(context =>
            {
                var level = context.GetArgument<RegionLevel?>("level");
                var members = Projection.MembersFor<Region>(context);
                return level is null
                    ? context.Loader().LoadChildren<Region>(nameof(Region.ParentId), context.Source.Id, members)
                    : context.Loader().LoadChildren<Region>(nameof(Region.ParentId), context.Source.Id, members, r => r.Level == level, $"{level}");
            })
            .FieldType);

        Field<NonNullGraphType<IntGraphType>>("childCount")
            .Description("How many regions are one level down (of the given level, if any).")
            .Argument<EnumerationGraphType<RegionLevel>>("level")
            .Requires(nameof(Region.Id))
            .Resolve(context =>
            {
                var level = context.GetArgument<RegionLevel?>("level");
                return level is null
                    ? context.Loader().LoadCount<Region>(nameof(Region.ParentId), context.Source.Id)
                    : context.Loader().LoadCount<Region>(nameof(Region.ParentId), context.Source.Id, r => r.Level == level, $"{level}");
            });

        Field<NonNullGraphType<IntGraphType>>("descendantCount")
            .Description("How many regions of the given level lie anywhere below this one (e.g. a county's villages).")
            .Argument<NonNullGraphType<EnumerationGraphType<RegionLevel>>>("level")
            .Requires(nameof(Region.Id), nameof(Region.Path))
            .ResolveAsync(async context =>
            {
                var level = context.GetArgument<RegionLevel>("level");
                var path = context.Source.Path;
                await using var db = await context.CreateDbContextAsync();
                return await db.Regions.CountAsync(
                    r => r.Path.StartsWith(path) && r.Id != context.Source.Id && r.Level == level, context.CancellationToken);
            });

        Field<NonNullGraphType<IntGraphType>>("gridCount")
            .Description("How many grids lie in this region's subtree, optionally of one level (1–4; 4 = unit grids).")
            .Argument<IntGraphType>("level")
            .Requires(nameof(Region.Id), nameof(Region.Path))
            .ResolveAsync(async context =>
            {
                var level = context.GetArgument<int?>("level");
                var path = context.Source.Path;
                await using var db = await context.CreateDbContextAsync();
                return await db.Grids.CountAsync(
                    g => g.Region!.Path.StartsWith(path) && (level == null || g.Level == level), context.CancellationToken);
            });

        Field<NonNullGraphType<IntGraphType>>("partyOrganizationCount")
            .Description("How many party organizations belong to this region's subtree, optionally of one domain "
                + "(e.g. GRID_BRANCH for grid party branches, RESIDENTIAL_AREA for 小区党支部). Dissolved ones are not counted.")
            .Argument<EnumerationGraphType<OrganizationDomain>>("domain")
            .Requires(nameof(Region.Id), nameof(Region.Path))
            .ResolveAsync(async context =>
            {
                var domain = context.GetArgument<OrganizationDomain?>("domain");
                var path = context.Source.Path;
                await using var db = await context.CreateDbContextAsync();
                return await db.PartyOrganizations.CountAsync(
                    o => o.Region!.Path.StartsWith(path) && o.DissolvedOn == null && (domain == null || o.Domain == domain),
                    context.CancellationToken);
            });

        Children<Grid, GridGraphType>("grids", nameof(Grid.RegionId), "The grids drawn directly on this region.");
        UpdatedAtField();
    }
}
