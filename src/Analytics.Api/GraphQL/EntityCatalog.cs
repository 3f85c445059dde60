using Analytics.Api.Auditing;
using Analytics.Api.Cases;
using Analytics.Api.Grids;
using Analytics.Api.Income;
using Analytics.Api.Members;
using Analytics.Api.MicroWishes;
using Analytics.Api.Organizations;
using Analytics.Api.Pairings;
using Analytics.Api.Ratings;
using Analytics.Api.Regions;
using Analytics.Data;
using Analytics.Domain;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.GraphQL;

/// <summary>One entity as the API exposes it: its object type, root list field and how node(id:) finds it.</summary>
public interface IEntityRegistration
{
    Type EntityType { get; }

    /// <summary>The entity's object graph type.</summary>
    Type GraphType { get; }

    /// <summary>The GraphQL type name, also the type part of global ids.</summary>
    string TypeName { get; }

    string ListFieldName { get; }

    string Description { get; }

    void AddRootField(ObjectGraphType query);

    /// <summary>The row with this key if the caller may see it (else null, as if it did not exist).</summary>
    Task<object?> FindAsync(OperationalDbContext db, Security.AccessScope scope, int id, CancellationToken cancellationToken);

    /// <summary>The rows with these keys the caller may see, in one statement.</summary>
    Task<Dictionary<int, object>> FindManyAsync(OperationalDbContext db, Security.AccessScope scope, IReadOnlyCollection<int> ids, CancellationToken cancellationToken);
}

public sealed class EntityRegistration<TEntity, TGraphType>(string listFieldName, string description) : IEntityRegistration
    where TEntity : Entity
    where TGraphType : EntityGraphType<TEntity>
{
    public Type EntityType => typeof(TEntity);

    public Type GraphType => typeof(TGraphType);

    public string TypeName => typeof(TEntity).Name;

    public string ListFieldName => listFieldName;

    public string Description => description;

    public void AddRootField(ObjectGraphType query) => query.EntityConnection<TEntity, TGraphType>();

    public async Task<object?> FindAsync(OperationalDbContext db, Security.AccessScope scope, int id, CancellationToken cancellationToken) =>
        await scope.Read<TEntity>(db).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);

    public async Task<Dictionary<int, object>> FindManyAsync(OperationalDbContext db, Security.AccessScope scope, IReadOnlyCollection<int> ids, CancellationToken cancellationToken) =>
        await scope.Read<TEntity>(db).Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => (object)e, cancellationToken);
}

/// <summary>
/// Every entity the API serves, in one list: the root query, <c>node(id:)</c> and (later) filtering, sorting and
/// aggregates are all driven from here, so a new entity is one line.
/// </summary>
public static class EntityCatalog
{
    /// <summary>Every entity served, in the order of the root query's fields.</summary>
    public static readonly IReadOnlyList<IEntityRegistration> All =
    [
        new EntityRegistration<Region, RegionGraphType>("regions", "行政区划: the administrative tree, city → county → township → village or community."),
        new EntityRegistration<Grid, GridGraphType>("grids", "网格: grid cells, levels 1 (township) to 4 (unit grid)."),
        new EntityRegistration<GridSteward, GridStewardGraphType>("gridStewards", "网格管家 / 网格员: assignments of people to grids."),
        new EntityRegistration<PartyOrganization, PartyOrganizationGraphType>("partyOrganizations", "党组织: committees, general branches and branches."),
        new EntityRegistration<PartyMember, PartyMemberGraphType>("partyMembers", "党员. ID numbers and phones are masked for every role but admin."),
        new EntityRegistration<Enterprise, EnterpriseGraphType>("enterprises", "企业 that agencies pair with; party organization coverage."),
        new EntityRegistration<Project, ProjectGraphType>("projects", "项目 that agencies pair with (联项目)."),
        new EntityRegistration<Pairing, PairingGraphType>("pairings", "结对共建: agency organizations linked to villages, communities, enterprises and projects."),
        new EntityRegistration<Activity, ActivityGraphType>("activities", "Visits and activities: leader visits, joint party classes, theme days, night talks, rotation duty."),
        new EntityRegistration<Case, CaseGraphType>("cases", "民情诉求: residents' and enterprises' cases and how they were handled."),
        new EntityRegistration<CollectiveIncome, CollectiveIncomeGraphType>("collectiveIncomes", "村集体收入: village collective income per year."),
        new EntityRegistration<IncomeProject, IncomeProjectGraphType>("incomeProjects", "村财增收项目: projects raising village collective income."),
        new EntityRegistration<StarRating, StarRatingGraphType>("starRatings", "五星创评: yearly star ratings of organizations."),
        new EntityRegistration<MicroWish, MicroWishGraphType>("microWishes", "微心愿: small wishes and their fulfilment."),
        new EntityRegistration<CommunityRegistration, CommunityRegistrationGraphType>("communityRegistrations", "在职党员到社区报到: in-service members registering at communities."),
        new EntityRegistration<AuditEntry, AuditEntryGraphType>("auditEntries", "操作留痕: every write, who made it, when, values before and after. Administrators only."),
    ];

    private static readonly Dictionary<Type, IEntityRegistration> _byEntity = All.ToDictionary(r => r.EntityType);
    private static readonly Dictionary<string, IEntityRegistration> _byTypeName = All.ToDictionary(r => r.TypeName);

    public static IEntityRegistration For<TEntity>() => _byEntity[typeof(TEntity)];

    public static IEntityRegistration? ForTypeName(string typeName) => _byTypeName.GetValueOrDefault(typeName);
}
