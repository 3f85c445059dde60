using System.Net.Http.Headers;
using Analytics.Api.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Api.Tests.Infrastructure;

/// <summary>Tokens signed with the test host's key, per role and county, and clients that send them.</summary>
public static class ApiTokens
{
    public static string Mint(IServiceProvider services, string role, string? county = null, string? name = null) =>
        services.GetRequiredService<TokenIssuer>().Issue(new TokenRequest(role, county, name));

    /// <summary>Replaces the client's bearer token (null: no Authorization header, an anonymous caller).</summary>
    public static HttpClient WithToken(this HttpClient client, string? token)
    {
        client.DefaultRequestHeaders.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
