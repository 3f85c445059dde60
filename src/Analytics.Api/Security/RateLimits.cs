using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Analytics.Api.Security;

/// <summary>
/// The <c>GraphQL:RateLimit</c> section: one token bucket per caller for every endpoint (GraphQL, case-study
/// downloads, the dashboard's files, <c>/health</c>), so no endpoint that works for a caller is a way around it.
/// </summary>
public sealed record RateLimitOptions
{
    public const string SectionName = "GraphQL:RateLimit";

    public bool Enabled { get; init; } = true;

    /// <summary>Sustained requests per second per caller.</summary>
    public int PermitsPerSecond { get; init; } = 20;

    /// <summary>Requests a caller may send at once (a dashboard opening all its panels).</summary>
    public int Burst { get; init; } = 100;
}

public static class RateLimits
{
    public const string RateLimitedCode = "RATE_LIMITED";

    /// <summary>
    /// Per caller: a signed-in caller by role, county and name (the token's claims); an anonymous one by IP address.
    /// One bucket for every path: a case-study download (it builds a workbook) costs like a query. Refused requests
    /// get 429 with <c>Retry-After</c> (seconds) and a GraphQL-shaped body, code <c>RATE_LIMITED</c>.
    /// </summary>
    public static void AddPerCallerRateLimits(this IServiceCollection services, RateLimitOptions options) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                !options.Enabled
                    ? RateLimitPartition.GetNoLimiter("unlimited")
                    : RateLimitPartition.GetTokenBucketLimiter(CallerKey(http), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = options.Burst,
                        TokensPerPeriod = options.PermitsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                response.ContentType = context.HttpContext.Request.Path.StartsWithSegments("/graphql")
                    ? "application/graphql-response+json; charset=utf-8"
                    : "application/json; charset=utf-8";
                await response.WriteAsJsonAsync(new
                {
                    errors = new[]
                    {
                        new
                        {
                            message = $"Too many requests; retry after {seconds} s.",
                            extensions = new { code = RateLimitedCode, retryAfterSeconds = seconds },
                        },
                    },
                }, cancellationToken);
            };
        });

    private static string CallerKey(HttpContext http)
    {
        var user = http.User;
        return user.Identity?.IsAuthenticated == true
            ? $"caller:{user.FindFirst(ApiRoles.RoleClaim)?.Value}:{user.FindFirst(ApiRoles.CountyClaim)?.Value}:{user.FindFirst(ApiRoles.NameClaim)?.Value}"
            : $"ip:{http.Connection.RemoteIpAddress}";
    }
}
