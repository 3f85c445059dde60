using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Analytics.Api.GraphQL;

/// <summary>
/// The introspection of the October 2021 GraphQL specification, which GraphQL.NET 8 serves only in part:
/// <c>__Type.specifiedByURL</c> and the <c>@specifiedBy</c> directive are added here; <c>isRepeatable</c> and
/// deprecated input values are GraphQL.NET features switched on by <see cref="AnalyticsSchema"/>.
/// </summary>
/// <remarks>
/// Every client that loads a schema (GraphiQL, Apollo, graphql-codegen, Postman, Insomnia, Banana Cake Pop) sends
/// graphql-js's <c>getIntrospectionQuery()</c>, some with these options on; an unknown field refuses the whole query.
/// </remarks>
public static class Introspection
{
    public const string SpecifiedByUrlField = "specifiedByURL";

    public const string IncludeDeprecatedArgument = "includeDeprecated";

    /// <summary>
    /// Adds <c>specifiedByURL</c> to <c>__Type</c> and <c>includeDeprecated</c> to <c>__Directive.args</c> (GraphQL.NET
    /// has it on <c>__Field.args</c> and <c>__Type.inputFields</c> only): called for each type before the schema
    /// initializes it.
    /// </summary>
    public static void Extend(IGraphType graphType)
    {
        if (graphType is global::GraphQL.Introspection.__Type type && !type.HasField(SpecifiedByUrlField))
        {
            type.Field<StringGraphType>(SpecifiedByUrlField)
                .Description("A URL to the specification of a custom scalar's data format (@specifiedBy); null for other types.")
                .Resolve(context => context.Source is ScalarGraphType scalar ? SpecifiedByDirective.UrlOf(scalar) : null);
        }
        else if (graphType is global::GraphQL.Introspection.__Directive directive
            && directive.GetField("args") is { } args
            && args.Arguments?.Find(IncludeDeprecatedArgument) is null
            && args.Resolver is { } all)
        {
            args.Arguments ??= [];
            args.Arguments.Add(new QueryArgument<BooleanGraphType> { Name = IncludeDeprecatedArgument, DefaultValue = false });
            args.Resolver = new FuncFieldResolver<object?>(async context =>
            {
                var arguments = await all.ResolveAsync(context);
                return context.GetArgument<bool>(IncludeDeprecatedArgument) || arguments is not IEnumerable<QueryArgument> list
                    ? arguments
                    : list.Where(argument => argument.DeprecationReason is null).ToList();
            });
        }
    }
}

/// <summary><c>@specifiedBy(url:)</c>: where a custom scalar's data format is specified (GraphQL, October 2021, §3.13.5).</summary>
public sealed class SpecifiedByDirective : Directive
{
    public const string DirectiveName = "specifiedBy";

    public SpecifiedByDirective()
        : base(DirectiveName, DirectiveLocation.Scalar)
    {
        Description = "Exposes a URL that specifies the behavior of this scalar.";
        Arguments = new QueryArguments(new QueryArgument<NonNullGraphType<StringGraphType>>
        {
            Name = "url",
            Description = "The URL that specifies the behavior of this scalar.",
        });
    }

    /// <summary>A type-system directive is hidden from introspection by default; this one belongs to the specification.</summary>
    public override bool? Introspectable => true;

    public static string? UrlOf(ScalarGraphType scalar) =>
        scalar.FindAppliedDirective(DirectiveName)?.FindArgument("url")?.Value as string;
}
