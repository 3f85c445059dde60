using Analytics.Api.GraphQL.Http;

namespace Analytics.Api.Security;

/// <summary>
/// Before anything is parsed or executed: anonymous callers get 401 <c>UNAUTHENTICATED</c>; a token with an unknown
/// role, or a county officer whose county is unknown, gets 403 <c>FORBIDDEN</c>. A county officer's region path is
/// resolved here, once, for <see cref="AccessScope"/>.
/// </summary>
public sealed class AuthenticationInterceptor : IGraphQLRequestInterceptor
{
    public const string UnauthenticatedCode = "UNAUTHENTICATED";
    public const string ForbiddenCode = GraphQLHttpErrorCodes.Forbidden;

    public async ValueTask OnRequestAsync(GraphQLRequestContext context)
    {
        var services = context.HttpContext.RequestServices;
        var caller = services.GetRequiredService<Caller>();
        if (!caller.IsAuthenticated)
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            context.Reject(StatusCodes.Status401Unauthorized, UnauthenticatedCode,
                "Sign in first: send 'Authorization: Bearer <token>' (a missing, expired or wrongly signed token is refused).");
            return;
        }

        if (!caller.IsKnownRole)
        {
            context.Reject(StatusCodes.Status403Forbidden, ForbiddenCode, $"The token's role is not one of: {string.Join(", ", ApiRoles.All)}.");
            return;
        }

        if (caller.Role == ApiRoles.CountyOfficer)
        {
            var path = caller.County is { Length: > 0 } county
                ? await services.GetRequiredService<CountyDirectory>().PathOfAsync(county, context.HttpContext.RequestAborted)
                : null;
            if (path is null)
            {
                context.Reject(StatusCodes.Status403Forbidden, ForbiddenCode, "The token's county is not a county this API serves.");
                return;
            }

            caller.RegionPath = path;
        }
    }
}
