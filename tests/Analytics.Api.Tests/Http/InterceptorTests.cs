using Analytics.Api.GraphQL.Http;
using Microsoft.Extensions.DependencyInjection;
using static Analytics.Api.Tests.Http.GraphQLTestHost;

namespace Analytics.Api.Tests.Http;

/// <summary>The extension point later auth, query limits and persisted operations plug into.</summary>
public sealed class InterceptorTests : IAsyncLifetime
{
    private GraphQLTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await StartAsync(configureServices: services => services.AddSingleton<IGraphQLRequestInterceptor, GridInterceptor>());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_interceptor_can_fill_the_user_context_resolvers_see()
    {
        var response = await _host.PostAsync(new { query = "{ userContext(key: \"grid\") }" });

        var data = await response.AssertDataAsync();
        Assert.Equal("yongan-3", data.GetProperty("userContext").GetString());
    }

    [Fact]
    public async Task An_interceptor_can_reject_a_request_with_its_own_status_and_code()
    {
        var response = await _host.PostAsync(new { query = "{ hello }", extensions = new { reject = true } });

        await response.AssertErrorAsync(403, GraphQLResponseJson, "FORBIDDEN");
    }

    [Fact]
    public async Task An_interceptor_can_supply_the_document_of_a_persisted_operation()
    {
        var response = await _host.PostAsync(new { documentId = "greeting" });

        var data = await response.AssertDataAsync();
        Assert.Equal("Hello, persisted!", data.GetProperty("hello").GetString());
    }

    [Fact]
    public async Task Requests_see_the_HttpContext_user_services_and_cancellation()
    {
        var response = await _host.PostAsync(new { query = "{ userContext(key: \"checked\") }" });

        var data = await response.AssertDataAsync();
        Assert.Equal("True", data.GetProperty("userContext").GetString());
    }

    private sealed class GridInterceptor : IGraphQLRequestInterceptor
    {
        public ValueTask OnRequestAsync(GraphQLRequestContext context)
        {
            if (context.Request.Extensions?.ContainsKey("reject") == true)
            {
                context.Reject(403, "FORBIDDEN", "Not for you.");
                return ValueTask.CompletedTask;
            }

            if (context.Request.DocumentId == "greeting")
            {
                context.Options.Query = "{ hello(name: \"persisted\") }";
            }

            context.Options.UserContext["grid"] = "yongan-3";
            context.Options.UserContext["checked"] =
                ReferenceEquals(context.Options.RequestServices, context.HttpContext.RequestServices)
                && ReferenceEquals(context.Options.User, context.HttpContext.User)
                && context.Options.CancellationToken == context.HttpContext.RequestAborted;
            return ValueTask.CompletedTask;
        }
    }
}
