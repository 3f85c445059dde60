using Analytics.Api.GraphQL.Ide;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using Microsoft.Extensions.Options;

namespace Analytics.Api.GraphQL.Http;

public static class GraphQLHttpEndpointExtensions
{
    /// <summary>
    /// Binds <see cref="GraphQLHttpOptions"/> to the <c>GraphQL:Http</c> configuration section. Optional: without
    /// it the endpoint uses the defaults.
    /// </summary>
    public static OptionsBuilder<GraphQLHttpOptions> AddGraphQLHttpEndpoint(this IServiceCollection services) =>
        services.AddOptions<GraphQLHttpOptions>().BindConfiguration(GraphQLHttpOptions.SectionName);

    /// <summary>
    /// Serves the schema registered as <see cref="ISchema"/> over HTTP at <paramref name="pattern"/>, with GraphiQL
    /// for browsers and its files under <c>{pattern}/ide/</c>.
    /// </summary>
    /// <returns>A builder for both endpoints, e.g. to call <c>RequireAuthorization()</c> or <c>RequireCors()</c>.</returns>
    public static IEndpointConventionBuilder MapGraphQLEndpoint(this IEndpointRouteBuilder endpoints, string pattern = "/graphql") =>
        endpoints.MapGraphQLEndpoint<ISchema>(pattern);

    /// <inheritdoc cref="MapGraphQLEndpoint(IEndpointRouteBuilder, string)"/>
    /// <typeparam name="TSchema">The schema's registered service type, for hosts that serve more than one.</typeparam>
    public static IEndpointConventionBuilder MapGraphQLEndpoint<TSchema>(this IEndpointRouteBuilder endpoints, string pattern = "/graphql")
        where TSchema : ISchema
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);

        var services = endpoints.ServiceProvider;
        var serializer = services.GetService<IGraphQLTextSerializer>()
            ?? throw new InvalidOperationException(
                "MapGraphQLEndpoint needs GraphQL.NET with a serializer: services.AddGraphQL(b => b.AddSchema<...>().AddSystemTextJson()).");
        var documentBuilder = services.GetRequiredService<IDocumentBuilder>();
        var options = services.GetRequiredService<IOptions<GraphQLHttpOptions>>().Value;
        var environment = services.GetRequiredService<IWebHostEnvironment>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GraphQLHttpEndpointExtensions).Namespace!);

        var ide = options.EnableIde ?? environment.IsDevelopment() ? new GraphiQLIde(Hosting.WebAssets.Directory(options.IdeAssetsPath, "graphiql", environment)) : null;
        var endpoint = new GraphQLHttpEndpoint<TSchema>(
            serializer,
            documentBuilder,
            options,
            options.ExposeExceptionDetails ?? environment.IsDevelopment(),
            ide,
            logger);

        var group = endpoints.MapGroup(pattern);
        group.Map("/", endpoint.HandleAsync).WithDisplayName($"GraphQL {pattern}");
        if (ide is not null)
        {
            group.MapGet($"/{GraphiQLIde.AssetsSegment}/{{name}}", (string name) => ide.GetAsset(name))
                .WithDisplayName($"GraphiQL assets {pattern}/{GraphiQLIde.AssetsSegment}");
        }

        return group;
    }
}
