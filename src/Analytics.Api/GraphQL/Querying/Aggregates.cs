using System.Linq.Expressions;
using Analytics.Domain;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.GraphQL.Querying;

/// <summary>
/// Aggregates beside a connection (Hot Chocolate has none): <c>aggregate { count sum { f } avg { f } min { f } max { f } }</c>
/// over the rows the connection's <c>where</c> selects, ignoring paging. Only what is selected is computed, each
/// aggregate by the database.
/// </summary>
public static class Aggregates
{
    public const string FieldName = "aggregate";
    public static readonly string[] Functions = ["sum", "avg", "min", "max"];

    /// <summary>Fields that sum and average: numbers.</summary>
    public static bool IsSummable(Type type) => type == typeof(int) || type == typeof(long) || type == typeof(decimal) || type == typeof(double);

    /// <summary>Fields with a minimum and maximum: numbers and times.</summary>
    public static bool IsOrdered(Type type) => IsSummable(type) || type == typeof(DateTimeOffset) || type == typeof(DateOnly);

    public static string TypeName(string entityTypeName) => $"{entityTypeName}Aggregate";

    /// <summary>The aggregate types of one entity (none but <c>count</c> when it has no numeric or time fields).</summary>
    public static IEnumerable<IGraphType> CreateTypes(EntityModel entity)
    {
        var scalars = entity.Mappings.Values.Where(m => m.Kind == FieldKind.Scalar).ToList();
        var summable = scalars.Where(m => IsSummable(m.ValueType!)).ToList();
        var ordered = scalars.Where(m => IsOrdered(m.ValueType!)).ToList();
        var aggregate = new ObjectGraphType { Name = TypeName(entity.TypeName), Description = $"Aggregates over the {entity.TypeName} rows the filter selects (paging ignored)." };
        aggregate.AddField(new FieldType
        {
            Name = "count",
            Type = typeof(NonNullGraphType<IntGraphType>),
            Description = "How many rows match.",
            Resolver = new FuncFieldResolver<object?>(c => ((AggregateResult)c.Source!).Count),
        });

        var types = new List<IGraphType> { aggregate };
        var functionTypes = new Dictionary<string, ObjectGraphType>(StringComparer.Ordinal);
        void AddFunction(string function, string typeSuffix, IReadOnlyList<FieldMapping> fields, Func<Type, Type> resultType, string description)
        {
            if (fields.Count == 0)
            {
                return;
            }

            var typeName = $"{entity.TypeName}{typeSuffix}Aggregate";
            if (!functionTypes.ContainsKey(typeName))
            {
                var functionType = new ObjectGraphType { Name = typeName, Description = $"{typeSuffix} aggregates of {entity.TypeName} fields." };
                foreach (var field in fields)
                {
                    var name = field.FieldName;
                    functionType.AddField(new FieldType
                    {
                        Name = name,
                        Type = resultType(field.ValueType!),
                        Resolver = new FuncFieldResolver<object?>(c => ((AggregateSlice)c.Source!).Value(name)),
                    });
                }

                functionTypes[typeName] = functionType;
                types.Add(functionType);
            }

            aggregate.AddField(new FieldType
            {
                Name = function,
                ResolvedType = new NonNullGraphType(new GraphQLTypeReference(typeName)),
                Description = description,
                Resolver = new FuncFieldResolver<object?>(c => new AggregateSlice((AggregateResult)c.Source!, function)),
            });
        }

        AddFunction("sum", "Sum", summable, SumType, "Sums (0 when no row matches).");
        AddFunction("avg", "Avg", summable, t => t == typeof(decimal) ? typeof(DecimalGraphType) : typeof(FloatGraphType), "Means of the non-null values (null when there are none).");
        AddFunction("min", "MinMax", ordered, ScalarType, "Smallest values (null when no row matches).");
        AddFunction("max", "MinMax", ordered, ScalarType, "Largest values (null when no row matches).");
        return types;
    }

    private static Type SumType(Type valueType) =>
        valueType == typeof(decimal) ? typeof(NonNullGraphType<DecimalGraphType>)
        : valueType == typeof(double) ? typeof(NonNullGraphType<FloatGraphType>)
        : typeof(NonNullGraphType<LongGraphType>);

    private static Type ScalarType(Type valueType) =>
        valueType == typeof(int) ? typeof(IntGraphType)
        : valueType == typeof(long) ? typeof(LongGraphType)
        : valueType == typeof(decimal) ? typeof(DecimalGraphType)
        : valueType == typeof(double) ? typeof(FloatGraphType)
        : valueType == typeof(DateTimeOffset) ? typeof(DateTimeScalar)
        : typeof(DateScalar);

    /// <summary>Computes what the connection's <c>aggregate</c> selection asks for, or null when it asks for nothing.</summary>
    public static async Task<AggregateResult?> ComputeAsync<TEntity>(
        IResolveFieldContext context, EntityModel entity, IQueryable<TEntity> filtered, CancellationToken cancellationToken)
        where TEntity : Entity
    {
        var connectionFields = new List<GraphQLField>();
        Projection.CollectFields(context.FieldAst.SelectionSet, context.Document, connectionFields, []);
        var aggregateFields = connectionFields.Where(f => f.Name.StringValue == FieldName).ToList();
        if (aggregateFields.Count == 0)
        {
            return null;
        }

        var requested = new SortedSet<(string Function, string Field)>();
        foreach (var aggregate in aggregateFields)
        {
            var functions = new List<GraphQLField>();
            Projection.CollectFields(aggregate.SelectionSet, context.Document, functions, []);
            foreach (var function in functions.Where(f => Functions.Contains(f.Name.StringValue)))
            {
                var fields = new List<GraphQLField>();
                Projection.CollectFields(function.SelectionSet, context.Document, fields, []);
                foreach (var field in fields.Where(f => !f.Name.StringValue.StartsWith("__", StringComparison.Ordinal)))
                {
                    requested.Add((function.Name.StringValue, field.Name.StringValue));
                }
            }
        }

        // Everything in one statement, so count, sums, means and extremes describe the same rows even while the
        // store changes: SELECT COUNT(*), SUM(a), COUNT(a), MIN(b), … FROM … WHERE ….
        var row = Expression.Parameter(typeof(TEntity), "x");
        var group = Expression.Parameter(typeof(IGrouping<int, TEntity>), "g");
        var terms = new List<Expression> { Expression.Call(typeof(Enumerable), nameof(Enumerable.Count), [typeof(TEntity)], group) };
        var slots = new List<(string Key, string Function, FieldMapping Field, int Slot)>();
        foreach (var (function, fieldName) in requested)
        {
            var field = entity.Field(fieldName);
            var member = Expression.Property(row, field.Member!);
            var valueType = field.ValueType!;
            switch (function)
            {
                case "sum" or "avg":
                    var sumType = valueType == typeof(int) ? typeof(long?) : typeof(Nullable<>).MakeGenericType(valueType);
                    slots.Add(($"{function}.{fieldName}", function, field, terms.Count));
                    terms.Add(Expression.Call(typeof(Enumerable), nameof(Enumerable.Sum), [typeof(TEntity)], group,
                        Expression.Lambda(Expression.Convert(member, sumType), row)));
                    terms.Add(Expression.Call(typeof(Enumerable), nameof(Enumerable.Count), [typeof(TEntity)], group,
                        Expression.Lambda(Expression.NotEqual(Expression.Convert(member, sumType), Expression.Constant(null, sumType)), row)));
                    break;
                default:
                    var resultType = typeof(Nullable<>).MakeGenericType(valueType);
                    slots.Add(($"{function}.{fieldName}", function, field, terms.Count));
                    terms.Add(Expression.Call(typeof(Enumerable), function == "min" ? nameof(Enumerable.Min) : nameof(Enumerable.Max),
                        [typeof(TEntity), resultType], group, Expression.Lambda(Expression.Convert(member, resultType), row)));
                    break;
            }
        }

        var selector = Expression.Lambda<Func<IGrouping<int, TEntity>, object?[]>>(
            Expression.NewArrayInit(typeof(object), terms.Select(t => Expression.Convert(t, typeof(object)))), group);
        var results = await filtered.GroupBy(_ => 1).Select(selector).FirstOrDefaultAsync(cancellationToken);

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, function, field, slot) in slots)
        {
            var value = results?[slot];
            values[key] = function switch
            {
                "sum" => value ?? Zero(field.ValueType!),
                "avg" => Average(value, Convert.ToInt32(results?[slot + 1], System.Globalization.CultureInfo.InvariantCulture)),
                _ => value,
            };
        }

        return new AggregateResult(results is null ? 0 : Convert.ToInt32(results[0], System.Globalization.CultureInfo.InvariantCulture), values);
    }

    /// <summary>Σ / n of the non-null values: exact for money, the same on every provider; null when there are none.</summary>
    private static object? Average(object? sum, int n) =>
        n == 0 || sum is null ? null
        : sum is decimal money ? money / n
        : Convert.ToDouble(sum, System.Globalization.CultureInfo.InvariantCulture) / n;

    private static object Zero(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            var t when t == typeof(decimal) => 0m,
            var t when t == typeof(double) => 0d,
            _ => 0L,
        };

}

/// <summary>The computed aggregates of one connection: the count and values keyed <c>function.field</c>.</summary>
public sealed record AggregateResult(int Count, IReadOnlyDictionary<string, object?> Values);

/// <summary>One function's view of the results (min and max share a type, so the function travels with the data).</summary>
public sealed record AggregateSlice(AggregateResult Result, string Function)
{
    public object? Value(string field) => Result.Values.GetValueOrDefault($"{Function}.{field}");
}
