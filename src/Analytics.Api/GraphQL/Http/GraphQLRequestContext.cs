using GraphQL;
using GraphQL.Transport;

namespace Analytics.Api.GraphQL.Http;

/// <summary>What an <see cref="IGraphQLRequestInterceptor"/> sees and may change before execution.</summary>
public sealed class GraphQLRequestContext
{
    internal GraphQLRequestContext(HttpContext httpContext, GraphQLRequest request, ExecutionOptions options)
    {
        HttpContext = httpContext;
        Request = request;
        Options = options;
    }

    public HttpContext HttpContext { get; }

    /// <summary>The request as sent (query string for GET, JSON body for POST).</summary>
    public GraphQLRequest Request { get; }

    /// <summary>
    /// The options the document will be executed with; already filled from the request and the HTTP context
    /// (<c>RequestServices</c>, <c>User</c>, <c>CancellationToken</c>, an empty <c>UserContext</c> dictionary).
    /// </summary>
    public ExecutionOptions Options { get; }

    internal GraphQLHttpError? Rejection { get; private set; }

    public bool IsRejected => Rejection is not null;

    /// <summary>Stops the request: nothing is executed and the client gets a GraphQL-shaped error.</summary>
    /// <param name="statusCode">HTTP status, e.g. 401, 403 or 400.</param>
    /// <param name="code">Value of <c>errors[0].extensions.code</c>, e.g. <c>UNAUTHENTICATED</c>.</param>
    /// <param name="message">Human-readable message.</param>
    public void Reject(int statusCode, string code, string message)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentException.ThrowIfNullOrEmpty(message);
        Rejection = new GraphQLHttpError(statusCode, code, message);
    }
}
