using System.Collections;
using System.Linq.Expressions;

namespace Analytics.Api.GraphQL.Querying;

/// <summary>Builds one <c>where</c> argument into an expression, counting depth and conditions as it goes.</summary>
internal sealed class FilterBuilder(QueryModel model, PersonalAccess personalAccess, string? regionPath)
{
    private int _conditions;

    /// <summary>An entity filter object: and/or and one entry per field, all of which must hold.</summary>
    public Expression Object(Type entityType, Expression instance, IDictionary<string, object?> filter, int depth)
    {
        CheckDepth(depth);
        var entity = model.For(entityType);
        var parts = new List<Expression>();
        foreach (var (key, value) in filter)
        {
            if (key is FilterOperators.And or FilterOperators.Or)
            {
                if (value is null)
                {
                    continue;
                }

                var items = List(value).Select(item => Object(entityType, instance, Dictionary(item), depth + 1));
                parts.Add(key == FilterOperators.And ? All(items) : Any(items));
                continue;
            }

            var mapping = entity.Field(key);
            if (!mapping.MayQuery(personalAccess))
            {
                throw QueryErrors.PersonalData($"{entity.TypeName}.{key}");
            }

            if (value is null)
            {
                throw QueryErrors.NullFilterField(entity.TypeName, key, reference: mapping.Kind == FieldKind.Reference);
            }

            switch (mapping.Kind)
            {
                case FieldKind.Id:
                    parts.Add(Operations(KeyOf(instance, mapping.Member!), Dictionary(value), depth + 1, idOf: entity.TypeName));
                    break;
                case FieldKind.Scalar:
                    parts.Add(Operations(Expression.Property(instance, mapping.Member!), Dictionary(value), depth + 1, idOf: null));
                    break;
                case FieldKind.Reference:
                    var navigation = Expression.Property(instance, mapping.Navigation!);
                    // References are readable from visible rows (AccessScope.ReadReferenced), so filtering through them
                    // reveals nothing more; lists are bounded below.
                    // C# semantics through an optional reference, as Hot Chocolate over EF Core: a missing one reads as
                    // null fields, so grid: { level: { neq: 4 } } keeps the rows without a grid and
                    // grid: { id: { eq: null } } selects exactly them (EF joins LEFT and compensates for the nulls).
                    parts.Add(Object(mapping.TargetEntity!, navigation, Dictionary(value), depth + 1));
                    break;
                case FieldKind.Collection:
                    parts.Add(ListOperations(mapping, Expression.Property(instance, mapping.Navigation!), Dictionary(value), depth + 1));
                    break;
                default:
                    throw QueryErrors.InvalidFilter($"{entity.TypeName}.{key} cannot be filtered.");
            }
        }

        return All(parts);
    }

    /// <summary>A condition on a listed row also requires the row to be in the caller's county, if scoped.</summary>
    private Expression Scoped(Type entityType, Expression row, Expression condition) =>
        regionPath is null ? condition : Expression.AndAlso(Security.RegionScopes.Within(entityType, row, regionPath), condition);

    /// <summary>For <c>all</c>: a listed row satisfies the condition or lies outside the caller's county (and so is not judged).</summary>
    private Expression ScopedOrOutside(Type entityType, Expression row, Expression condition) =>
        regionPath is null ? condition : Expression.OrElse(Expression.Not(Security.RegionScopes.Within(entityType, row, regionPath)), condition);

    /// <summary>The key of a row; for a referenced row, the referencing foreign key (x.Parent.Id is x.ParentId), so no join.</summary>
    private static MemberExpression KeyOf(Expression instance, System.Reflection.PropertyInfo id) =>
        instance is MemberExpression { Member: System.Reflection.PropertyInfo navigation, Expression: { } owner }
            && navigation.DeclaringType?.GetProperty(navigation.Name + "Id") is { } foreignKey
            ? Expression.Property(owner, foreignKey)
            : Expression.Property(instance, id);

    private Expression ListOperations(FieldMapping mapping, Expression collection, IDictionary<string, object?> operations, int depth)
    {
        CheckDepth(depth);
        var element = mapping.TargetEntity!;
        var parts = new List<Expression>();
        foreach (var (op, value) in operations)
        {
            if (value is null)
            {
                throw QueryErrors.NullFilterField(FilterTypeNames.List(model.For(element).TypeName), op, reference: false);
            }

            Count();

            // Every list operator judges only the rows the caller can list (a county officer's county): some, none
            // and any look for a visible row, all asks that every visible row match (rows of other counties neither
            // count for nor against it), so a list filter agrees with the list the caller reads.
            var child = Expression.Parameter(element, "c");
            if (op == FilterOperators.ListAny)
            {
                var visible = Expression.Lambda(Scoped(element, child, Expression.Constant(true)), child);
                var any = Expression.Call(typeof(Enumerable), nameof(Enumerable.Any), [element], collection, visible);
                parts.Add((bool)value ? any : Expression.Not(any));
                continue;
            }

            var condition = Object(element, child, Dictionary(value), depth + 1);
            parts.Add(op switch
            {
                FilterOperators.ListSome => Expression.Call(
                    typeof(Enumerable), nameof(Enumerable.Any), [element], collection, Expression.Lambda(Scoped(element, child, condition), child)),
                FilterOperators.ListAll => Expression.Call(
                    typeof(Enumerable), nameof(Enumerable.All), [element], collection, Expression.Lambda(ScopedOrOutside(element, child, condition), child)),
                FilterOperators.ListNone => Expression.Not(Expression.Call(
                    typeof(Enumerable), nameof(Enumerable.Any), [element], collection, Expression.Lambda(Scoped(element, child, condition), child))),
                _ => throw QueryErrors.InvalidFilter($"Unknown list operator '{op}'."),
            });
        }

        return All(parts);
    }

    /// <summary>An operation input on one member: eq, in, gt, contains… and nested and/or, all of which must hold.</summary>
    private Expression Operations(MemberExpression member, IDictionary<string, object?> operations, int depth, string? idOf)
    {
        CheckDepth(depth);
        var parts = new List<Expression>();
        foreach (var (op, raw) in operations)
        {
            if (op is FilterOperators.And or FilterOperators.Or)
            {
                if (raw is null)
                {
                    continue;
                }

                var items = List(raw).Select(item => Operations(member, Dictionary(item), depth + 1, idOf));
                parts.Add(op == FilterOperators.And ? All(items) : Any(items));
                continue;
            }

            Count();
            parts.Add(op switch
            {
                "eq" => Equal(member, Value(member, raw, idOf)),
                "neq" => Expression.Not(Equal(member, Value(member, raw, idOf))),
                "in" => In(member, raw, idOf),
                "nin" => Expression.Not(In(member, raw, idOf)),
                "gt" => Expression.GreaterThan(member, Required(member, raw, op)),
                "ngt" => Expression.Not(Expression.GreaterThan(member, Required(member, raw, op))),
                "gte" => Expression.GreaterThanOrEqual(member, Required(member, raw, op)),
                "ngte" => Expression.Not(Expression.GreaterThanOrEqual(member, Required(member, raw, op))),
                "lt" => Expression.LessThan(member, Required(member, raw, op)),
                "nlt" => Expression.Not(Expression.LessThan(member, Required(member, raw, op))),
                "lte" => Expression.LessThanOrEqual(member, Required(member, raw, op)),
                "nlte" => Expression.Not(Expression.LessThanOrEqual(member, Required(member, raw, op))),
                "contains" => Text(member, nameof(string.Contains), raw, op),
                "ncontains" => Expression.Not(Text(member, nameof(string.Contains), raw, op)),
                "startsWith" => Text(member, nameof(string.StartsWith), raw, op),
                "nstartsWith" => Expression.Not(Text(member, nameof(string.StartsWith), raw, op)),
                "endsWith" => Text(member, nameof(string.EndsWith), raw, op),
                "nendsWith" => Expression.Not(Text(member, nameof(string.EndsWith), raw, op)),
                _ => throw QueryErrors.InvalidFilter($"Unknown operator '{op}'."),
            });
        }

        return All(parts);
    }

    private static Expression Equal(Expression member, object? value)
    {
        if (value is not null)
        {
            return Expression.Equal(member, QueryModel.Parameter(value, member.Type));
        }

        // eq: null asks for missing values; a column that cannot be null never matches.
        return member.Type.IsValueType && Nullable.GetUnderlyingType(member.Type) is null
            ? Expression.Constant(false)
            : Expression.Equal(member, Expression.Constant(null, member.Type));
    }

    private static Expression In(Expression member, object? raw, string? idOf)
    {
        var values = raw is null ? [] : List(raw);
        if (values.Count > QueryModel.MaxInListLength)
        {
            throw QueryErrors.FilterTooLarge("values in one 'in' list", QueryModel.MaxInListLength);
        }

        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(member.Type))!;
        foreach (var value in values)
        {
            list.Add(Value(member, value, idOf));
        }

        return Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [member.Type], QueryModel.Parameter(list, list.GetType()), member);
    }

    private static Expression Required(Expression member, object? raw, string op) =>
        raw is null
            ? throw QueryErrors.InvalidFilter($"'{op}' needs a value; use eq: null to ask for missing values.")
            : QueryModel.Parameter(Value(member, raw, idOf: null), member.Type);

    private static Expression Text(Expression member, string method, object? raw, string op) =>
        Expression.Call(member, typeof(string).GetMethod(method, [typeof(string)])!, Required(member, raw, op));

    private static object? Value(Expression member, object? raw, string? idOf)
    {
        if (idOf is not null && raw is not null)
        {
            return GlobalId.DecodeFor(idOf, raw.ToString()!);
        }

        var value = QueryModel.ConvertValue(raw, member.Type);

        // Decimal columns hold at most two places (yuan and fen, scores); a third would be rounded by the provider,
        // differently by each (half to even on SQLite, half away from zero by SqlClient), so it is refused instead.
        if (value is decimal number && decimal.Round(number, 2) != number)
        {
            throw QueryErrors.InvalidFilter($"{number} has more than two decimal places; amounts and scores are kept to 0.01.");
        }

        return value;
    }

    private void Count()
    {
        if (++_conditions > QueryModel.MaxFilterConditions)
        {
            throw QueryErrors.FilterTooLarge("conditions", QueryModel.MaxFilterConditions);
        }
    }

    private static void CheckDepth(int depth)
    {
        if (depth > QueryModel.MaxFilterDepth)
        {
            throw QueryErrors.FilterTooDeep(QueryModel.MaxFilterDepth);
        }
    }

    private static Expression All(IEnumerable<Expression> parts) =>
        parts.Aggregate((Expression?)null, (all, part) => all is null ? part : Expression.AndAlso(all, part)) ?? Expression.Constant(true);

    private static Expression Any(IEnumerable<Expression> parts) =>
        parts.Aggregate((Expression?)null, (any, part) => any is null ? part : Expression.OrElse(any, part)) ?? Expression.Constant(true);

    private static IDictionary<string, object?> Dictionary(object? value) =>
        value as IDictionary<string, object?> ?? throw QueryErrors.InvalidFilter("Expected an input object.");

    private static List<object?> List(object value) =>
        value is IEnumerable items and not string ? items.Cast<object?>().ToList() : [value];
}
