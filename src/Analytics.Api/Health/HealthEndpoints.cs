using System.Text.Json;
using Analytics.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Analytics.Api.Health;

public static class HealthEndpoints
{
    public static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<OperationalStoreHealthCheck>("store");
        return builder;
    }

    /// <summary><c>/health</c>: 200 when every check is healthy, 503 otherwise, with a JSON body per check.</summary>
    public static IEndpointConventionBuilder MapHealth(this IEndpointRouteBuilder endpoints, string pattern = "/health") =>
        endpoints.MapHealthChecks(pattern, new HealthCheckOptions { ResponseWriter = WriteJsonAsync });

    private static readonly JsonSerializerOptions _json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new
                {
                    status = e.Value.Status.ToString(),
                    description = e.Value.Description,
                    data = e.Value.Data.Count == 0 ? null : e.Value.Data,
                }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, _json, context.RequestAborted);
    }
}

/// <summary>The operational store answers.</summary>
public sealed class OperationalStoreHealthCheck(OperationalStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await store.IsReachableAsync(cancellationToken)
                ? HealthCheckResult.Healthy("The operational store answers.")
                : HealthCheckResult.Unhealthy("The operational store cannot be reached.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The exception text may hold a connection string; keep it in the logs, not the response.
            return HealthCheckResult.Unhealthy("The operational store cannot be reached.", ex);
        }
    }
}
