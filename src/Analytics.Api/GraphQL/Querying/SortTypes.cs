using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Querying;

/// <summary>Sort direction, as Hot Chocolate names it.</summary>
public enum SortEnumType
{
    Asc,
    Desc,
}

/// <summary><c>XSortInput</c>: one entry per sortable field, a <c>SortEnumType</c> or the nested entity's sort input.</summary>
[DoNotRegister] // built per entity by QueryModel, not by dependency injection
public sealed class EntitySortInputType : InputObjectGraphType
{
    public EntitySortInputType(string entityTypeName, IEnumerable<(string Field, IGraphType Type)> fields)
    {
        Name = SortTypeNames.Entity(entityTypeName);
        foreach (var (field, type) in fields)
        {
            AddField(new FieldType { Name = field, ResolvedType = type });
        }
    }
}

public static class SortTypeNames
{
    public static string Entity(string entityTypeName) => $"{entityTypeName}SortInput";
}
