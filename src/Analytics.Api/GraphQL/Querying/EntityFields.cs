using System.Collections.Concurrent;
using System.Reflection;
using Analytics.Domain;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Querying;

/// <summary>How a GraphQL field of an entity type maps onto the entity: the basis of filters, sorts, aggregates and projection.</summary>
public enum FieldKind
{
    /// <summary>The global <c>id</c> (entity key).</summary>
    Id,

    /// <summary>A column of the entity, named like the field.</summary>
    Scalar,

    /// <summary>A reference to another entity through a navigation and its foreign key.</summary>
    Reference,

    /// <summary>The rows of another entity that point here, through a collection navigation (when the model has one).</summary>
    Collection,

    /// <summary>Computed from other members (<see cref="FieldMapping.Requires"/>); neither filterable nor sortable.</summary>
    Computed,
}

/// <summary>One field's mapping.</summary>
/// <param name="FieldName">The GraphQL field.</param>
/// <param name="Kind">What the field is in the entity.</param>
/// <param name="Member">The column (scalar, id) or the foreign key (reference).</param>
/// <param name="Navigation">The navigation property (reference, collection).</param>
/// <param name="TargetEntity">The entity a reference or collection leads to.</param>
/// <param name="Requires">Entity members the field needs loaded (projection).</param>
public sealed record FieldMapping(
    string FieldName,
    FieldKind Kind,
    PropertyInfo? Member,
    PropertyInfo? Navigation,
    Type? TargetEntity,
    IReadOnlyList<string> Requires)
{
    /// <summary>Personal data (<see cref="Security.FieldRules.PersonalKey"/>): only roles allowed to see it may filter or sort on it.</summary>
    public bool Personal { get; init; }

    /// <summary>Shown masked to all but administrators (<see cref="Security.FieldRules.MaskedKey"/>): only they may filter or sort on it.</summary>
    public bool Masked { get; init; }

    /// <summary>Whether a caller with this access may filter or sort on the field (a filter is a side channel).</summary>
    public bool MayQuery(PersonalAccess access) => Masked ? access == PersonalAccess.Clear : !Personal || access != PersonalAccess.None;

    /// <summary>The member's type without Nullable&lt;&gt;.</summary>
    public Type? ValueType => Member is null ? null : Nullable.GetUnderlyingType(Member.PropertyType) ?? Member.PropertyType;
}

/// <summary>How much of the personal data a caller sees: none (analysts, publicity), masked (county officers), clear (admins).</summary>
public enum PersonalAccess
{
    None,
    Masked,
    Clear,
}

/// <summary>Reads and caches the field mappings of the entity graph types.</summary>
public static class EntityFields
{
    public const string MappingKey = "analytics:mapping";
    public const string RequiresKey = "analytics:requires";

    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, FieldMapping>> _cache = new();

    /// <summary>Declares the entity members a computed field needs loaded.</summary>
    public static FieldBuilder<TSource, TReturn> Requires<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, params string[] members)
    {
        field.FieldType.Metadata[RequiresKey] = members;
        return field;
    }

    /// <summary>The mappings of an entity graph type's fields, by field name.</summary>
    public static IReadOnlyDictionary<string, FieldMapping> Of(IComplexGraphType graphType, Type entityType) =>
        _cache.GetOrAdd(graphType.GetType(), _ => Describe(graphType, entityType));

    private static Dictionary<string, FieldMapping> Describe(IComplexGraphType graphType, Type entityType)
    {
        var mappings = new Dictionary<string, FieldMapping>(StringComparer.Ordinal);
        foreach (var field in graphType.Fields)
        {
            // Expression fields are named after the CLR member until the schema camel-cases them at initialization;
            // the mapping speaks the schema's names whichever instance it was read from.
            var mapping = field.GetMetadata<FieldMapping?>(MappingKey)
                ?? Convention(field, entityType)
                ?? throw new InvalidOperationException(
                    $"{graphType.Name}.{field.Name} maps to no member of {entityType.Name}: name it like a property, "
                    + "use the Reference/Children helpers, or declare what it computes from with Requires(...).");
            mappings[Camel(field.Name)] = mapping with
            {
                Personal = field.GetMetadata(Security.FieldRules.PersonalKey, false),
                Masked = field.GetMetadata(Security.FieldRules.MaskedKey, false),
            };
        }

        return mappings;
    }

    private static FieldMapping? Convention(FieldType field, Type entityType)
    {
        if (field.Name == "id")
        {
            return new FieldMapping("id", FieldKind.Id, entityType.GetProperty(nameof(Entity.Id)), null, null, [nameof(Entity.Id)]);
        }

        var name = Camel(field.Name);
        if (field.GetMetadata<string[]?>(RequiresKey) is { } requires)
        {
            return new FieldMapping(name, FieldKind.Computed, null, null, null, requires);
        }

        var property = entityType.GetProperty(Pascal(field.Name), BindingFlags.Public | BindingFlags.Instance);
        return property is null || !IsColumn(property) || !property.CanWrite
            ? null
            : new FieldMapping(name, FieldKind.Scalar, property, null, null, [property.Name]);
    }

    /// <summary>A scalar column type the querying layer can filter, sort and aggregate.</summary>
    public static bool IsColumn(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type.IsEnum || type == typeof(string) || type == typeof(int) || type == typeof(long) || type == typeof(decimal)
            || type == typeof(double) || type == typeof(bool) || type == typeof(DateTimeOffset) || type == typeof(DateOnly)
            || type == typeof(Guid);
    }

    public static string Pascal(string name) => char.ToUpperInvariant(name[0]) + name[1..];

    public static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
