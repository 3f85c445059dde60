using System.Linq.Expressions;
using System.Reflection;
using Analytics.Api.GraphQL.Querying;
using Analytics.Api.Security;
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

    /// <summary>Adds <c>auditTrail</c>: every audited change of this object, oldest first (for administrators).</summary>
    protected void AuditTrailField()
    {
        var typeName = typeof(TEntity).Name;
        Children<AuditEntry, Auditing.AuditEntryGraphType>(
            "auditTrail", nameof(AuditEntry.EntityId), "Every change of this object, oldest first: who, when, which mutation, before → after.",
            entry => entry.EntityType == typeName, typeName);
        GetField("auditTrail")!.AdminOnly();
    }

    /// <summary>A required reference: navigation <c>Name</c> with foreign key <c>NameId</c>, batched.</summary>
    protected void Reference<TTarget, TTargetGraphType>(string name, string description)
        where TTarget : Entity
        where TTargetGraphType : EntityGraphType<TTarget>
    {
        var (navigation, key) = ReferenceMembers<TTarget>(name);
        var getKey = (Func<TEntity, int>)Delegate.CreateDelegate(typeof(Func<TEntity, int>), key.GetMethod!);
        Field<NonNullGraphType<TTargetGraphType>>(name)
            .Description(description)
            .Resolve(context => context.Loader().LoadById<TTarget>(getKey(context.Source), Projection.MembersFor<TTarget>(context)))
            .FieldType.Metadata[EntityFields.MappingKey] =
                new FieldMapping(name, FieldKind.Reference, key, navigation, typeof(TTarget), [key.Name]);
    }

    /// <summary>An optional reference: navigation <c>Name</c> with nullable foreign key <c>NameId</c>, batched.</summary>
    protected void OptionalReference<TTarget, TTargetGraphType>(string name, string description)
        where TTarget : Entity
        where TTargetGraphType : EntityGraphType<TTarget>
    {
        var (navigation, key) = ReferenceMembers<TTarget>(name);
        var getKey = (Func<TEntity, int?>)Delegate.CreateDelegate(typeof(Func<TEntity, int?>), key.GetMethod!);
        Field<TTargetGraphType>(name)
            .Description(description)
            .Resolve(context => context.Loader().LoadById<TTarget>(getKey(context.Source), Projection.MembersFor<TTarget>(context)))
            .FieldType.Metadata[EntityFields.MappingKey] =
                new FieldMapping(name, FieldKind.Reference, key, navigation, typeof(TTarget), [key.Name]);
    }

    /// <summary>
    /// The rows of <typeparamref name="TChild"/> whose <paramref name="foreignKey"/> points here, batched. Filterable as
    /// a list when the entity has a collection navigation named like the field.
    /// </summary>
    protected void Children<TChild, TChildGraphType>(
        string name, string foreignKey, string description, Expression<Func<TChild, bool>>? filter = null, string filterKey = "")
        where TChild : Entity
        where TChildGraphType : EntityGraphType<TChild>
    {
        var field = Field<NonNullGraphType<ListGraphType<NonNullGraphType<TChildGraphType>>>>(name)
            .Description(description)
            .Resolve(context => context.Loader().LoadChildren(
                foreignKey, context.Source.Id, Projection.MembersFor<TChild>(context), filter, filterKey, NestedListArguments<TChild>.From(context)))
            .FieldType;
        NestedListArguments<TChild>.AddTo(field);
        ChildrenMapping<TChild>(field);
    }

    /// <summary>Marks a hand-built child-list field as the collection navigation named like it (or computed from the id).</summary>
    protected static void ChildrenMapping<TChild>(FieldType field)
        where TChild : Entity
    {
        var navigation = typeof(TEntity).GetProperty(EntityFields.Pascal(field.Name));
        field.Metadata[EntityFields.MappingKey] = navigation is not null && typeof(IEnumerable<TChild>).IsAssignableFrom(navigation.PropertyType)
            ? new FieldMapping(field.Name, FieldKind.Collection, null, navigation, typeof(TChild), [nameof(Entity.Id)])
            : new FieldMapping(field.Name, FieldKind.Computed, null, null, null, [nameof(Entity.Id)]);
    }

    private static (PropertyInfo Navigation, PropertyInfo Key) ReferenceMembers<TTarget>(string fieldName)
    {
        var navigationName = EntityFields.Pascal(fieldName);
        var navigation = typeof(TEntity).GetProperty(navigationName)
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} has no navigation {navigationName} for field {fieldName}.");
        var key = typeof(TEntity).GetProperty(navigationName + "Id")
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} has no foreign key {navigationName}Id for field {fieldName}.");
        if (navigation.PropertyType != typeof(TTarget))
        {
            throw new InvalidOperationException($"{typeof(TEntity).Name}.{navigationName} is not a {typeof(TTarget).Name}.");
        }

        return (navigation, key);
    }
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
