using GraphQL;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Analytics.Api.Observability;

public static class ObservabilityExtensions
{
    /// <summary>
    /// Operation logs, and OpenTelemetry traces (ASP.NET Core + GraphQL operations) and metrics, exported over OTLP
    /// when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (nothing is exported otherwise).
    /// </summary>
    public static IHostApplicationBuilder AddObservability(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddGraphQL(graphQL => graphQL.ConfigureExecution<RequestTelemetry>());
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(options => options.Filter = context => context.Request.Path != "/health")
                    .AddSource(RequestTelemetry.SourceName);
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddMeter(RequestTelemetry.SourceName);
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        return builder;
    }
}
