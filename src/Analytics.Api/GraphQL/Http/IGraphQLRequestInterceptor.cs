using GraphQL;

namespace Analytics.Api.GraphQL.Http;

/// <summary>
/// Extension point between a parsed HTTP request and the execution of its document: register implementations in
/// DI (<c>services.AddSingleton&lt;IGraphQLRequestInterceptor, MyInterceptor&gt;()</c>); they run in registration
/// order for every request, GET and POST.
/// </summary>
/// <remarks>
/// Meant for what the transport deliberately leaves out: authorization (<see cref="GraphQLRequestContext.Reject"/>
/// with 401/403), query limits (add to <see cref="ExecutionOptions.ValidationRules"/>, set
/// <see cref="ExecutionOptions.Timeout"/>), persisted operations (fill <see cref="ExecutionOptions.Query"/> from
/// <see cref="global::GraphQL.Transport.GraphQLRequest.DocumentId"/> or <c>extensions</c>), per-request user context.
/// </remarks>
public interface IGraphQLRequestInterceptor
{
    ValueTask OnRequestAsync(GraphQLRequestContext context);
}
