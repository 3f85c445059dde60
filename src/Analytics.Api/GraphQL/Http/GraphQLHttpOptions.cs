namespace Analytics.Api.GraphQL.Http;

/// <summary>
/// Settings of the GraphQL-over-HTTP endpoint, bound from the <c>GraphQL:Http</c> configuration section
/// when <see cref="GraphQLHttpEndpointExtensions.AddGraphQLHttpEndpoint"/> is called; defaults otherwise.
/// </summary>
public sealed record GraphQLHttpOptions
{
    public const string SectionName = "GraphQL:Http";

    /// <summary>Largest accepted POST body in bytes; larger bodies get 413. Default 1 MiB.</summary>
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;

    /// <summary>
    /// Whether unhandled resolver exceptions show their type, message and stack trace to the client.
    /// <see langword="null"/> means "only in the Development environment".
    /// </summary>
    public bool? ExposeExceptionDetails { get; set; }

    /// <summary>
    /// Serve the GraphiQL IDE on GET from a browser. <see langword="null"/> means "only in the Development environment":
    /// elsewhere introspection is off, so the IDE could neither complete nor document a query.
    /// </summary>
    public bool? EnableIde { get; set; }

    /// <summary>
    /// Folder holding the GraphiQL files copied from npm by the build. Relative paths are resolved against the
    /// content root. <see langword="null"/> means <c>{WebRootPath}/graphiql</c>, else the copy beside the binaries.
    /// </summary>
    public string? IdeAssetsPath { get; set; }
}
