using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Analytics.Api.Security;

/// <summary>
/// In Development only: once the API listens, prints an administrator's token and a curl line that uses it, so a new
/// user's first request needs no second command. Plain lines on stdout (not log entries), to be copied as they are.
/// </summary>
public static class DevelopmentSignIn
{
    public static WebApplication PrintDevelopmentSignIn(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return app;
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? "http://localhost:5080";
            var lifetime = TimeSpan.FromHours(8);
            var token = app.Services.GetRequiredService<TokenIssuer>().Issue(new TokenRequest(ApiRoles.Admin, Name: "developer", Lifetime: lifetime));
            Console.Out.WriteLine(
                $$"""

                Development sign-in, an admin token valid {{lifetime.TotalHours:0}} hours (other roles: dotnet run --project src/Analytics.Api -- token --role analyst):
                TOKEN={{token}}
                curl -s {{address.TrimEnd('/')}}/graphql -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"query":"{ regions(first: 1) { nodes { name } } }"}'

                """);
        });
        return app;
    }
}
