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

        var count = await filtered.CountAsync(cancellationToken);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (function, field) in requested)
        {
            var member = entity.Field(field).Member!;
            values[$"{function}.{field}"] = function switch
            {
                "sum" => await SumAsync(filtered, member.Name, cancellationToken) ?? Zero(member.PropertyType),
                "avg" => await AverageAsync(filtered, member.Name, cancellationToken),
                "min" => await ExtremeAsync(filtered, member.Name, nameof(Queryable.Min), cancellationToken),
                _ => await ExtremeAsync(filtered, member.Name, nameof(Queryable.Max), cancellationToken),
            };
        }

        return new AggregateResult(count, values);
    }

    private static object Zero(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            var t when t == typeof(decimal) => 0m,
            var t when t == typeof(double) => 0d,
            _ => 0L,
        };

    /// <summary>SUM in the database; ints widen to long so large counties cannot overflow.</summary>
    private static async Task<object?> SumAsync<TEntity>(IQueryable<TEntity> rows, string member, CancellationToken cancellationToken)
    {
        var valueType = ValueType<TEntity>(member);
        if (valueType == typeof(decimal))
        {
            return await rows.SumAsync((Expression<Func<TEntity, decimal?>>)Selector<TEntity>(member, typeof(decimal?)), cancellationToken);
        }

        if (valueType == typeof(double))
        {
            return await rows.SumAsync((Expression<Func<TEntity, double?>>)Selector<TEntity>(member, typeof(double?)), cancellationToken);
        }

        return await rows.SumAsync((Expression<Func<TEntity, long?>>)Selector<TEntity>(member, typeof(long?)), cancellationToken);
    }

    /// <summary>The mean as Σ/n of the non-null values, both from the database: exact for money, the same on every provider.</summary>
    private static async Task<object?> AverageAsync<TEntity>(IQueryable<TEntity> rows, string member, CancellationToken cancellationToken)
    {
        var valueType = ValueType<TEntity>(member);
        var row = Expression.Parameter(typeof(TEntity), "x");
        var notNull = Expression.Lambda<Func<TEntity, bool>>(
            Expression.NotEqual(Expression.Convert(Expression.Property(row, member), typeof(Nullable<>).MakeGenericType(valueType)), Expression.Constant(null, typeof(Nullable<>).MakeGenericType(valueType))), row);
        var n = await rows.CountAsync(notNull, cancellationToken);
        if (n == 0)
        {
            return null;
        }

        var sum = await SumAsync(rows, member, cancellationToken);
        return valueType == typeof(decimal) ? (decimal)sum! / n : Convert.ToDouble(sum, System.Globalization.CultureInfo.InvariantCulture) / n;
    }

    private static Task<object?> ExtremeAsync<TEntity>(IQueryable<TEntity> rows, string member, string function, CancellationToken cancellationToken) =>
        (Task<object?>)typeof(Aggregates).GetMethod(nameof(ExtremeTypedAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(typeof(TEntity), typeof(Nullable<>).MakeGenericType(ValueType<TEntity>(member)))
            .Invoke(null, [rows, member, function, cancellationToken])!;

    private static async Task<object?> ExtremeTypedAsync<TEntity, TResult>(
        IQueryable<TEntity> rows, string member, string function, CancellationToken cancellationToken)
    {
        var selector = (Expression<Func<TEntity, TResult>>)Selector<TEntity>(member, typeof(TResult));
        return function == nameof(Queryable.Min)
            ? await rows.MinAsync(selector, cancellationToken)
            : await rows.MaxAsync(selector, cancellationToken);
    }

    private static Type ValueType<TEntity>(string member)
    {
        var type = typeof(TEntity).GetProperty(member)!.PropertyType;
        return Nullable.GetUnderlyingType(type) ?? type;
    }

    private static LambdaExpression Selector<TEntity>(string member, Type resultType)
    {
        var row = Expression.Parameter(typeof(TEntity), "x");
        return Expression.Lambda(Expression.Convert(Expression.Property(row, member), resultType), row);
    }
}

/// <summary>The computed aggregates of one connection: the count and values keyed <c>function.field</c>.</summary>
public sealed record AggregateResult(int Count, IReadOnlyDictionary<string, object?> Values);

/// <summary>One function's view of the results (min and max share a type, so the function travels with the data).</summary>
public sealed record AggregateSlice(AggregateResult Result, string Function)
{
    public object? Value(string field) => Result.Values.GetValueOrDefault($"{Function}.{field}");
}
