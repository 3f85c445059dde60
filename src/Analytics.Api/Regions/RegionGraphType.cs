using System.Linq.Expressions;
using Analytics.Api.GraphQL;
using Analytics.Api.GraphQL.Querying;
using Analytics.Api.Grids;
using Analytics.Api.Security;
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
        Field(x => x.ValidFrom, nullable: true)
            .Description("First day the region exists (设立, e.g. a village formed by a merger), inclusive; null: since before the data begin.");
        Field(x => x.ValidTo, nullable: true)
            .Description("Last day the region exists (撤销/合并), inclusive; null while it lasts. A region exists on day d when validFrom <= d <= validTo.");
        OptionalReference<Region, RegionGraphType>("parent", "The region one level up; null for the city.");

        ChildrenMapping<Region>(Field<NonNullGraphType<ListGraphType<NonNullGraphType<RegionGraphType>>>>("children")
            .Description("The regions one level down, optionally of one level only (a township holds villages and communities).")
            .Argument<EnumerationGraphType<RegionLevel>>("level")
            .Resolve(context =>
            {
                var level = context.GetArgument<RegionLevel?>("level");
                var members = Projection.MembersFor<Region>(context);
                var arguments = NestedListArguments<Region>.From(context);
                return level is null
                    ? context.Loader().LoadChildren(nameof(Region.ParentId), context.Source.Id, members, arguments: arguments)
                    : context.Loader().LoadChildren<Region>(nameof(Region.ParentId), context.Source.Id, members, r => r.Level == level, $"{level}", arguments);
            })
            .FieldType);
        NestedListArguments<Region>.AddTo(Fields.Find("children")!);

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
            .Requires(nameof(Region.Id))
            .Resolve(context =>
            {
                var level = context.GetArgument<RegionLevel>("level");
                return context.Loader().Load<int, int>($"Region.DescendantCount({level})", context.Source.Id, (db, keys, ct) =>
                    CountBelowAsync(
                        Ancestors(context, db, keys),
                        context.Scope().Read<Region>(db).Where(region => region.Level == level),
                        region => region.Path,
                        includeSelf: false,
                        ct),
                    missing: 0);
            });

        Field<NonNullGraphType<IntGraphType>>("gridCount")
            .Description("How many grids lie in this region's subtree, optionally of one level (1–4; 4 = unit grids).")
            .Argument<IntGraphType>("level")
            .Requires(nameof(Region.Id))
            .Resolve(context =>
            {
                var level = context.GetArgument<int?>("level");
                return context.Loader().Load<int, int>($"Region.GridCount({level})", context.Source.Id, (db, keys, ct) =>
                    CountBelowAsync(
                        Ancestors(context, db, keys),
                        context.Scope().Read<Grid>(db).Where(grid => level == null || grid.Level == level),
                        grid => grid.Region!.Path,
                        includeSelf: true,
                        ct),
                    missing: 0);
            });

        Field<NonNullGraphType<IntGraphType>>("partyOrganizationCount")
            .Description("How many party organizations belong to this region's subtree, optionally of one domain "
                + "(e.g. GRID_BRANCH for grid party branches, RESIDENTIAL_AREA for 小区党支部). Dissolved ones are not counted.")
            .Argument<EnumerationGraphType<OrganizationDomain>>("domain")
            .Requires(nameof(Region.Id))
            .Resolve(context =>
            {
                var domain = context.GetArgument<OrganizationDomain?>("domain");
                return context.Loader().Load<int, int>($"Region.PartyOrganizationCount({domain})", context.Source.Id, (db, keys, ct) =>
                    CountBelowAsync(
                        Ancestors(context, db, keys),
                        context.Scope().Read<PartyOrganization>(db).Where(organization =>
                            organization.DissolvedOn == null && (domain == null || organization.Domain == domain)),
                        organization => organization.Region!.Path,
                        includeSelf: true,
                        ct),
                    missing: 0);
            });

        Children<Grid, GridGraphType>("grids", nameof(Grid.RegionId), "The grids drawn directly on this region.");
        UpdatedAtField();
    }

    /// <summary>
    /// The regions asking for a subtree count. A region the caller reads (also one outside a county officer's county,
    /// reached as a reference such as a county's <c>parent</c>) counts the rows of its subtree the caller can list, so
    /// 三明市's counts for a 永安市 officer are 永安市's, as its <c>children</c> list shows only 永安市.
    /// </summary>
    private static IQueryable<Region> Ancestors(IResolveFieldContext context, Analytics.Data.OperationalDbContext db, IReadOnlyCollection<int> keys) =>
        context.Scope().ReadReferenced<Region>(db).Where(ancestor => keys.Contains(ancestor.Id));

    /// <summary>
    /// How many of <paramref name="rows"/> lie in each ancestor's subtree, in one query: each ancestor joined to the rows
    /// whose region path is below its own (a range on the Path index, see <see cref="RegionScopes.Below{TEntity}"/>).
    /// </summary>
    private static Task<Dictionary<int, int>> CountBelowAsync<TEntity>(
        IQueryable<Region> ancestors, IQueryable<TEntity> rows, Expression<Func<TEntity, string>> path, bool includeSelf, CancellationToken ct)
    {
        return ancestors
            .SelectMany(_ => rows, (region, row) => new RegionAndRow<TEntity> { Region = region, Row = row })
            .Where(RegionScopes.Below(path, includeSelf))
            .GroupBy(pair => pair.Region.Id)
            .Select(counted => new { counted.Key, Count = counted.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }
}
