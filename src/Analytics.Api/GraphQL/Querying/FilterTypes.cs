using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Querying;

/// <summary>The operators of Hot Chocolate's filter conventions, by family.</summary>
public static class FilterOperators
{
    public const string And = "and";
    public const string Or = "or";

    public static readonly string[] Equality = ["eq", "neq"];
    public static readonly string[] Membership = ["in", "nin"];
    public static readonly string[] Comparison = ["gt", "ngt", "gte", "ngte", "lt", "nlt", "lte", "nlte"];
    public static readonly string[] Text = ["contains", "ncontains", "startsWith", "nstartsWith", "endsWith", "nendsWith"];

    public const string ListAll = "all";
    public const string ListNone = "none";
    public const string ListSome = "some";
    public const string ListAny = "any";
}

/// <summary>
/// A per-field operation input such as <c>StringOperationFilterInput</c> or <c>IntOperationFilterInput</c>: its own
/// <c>and</c>/<c>or</c>, then the operators of its family, all typed by one scalar.
/// </summary>
[DoNotRegister] // built per entity by QueryModel, not by dependency injection
public sealed class OperationFilterInputType : InputObjectGraphType
{
    public OperationFilterInputType(string name, Type scalarGraphType, bool comparable, bool text)
    {
        Name = name;
        var self = new GraphQLTypeReference(name);
        AddField(new FieldType { Name = FilterOperators.And, ResolvedType = new ListGraphType(new NonNullGraphType(self)) });
        AddField(new FieldType { Name = FilterOperators.Or, ResolvedType = new ListGraphType(new NonNullGraphType(self)) });
        foreach (var op in FilterOperators.Equality)
        {
            AddField(new FieldType { Name = op, Type = scalarGraphType });
        }

        // Hot Chocolate's order: text operators sit around in/nin for strings, comparisons follow them otherwise.
        if (text)
        {
            AddField(new FieldType { Name = "contains", Type = scalarGraphType });
            AddField(new FieldType { Name = "ncontains", Type = scalarGraphType });
        }

        foreach (var op in FilterOperators.Membership)
        {
            AddField(new FieldType { Name = op, Type = typeof(ListGraphType<>).MakeGenericType(scalarGraphType) });
        }

        if (text)
        {
            foreach (var op in FilterOperators.Text.Skip(2))
            {
                AddField(new FieldType { Name = op, Type = scalarGraphType });
            }
        }

        if (comparable)
        {
            foreach (var op in FilterOperators.Comparison)
            {
                AddField(new FieldType { Name = op, Type = scalarGraphType });
            }
        }
    }
}

/// <summary><c>XFilterInput</c>: <c>and</c>, <c>or</c>, then one entry per filterable field of the entity type.</summary>
[DoNotRegister] // built per entity by QueryModel, not by dependency injection
public sealed class EntityFilterInputType : InputObjectGraphType
{
    public EntityFilterInputType(string entityTypeName, IEnumerable<(string Field, IGraphType Type)> fields)
    {
        Name = FilterTypeNames.Entity(entityTypeName);
        var self = new GraphQLTypeReference(Name);
        AddField(new FieldType { Name = FilterOperators.And, ResolvedType = new ListGraphType(new NonNullGraphType(self)) });
        AddField(new FieldType { Name = FilterOperators.Or, ResolvedType = new ListGraphType(new NonNullGraphType(self)) });
        foreach (var (field, type) in fields)
        {
            AddField(new FieldType { Name = field, ResolvedType = type });
        }
    }
}

/// <summary><c>ListFilterInputTypeOf&lt;X&gt;FilterInput</c>: all, none, some, any over a collection.</summary>
[DoNotRegister] // built per entity by QueryModel, not by dependency injection
public sealed class ListFilterInputType : InputObjectGraphType
{
    public ListFilterInputType(string elementTypeName)
    {
        Name = FilterTypeNames.List(elementTypeName);
        var element = new GraphQLTypeReference(FilterTypeNames.Entity(elementTypeName));
        AddField(new FieldType { Name = FilterOperators.ListAll, ResolvedType = element });
        AddField(new FieldType { Name = FilterOperators.ListNone, ResolvedType = element });
        AddField(new FieldType { Name = FilterOperators.ListSome, ResolvedType = element });
        AddField(new FieldType { Name = FilterOperators.ListAny, Type = typeof(BooleanGraphType) });
    }
}

public static class FilterTypeNames
{
    public static string Entity(string entityTypeName) => $"{entityTypeName}FilterInput";

    public static string List(string elementTypeName) => $"ListFilterInputTypeOf{Entity(elementTypeName)}";
}
