using System.Linq.Expressions;
using Analytics.Domain;
using GraphQL.Types;

namespace Analytics.Api.GraphQL;

/// <summary>
/// Base of every entity's object type: named after the entity, a Relay <c>Node</c> with a global <c>id</c>, and
/// helpers that resolve references and child lists through the request's <see cref="BatchLoader"/>.
/// </summary>
public abstract class EntityGraphType<TEntity> : ObjectGraphType<TEntity>
    where TEntity : Entity
{
    protected EntityGraphType(string description)
    {
        Name = typeof(TEntity).Name;
        Description = description;
        Interface<NodeInterface>();
        IsTypeOf = source => source is TEntity;

        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("Global id (Relay): opaque, names the type, accepted by node(id:).")
            .Resolve(context => GlobalId.Encode(Name, context.Source.Id));
    }

    /// <summary>Adds <c>updatedAt</c>; call last so the field list reads domain fields first.</summary>
    protected void UpdatedAtField() =>
        Field(x => x.UpdatedAt).Description("When the row last changed (UTC); the ETL's incremental watermark.");

    /// <summary>A required reference (non-null foreign key), batched.</summary>
    protected void Reference<TTarget, TTargetGraphType>(string name, Func<TEntity, int> key, string description)
        where TTarget : Entity
        where TTargetGraphType : EntityGraphType<TTarget> =>
        Field<NonNullGraphType<TTargetGraphType>>(name)
            .Description(description)
            .Resolve(context => context.Loader().LoadById<TTarget>(key(context.Source)));

    /// <summary>An optional reference (nullable foreign key), batched.</summary>
    protected void OptionalReference<TTarget, TTargetGraphType>(string name, Func<TEntity, int?> key, string description)
        where TTarget : Entity
        where TTargetGraphType : EntityGraphType<TTarget> =>
        Field<TTargetGraphType>(name)
            .Description(description)
            .Resolve(context => context.Loader().LoadById<TTarget>(key(context.Source)));

    /// <summary>The rows of <typeparamref name="TChild"/> whose <paramref name="foreignKey"/> points here, batched.</summary>
    protected void Children<TChild, TChildGraphType>(
        string name, string foreignKey, string description, Expression<Func<TChild, bool>>? filter = null, string filterKey = "")
        where TChild : Entity
        where TChildGraphType : EntityGraphType<TChild> =>
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TChildGraphType>>>>(name)
            .Description(description)
            .Resolve(context => context.Loader().LoadChildren(foreignKey, context.Source.Id, filter, filterKey));
}

/// <summary>The Relay <c>Node</c> interface: anything with a global id.</summary>
public sealed class NodeInterface : InterfaceGraphType<Entity>
{
    public NodeInterface()
    {
        Name = "Node";
        Description = "An object with a global id, fetchable with node(id:).";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global id.");
    }
}
