using System.Collections.Concurrent;
using System.Linq.Expressions;
using Analytics.Domain;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Analytics.Api.GraphQL.Querying;

/// <summary>
/// Loads only the columns a query asks for: the selection under a field is walked (fragments included), each selected
/// field names the entity members it needs (<see cref="FieldMapping.Requires"/>), and the rows are read through a
/// <c>new T { Id = x.Id, Name = x.Name, … }</c> projection, which EF turns into a SELECT of just those columns.
/// </summary>
public static class Projection
{
    private static readonly ConcurrentDictionary<(Type, string), LambdaExpression> _selectors = new();

    /// <summary>
    /// The members of <typeparamref name="TEntity"/> that the current field's selection needs, or null to load whole
    /// rows (when some selected field's needs are unknown).
    /// </summary>
    public static MemberSet? MembersFor<TEntity>(IResolveFieldContext context)
        where TEntity : Entity =>
        MembersFor<TEntity>(context, context.FieldAst.SelectionSet);

    /// <summary>The members needed by the nodes of a connection (<c>nodes { … }</c> and <c>edges { node { … } }</c>).</summary>
    public static MemberSet? MembersForConnectionNodes<TEntity>(IResolveFieldContext context)
        where TEntity : Entity
    {
        var connectionFields = new List<GraphQLField>();
        CollectFields(context.FieldAst.SelectionSet, context.Document, connectionFields, []);
        var nodeSelections = new List<GraphQLSelectionSet?>();
        foreach (var field in connectionFields)
        {
            switch (field.Name.StringValue)
            {
                case "nodes":
                    nodeSelections.Add(field.SelectionSet);
                    break;
                case "edges":
                    var edgeFields = new List<GraphQLField>();
                    CollectFields(field.SelectionSet, context.Document, edgeFields, []);
                    nodeSelections.AddRange(edgeFields.Where(f => f.Name.StringValue == "node").Select(f => f.SelectionSet));
                    break;
            }
        }

        var members = new SortedSet<string>(StringComparer.Ordinal) { nameof(Entity.Id) };
        foreach (var selection in nodeSelections)
        {
            if (MembersFor<TEntity>(context, selection) is not { } needed)
            {
                return null;
            }

            members.UnionWith(needed.Names);
        }

        return new MemberSet(members);
    }

    private static MemberSet? MembersFor<TEntity>(IResolveFieldContext context, GraphQLSelectionSet? selection)
        where TEntity : Entity
    {
        if (context.Schema.AllTypes[typeof(TEntity).Name] is not IComplexGraphType graphType)
        {
            return null;
        }

        var mappings = EntityFields.Of(graphType, typeof(TEntity));
        var fields = new List<GraphQLField>();
        CollectFields(selection, context.Document, fields, []);
        var members = new SortedSet<string>(StringComparer.Ordinal) { nameof(Entity.Id) };
        foreach (var field in fields)
        {
            var name = field.Name.StringValue;
            if (name.StartsWith("__", StringComparison.Ordinal))
            {
                continue;
            }

            if (!mappings.TryGetValue(name, out var mapping))
            {
                return null;
            }

            members.UnionWith(mapping.Requires);
        }

        return new MemberSet(members);
    }

    /// <summary><c>x => new T { M1 = x.M1, … }</c> for the members, cached per entity and member set.</summary>
    public static Expression<Func<TEntity, TEntity>> Selector<TEntity>(MemberSet members)
        where TEntity : Entity =>
        (Expression<Func<TEntity, TEntity>>)_selectors.GetOrAdd((typeof(TEntity), members.Key), _ =>
        {
            var row = Expression.Parameter(typeof(TEntity), "x");
            var bindings = members.Names.Select(name =>
            {
                var property = typeof(TEntity).GetProperty(name)
                    ?? throw new InvalidOperationException($"{typeof(TEntity).Name} has no member {name}.");
                return (MemberBinding)Expression.Bind(property, Expression.Property(row, property));
            });
            return Expression.Lambda<Func<TEntity, TEntity>>(Expression.MemberInit(Expression.New(typeof(TEntity)), bindings), row);
        });

    /// <summary>Applies the projection when there is one.</summary>
    public static IQueryable<TEntity> Project<TEntity>(this IQueryable<TEntity> source, MemberSet? members)
        where TEntity : Entity =>
        members is null ? source : source.Select(Selector<TEntity>(members));

    /// <summary>The fields of a selection set, through inline fragments and fragment spreads.</summary>
    public static void CollectFields(GraphQLSelectionSet? selection, GraphQLDocument document, List<GraphQLField> fields, HashSet<string> fragmentsSeen)
    {
        if (selection is null)
        {
            return;
        }

        foreach (var item in selection.Selections)
        {
            switch (item)
            {
                case GraphQLField field:
                    fields.Add(field);
                    break;
                case GraphQLInlineFragment inline:
                    CollectFields(inline.SelectionSet, document, fields, fragmentsSeen);
                    break;
                case GraphQLFragmentSpread spread when fragmentsSeen.Add(spread.FragmentName.Name.StringValue):
                    var definition = document.Definitions.OfType<GraphQLFragmentDefinition>()
                        .FirstOrDefault(d => d.FragmentName.Name.StringValue == spread.FragmentName.Name.StringValue);
                    CollectFields(definition?.SelectionSet, document, fields, fragmentsSeen);
                    break;
            }
        }
    }
}

/// <summary>A sorted set of entity member names; <see cref="Key"/> identifies it in caches and batch names.</summary>
public sealed class MemberSet(IEnumerable<string> names)
{
    public IReadOnlyCollection<string> Names { get; } = new SortedSet<string>(names, StringComparer.Ordinal);

    public string Key => string.Join(",", Names);

    public MemberSet With(string name) => new(Names.Append(name));
}
