using GraphQL.Validation;
using GraphQLParser.AST;

namespace Analytics.Api.Security;

/// <summary>The <c>GraphQL:Limits</c> section: what one request may ask for (GraphQL.NET limits nothing by default).</summary>
public sealed record QueryLimitsOptions
{
    public const string SectionName = "GraphQL:Limits";

    /// <summary>Deepest field nesting (introspection needs about 13).</summary>
    public int MaxDepth { get; init; } = 20;

    /// <summary>
    /// Largest estimated cost: every field costs 1, times the sizes of the lists above it. A connection's list counts
    /// as its <c>first</c>/<c>last</c> (else <see cref="DefaultListSize"/>), a nested child list as <see cref="DefaultListSize"/>.
    /// The city-wide counties → townships → villages → grids → stewards query of the tests estimates at 574,445.
    /// </summary>
    public int MaxComplexity { get; init; } = 1_000_000;

    public int DefaultListSize { get; init; } = 10;

    /// <summary>Most field selections in one document, aliases included.</summary>
    public int MaxFields { get; init; } = 1_000;

    /// <summary>Most aliased fields in one document.</summary>
    public int MaxAliases { get; init; } = 100;

    /// <summary>Execution is cancelled (database commands included) after this long: 504 <c>TIMEOUT</c>.</summary>
    public TimeSpan ExecutionTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Introspection (<c>__schema</c>, <c>__type</c>); null: only in Development.</summary>
    public bool? EnableIntrospection { get; init; }

    /// <summary>"Did you mean …?" in validation errors (they reveal the schema); null: only in Development.</summary>
    public bool? FieldSuggestions { get; init; }
}

/// <summary>Counts field selections and aliases before anything runs: <c>TOO_MANY_FIELDS</c>, <c>TOO_MANY_ALIASES</c>.</summary>
public sealed class FieldCountValidationRule(QueryLimitsOptions limits) : ValidationRuleBase
{
    public const string TooManyFieldsCode = "TOO_MANY_FIELDS";
    public const string TooManyAliasesCode = "TOO_MANY_ALIASES";

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        int fields = 0, aliases = 0;
        var reported = false;
        return new ValueTask<INodeVisitor?>(new MatchingNodeVisitor<GraphQLField>((node, validation) =>
        {
            fields++;
            if (node.Alias is not null)
            {
                aliases++;
            }

            if (reported)
            {
                return;
            }

            if (aliases > limits.MaxAliases)
            {
                reported = true;
                validation.ReportError(new LimitError(validation.Document.Source, node, TooManyAliasesCode,
                    $"The document has more than {limits.MaxAliases} aliased fields."));
            }
            else if (fields > limits.MaxFields)
            {
                reported = true;
                validation.ReportError(new LimitError(validation.Document.Source, node, TooManyFieldsCode,
                    $"The document selects more than {limits.MaxFields} fields."));
            }
        }));
    }
}

public sealed class LimitError : ValidationError
{
    public LimitError(GraphQLParser.ROM source, ASTNode node, string code, string message)
        : base(source, null, message, node)
    {
        Code = code;
    }
}
