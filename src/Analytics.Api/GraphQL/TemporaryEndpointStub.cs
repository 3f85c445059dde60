using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;

namespace Analytics.Api.GraphQL;

// Minimal POST-only transport, replaced by the spec-compliant GraphQL-over-HTTP endpoint when it lands.
public static class TemporaryEndpointStub
{
    public static IEndpointConventionBuilder MapGraphQLEndpoint(this IEndpointRouteBuilder endpoints, string pattern) =>
        endpoints.MapPost(pattern, async (HttpContext http, IDocumentExecuter<ISchema> executer, IGraphQLTextSerializer serializer) =>
        {
            var request = await serializer.ReadAsync<GraphQLRequest>(http.Request.Body, http.RequestAborted);
            var result = await executer.ExecuteAsync(new ExecutionOptions
            {
                Query = request!.Query,
                Variables = request.Variables,
                OperationName = request.OperationName,
                RequestServices = http.RequestServices,
                CancellationToken = http.RequestAborted,
            });
            http.Response.ContentType = "application/json";
            await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
        });
}
