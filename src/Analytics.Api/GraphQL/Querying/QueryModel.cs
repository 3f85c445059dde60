using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Analytics.Domain;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Querying;

/// <summary>
/// Filtering and sorting for every entity, by convention from the entity types' field mappings: creates the
/// Hot Chocolate-named input types once per schema, and turns <c>where</c>/<c>order</c> arguments into EF expressions.
/// Every value becomes a query parameter; nothing is evaluated on the client.
/// </summary>
public sealed class QueryModel
{
    public const int MaxFilterDepth = 10;
    public const int MaxFilterConditions = 100;
    public const int MaxInListLength = 1000;
    public const int MaxSortKeys = 10;

    private static readonly Dictionary<Type, (string Name, Type GraphType, bool Comparable, bool Text)> _scalars = new()
    {
        [typeof(string)] = ("String", typeof(StringGraphType), false, true),
        [typeof(int)] = ("Int", typeof(IntGraphType), true, false),
        [typeof(long)] = ("Long", typeof(LongGraphType), true, false),
        [typeof(decimal)] = ("Decimal", typeof(DecimalGraphType), true, false),
        [typeof(double)] = ("Float", typeof(FloatGraphType), true, false),
        [typeof(bool)] = ("Boolean", typeof(BooleanGraphType), false, false),
        [typeof(DateTimeOffset)] = ("DateTime", typeof(DateTimeScalar), true, false),
        [typeof(DateOnly)] = ("Date", typeof(DateScalar), true, false),
        [typeof(Guid)] = ("Uuid", typeof(GuidGraphType), true, false),
    };

    private readonly Dictionary<Type, EntityModel> _entities;

    public QueryModel(IEnumerable<(Type EntityType, IComplexGraphType GraphType)> entities) =>
        _entities = entities.ToDictionary(e => e.EntityType, e => new EntityModel(e.EntityType, e.GraphType.Name, EntityFields.Of(e.GraphType, e.EntityType)));

    public EntityModel For(Type entityType) =>
        _entities.TryGetValue(entityType, out var model) ? model : throw new InvalidOperationException($"{entityType.Name} is not served.");

    /// <summary>The input, enum and aggregate types the root fields refer to by name; registered with the schema once.</summary>
    public IEnumerable<IGraphType> CreateTypes()
    {
        var types = new Dictionary<string, IGraphType>(StringComparer.Ordinal);
        void Add(IGraphType type) => types.TryAdd(type.Name, type);

        Add(new OperationFilterInputType("IdOperationFilterInput", typeof(IdGraphType), comparable: false, text: false));
        Add(new EnumerationGraphType<SortEnumType> { Description = "Sort direction." });
        foreach (var entity in _entities.Values)
        {
            var filterFields = new List<(string, IGraphType)>();
            var sortFields = new List<(string, IGraphType)>();
            foreach (var mapping in entity.Mappings.Values)
            {
                switch (mapping.Kind)
                {
                    case FieldKind.Id:
                        filterFields.Add((mapping.FieldName, new GraphQLTypeReference("IdOperationFilterInput")));
                        sortFields.Add((mapping.FieldName, new GraphQLTypeReference(nameof(SortEnumType))));
                        break;
                    case FieldKind.Scalar:
                        var operation = OperationInputFor(mapping.ValueType!);
                        Add(operation);
                        filterFields.Add((mapping.FieldName, new GraphQLTypeReference(operation.Name)));
                        sortFields.Add((mapping.FieldName, new GraphQLTypeReference(nameof(SortEnumType))));
                        break;
                    case FieldKind.Reference:
                        var target = For(mapping.TargetEntity!).TypeName;
                        filterFields.Add((mapping.FieldName, new GraphQLTypeReference(FilterTypeNames.Entity(target))));
                        sortFields.Add((mapping.FieldName, new GraphQLTypeReference(SortTypeNames.Entity(target))));
                        break;
                    case FieldKind.Collection:
                        var element = For(mapping.TargetEntity!).TypeName;
                        Add(new ListFilterInputType(element));
                        filterFields.Add((mapping.FieldName, new GraphQLTypeReference(FilterTypeNames.List(element))));
                        break;
                }
            }

            Add(new EntityFilterInputType(entity.TypeName, filterFields));
            Add(new EntitySortInputType(entity.TypeName, sortFields));
            foreach (var aggregateType in Aggregates.CreateTypes(entity))
            {
                Add(aggregateType);
            }
        }

        return types.Values;
    }

    private static OperationFilterInputType OperationInputFor(Type valueType)
    {
        if (valueType.IsEnum)
        {
            return new OperationFilterInputType(
                $"{valueType.Name}OperationFilterInput", typeof(EnumerationGraphType<>).MakeGenericType(valueType), comparable: false, text: false);
        }

        var (name, graphType, comparable, text) = _scalars[valueType];
        return new OperationFilterInputType($"{name}OperationFilterInput", graphType, comparable, text);
    }

    /// <summary>The <c>where</c> argument as a predicate, or null when there is none.</summary>
    /// <param name="personalAccess">Which personal fields may be filtered on (a filter is a side channel).</param>
    /// <param name="regionPath">For a county officer, the county's region path: listed rows the filter reaches must lie within it.</param>
    public Expression<Func<TEntity, bool>>? Filter<TEntity>(IDictionary<string, object?>? where, PersonalAccess personalAccess, string? regionPath)
        where TEntity : Entity
    {
        if (where is null || where.Count == 0)
        {
            return null;
        }

        var row = Expression.Parameter(typeof(TEntity), "x");
        var body = new FilterBuilder(this, personalAccess, regionPath).Object(typeof(TEntity), row, where, depth: 1);
        return Expression.Lambda<Func<TEntity, bool>>(body, row);
    }

    /// <summary>Applies <c>order</c> (multi-key, nested) and always ends with the primary key, so the order is total.</summary>
    public IOrderedQueryable<TEntity> Order<TEntity>(IQueryable<TEntity> source, IEnumerable<object?>? order, PersonalAccess personalAccess)
        where TEntity : Entity
    {
        var row = Expression.Parameter(typeof(TEntity), "x");
        var keys = new List<(Expression Key, bool Descending)>();
        foreach (var item in order ?? [])
        {
            if (item is IDictionary<string, object?> entry)
            {
                CollectSortKeys(typeof(TEntity), row, entry, keys, personalAccess);
            }
        }

        if (keys.Count > MaxSortKeys)
        {
            throw QueryErrors.InvalidSort($"At most {MaxSortKeys} sort keys; {keys.Count} were given.");
        }

        keys.Add((Expression.Property(row, nameof(Entity.Id)), false));
        IOrderedQueryable<TEntity>? ordered = null;
        foreach (var (key, descending) in keys)
        {
            var lambda = Expression.Lambda(key, row);
            var method = (ordered is null, descending) switch
            {
                (true, false) => nameof(Queryable.OrderBy),
                (true, true) => nameof(Queryable.OrderByDescending),
                (false, false) => nameof(Queryable.ThenBy),
                (false, true) => nameof(Queryable.ThenByDescending),
            };
            ordered = (IOrderedQueryable<TEntity>)typeof(Queryable).GetMethods()
                .Single(m => m.Name == method && m.GetParameters().Length == 2)
                .MakeGenericMethod(typeof(TEntity), key.Type)
                .Invoke(null, [(object?)ordered ?? source, lambda])!;
        }

        return ordered!;
    }

    private void CollectSortKeys(Type entityType, Expression instance, IDictionary<string, object?> entry, List<(Expression, bool)> keys, PersonalAccess personalAccess)
    {
        var model = For(entityType);
        // In the order the document wrote the keys (OrderArgument), so { level: DESC, name: ASC } sorts by level first.
        foreach (var (field, value) in entry)
        {
            var mapping = model.Field(field);
            if (!mapping.MayQuery(personalAccess))
            {
                throw QueryErrors.PersonalData($"{model.TypeName}.{field}");
            }

            // Refused, as Hot Chocolate refuses it, rather than ignored.
            if (value is null)
            {
                throw QueryErrors.InvalidSort($"{model.TypeName}.{field} is null; give ASC or DESC, or leave it out.");
            }

            switch (mapping.Kind)
            {
                case FieldKind.Id or FieldKind.Scalar when value is SortEnumType direction:
                    keys.Add((Expression.Property(instance, mapping.Member!), direction == SortEnumType.Desc));
                    break;
                case FieldKind.Reference when value is IDictionary<string, object?> nested:
                    CollectSortKeys(mapping.TargetEntity!, Expression.Property(instance, mapping.Navigation!), nested, keys, personalAccess);
                    break;
                default:
                    throw QueryErrors.InvalidSort($"{model.TypeName}.{field} cannot be sorted by that value.");
            }
        }
    }

    /// <summary>Wraps a value so EF sends it as a parameter rather than inlining it in the SQL text.</summary>
    internal static Expression Parameter(object? value, Type type)
    {
        var box = Activator.CreateInstance(typeof(StrongBox<>).MakeGenericType(type), value)!;
        return Expression.Field(Expression.Constant(box), nameof(StrongBox<object>.Value));
    }

    /// <summary>Converts an argument value (as GraphQL.NET parsed it) to a member's type.</summary>
    internal static object? ConvertValue(object? value, Type target)
    {
        if (value is null)
        {
            return null;
        }

        var type = Nullable.GetUnderlyingType(target) ?? target;
        return value switch
        {
            _ when type.IsInstanceOfType(value) => value,
            string text when type.IsEnum => Enum.Parse(type, text, ignoreCase: true),
            _ when type.IsEnum => Enum.ToObject(type, value),
            DateTime time when type == typeof(DateTimeOffset) =>
                new DateTimeOffset(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time),
            DateTime date when type == typeof(DateOnly) => DateOnly.FromDateTime(date),
            string text when type == typeof(Guid) => Guid.Parse(text),
            _ => Convert.ChangeType(value, type, CultureInfo.InvariantCulture),
        };
    }
}

/// <summary>One entity's filterable, sortable and aggregatable fields.</summary>
public sealed record EntityModel(Type EntityType, string TypeName, IReadOnlyDictionary<string, FieldMapping> Mappings)
{
    public FieldMapping Field(string name) =>
        Mappings.TryGetValue(name, out var mapping)
            ? mapping
            : throw QueryErrors.InvalidFilter($"{TypeName} has no field '{name}'.");
}
