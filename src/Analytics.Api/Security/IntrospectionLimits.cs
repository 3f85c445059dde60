using GraphQL.Validation;
using GraphQLParser.AST;

namespace Analytics.Api.Security;

/// <summary>
/// What bounds introspection besides the depth limit: one <c>__schema</c> or <c>__type</c> per document
/// (<c>INTROSPECTION_NOT_ALLOWED_TWICE</c>) and <c>ofType</c> chains at most <see cref="MaxOfTypeDepth"/> deep
/// (<c>INTROSPECTION_TOO_DEEP</c>). Its cost counts at <see cref="CostShare"/> of an ordinary field's (see
/// <see cref="SecurityExtensions"/>), so every client's standard introspection query passes with room while a
/// <c>fields { type { fields …</c> recursion is still refused as too costly.
/// </summary>
public sealed class IntrospectionLimitsRule : ValidationRuleBase
{
    public const string TwiceCode = "INTROSPECTION_NOT_ALLOWED_TWICE";
    public const string TooDeepCode = "INTROSPECTION_TOO_DEEP";

    /// <summary>
    /// As Hot Chocolate allows. graphql-js's <c>getIntrospectionQuery()</c> nests 9, enough for <c>[[[T!]!]!]!</c>; this
    /// schema's deepest type reference is <c>[T!]!</c> (3).
    /// </summary>
    public const int MaxOfTypeDepth = 16;

    /// <summary>
    /// Introspection fields cost this share of an ordinary field. graphql-js's standard query costs 1,222,468 at full
    /// price (each list counted as 10 entries, whatever the schema's size), 1,281,383 with every option on: at this
    /// share about an eighth of the default limit.
    /// </summary>
    public const double CostShare = 0.1;

    public static readonly IntrospectionLimitsRule Instance = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(new Visitor());

    private sealed class Visitor : INodeVisitor
    {
        private int _introspections;
        private int _ofTypeDepth;
        private bool _reported;

        public ValueTask EnterAsync(ASTNode node, ValidationContext context)
        {
            if (node is not GraphQLField field)
            {
                return default;
            }

            var name = field.Name.StringValue;
            if (name is "__schema" or "__type" && ++_introspections == 2 && !_reported)
            {
                _reported = true;
                context.ReportError(new LimitError(context.Document.Source, field, TwiceCode,
                    "A request may introspect the schema once: send one __schema or __type field."));
            }
            else if (name == "ofType" && ++_ofTypeDepth == MaxOfTypeDepth + 1 && !_reported)
            {
                _reported = true;
                context.ReportError(new LimitError(context.Document.Source, field, TooDeepCode,
                    $"ofType may be nested at most {MaxOfTypeDepth} deep."));
            }

            return default;
        }

        public ValueTask LeaveAsync(ASTNode node, ValidationContext context)
        {
            if (node is GraphQLField { Name.StringValue: "ofType" })
            {
                _ofTypeDepth--;
            }

            return default;
        }
    }
}
