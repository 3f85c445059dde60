using System.Collections;
using GraphQL;
using GraphQLParser.AST;

namespace Analytics.Api.GraphQL.Querying;

/// <summary>
/// The <c>order</c> argument with each sort object's keys in the order the document wrote them, as Hot Chocolate applies
/// them: <c>order: { level: DESC, name: ASC }</c> sorts by level, then name. GraphQL.NET coerces an input object into
/// the schema's field order, so the keys are put back in the order of the object literal, or, for a variable, of the
/// JSON object sent (the request reader keeps it).
/// </summary>
public static class OrderArgument
{
    public const string Name = "order";

    /// <summary>The argument as coerced, each object's keys in document order; null when absent.</summary>
    public static List<object?>? Read(IResolveFieldContext context)
    {
        var coerced = context.GetArgument<List<object?>?>(Name);
        var written = context.FieldAst.Arguments?.ValueFor(Name);
        return coerced is null || written is null ? coerced : (List<object?>)InWrittenOrder(context, written, coerced)!;
    }

    /// <summary>
    /// <paramref name="coerced"/> with its objects' keys in the order of <paramref name="written"/>: a syntax node of
    /// the document, or a variable's value as the request carried it (dictionaries and lists, in JSON order).
    /// </summary>
    private static object? InWrittenOrder(IResolveFieldContext context, object? written, object? coerced)
    {
        switch (written)
        {
            case GraphQLVariable variable:
                return TryGetVariable(context, variable.Name.StringValue, out var value) ? InWrittenOrder(context, value, coerced) : coerced;
            case GraphQLListValue list when coerced is IList<object?> items:
                return Elementwise(context, list.Values?.Cast<object?>().ToList() ?? [], items);
            case GraphQLObjectValue objectValue when coerced is IDictionary<string, object?> fields:
                return Keyed(context, fields, (objectValue.Fields ?? []).Select(f => (f.Name.StringValue, (object?)f.Value)));
            case IDictionary<string, object?> raw when coerced is IDictionary<string, object?> fields:
                return Keyed(context, fields, raw.Select(entry => (entry.Key, entry.Value)));
            case IEnumerable raw and not string and not IDictionary<string, object?> when coerced is IList<object?> items:
                return Elementwise(context, raw.Cast<object?>().ToList(), items);

            // One object where a list is expected: coerced to a list of that one object.
            case GraphQLObjectValue or IDictionary<string, object?> when coerced is IList<object?> { Count: 1 } single:
                return new List<object?> { InWrittenOrder(context, written, single[0]) };
            default:
                return coerced;
        }
    }

    private static List<object?> Elementwise(IResolveFieldContext context, List<object?> written, IList<object?> coerced) =>
        coerced.Select((item, i) => i < written.Count ? InWrittenOrder(context, written[i], item) : item).ToList();

    private static Dictionary<string, object?> Keyed(
        IResolveFieldContext context, IDictionary<string, object?> coerced, IEnumerable<(string Key, object? Written)> written)
    {
        var ordered = new Dictionary<string, object?>(coerced.Count, StringComparer.Ordinal);
        foreach (var (key, value) in written)
        {
            if (coerced.TryGetValue(key, out var item) && !ordered.ContainsKey(key))
            {
                ordered.Add(key, InWrittenOrder(context, value, item));
            }
        }

        foreach (var (key, item) in coerced)
        {
            ordered.TryAdd(key, item);
        }

        return ordered;
    }

    /// <summary>A variable's value as sent, or its default as written in the operation.</summary>
    private static bool TryGetVariable(IResolveFieldContext context, string name, out object? value)
    {
        if (context.ExecutionContext.ExecutionOptions.Variables is { } sent && sent.TryGetValue(name, out value))
        {
            return true;
        }

        value = context.Operation.Variables?.Items.FirstOrDefault(v => v.Variable.Name == name)?.DefaultValue;
        return value is not null;
    }
}
