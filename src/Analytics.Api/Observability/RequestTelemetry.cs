using System.Diagnostics;
using System.Diagnostics.Metrics;
using GraphQL;
using GraphQL.DI;

namespace Analytics.Api.Observability;

/// <summary>
/// One structured log line, one trace span and two metrics per GraphQL operation: request id, operation name and type,
/// duration, the caller's role, error codes. Never variables, arguments, names or any other personal data.
/// </summary>
public sealed partial class RequestTelemetry(ILogger<RequestTelemetry> logger, IHttpContextAccessor http) : IConfigureExecution
{
    public const string SourceName = "Analytics.Api";

    public static readonly ActivitySource Source = new(SourceName);
    private static readonly Meter _meter = new(SourceName);
    private static readonly Counter<long> _operations = _meter.CreateCounter<long>("analytics.graphql.operations", description: "GraphQL operations executed.");
    private static readonly Histogram<double> _duration = _meter.CreateHistogram<double>("analytics.graphql.duration", "ms", "GraphQL operation duration.");

    // Outermost: the duration includes persisted-document lookup, validation and execution.
    public float SortOrder => 0;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        using var activity = Source.StartActivity("graphql.execute");
        var started = Stopwatch.GetTimestamp();
        var result = await next(options);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        var role = options.User?.FindFirst(Security.ApiRoles.RoleClaim)?.Value ?? "anonymous";
        var operation = result.Operation?.Name?.StringValue ?? options.OperationName ?? "(anonymous)";
        var type = result.Operation?.Operation.ToString().ToLowerInvariant() ?? "unknown";
        var codes = result.Errors is { Count: > 0 } errors ? string.Join(",", errors.Select(e => e.Code ?? "ERROR").Distinct()) : "";
        var requestId = http.HttpContext?.TraceIdentifier ?? "";

        activity?.SetTag("graphql.operation.name", operation);
        activity?.SetTag("graphql.operation.type", type);
        activity?.SetTag("analytics.role", role);
        if (codes.Length > 0)
        {
            activity?.SetTag("graphql.error.codes", codes);
            activity?.SetStatus(ActivityStatusCode.Error);
        }

        var tags = new TagList { { "operation.type", type }, { "role", role }, { "outcome", codes.Length == 0 ? "ok" : "error" } };
        _operations.Add(1, tags);
        _duration.Record(elapsed, tags);
        Log.Operation(logger, requestId, operation, type, role, Math.Round(elapsed, 1), result.Executed, codes);
        return result;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
            Message = "GraphQL {RequestId} {OperationName} ({OperationType}) by {Role} in {DurationMs} ms; executed {Executed}; errors [{ErrorCodes}]")]
        public static partial void Operation(ILogger logger, string requestId, string operationName, string operationType, string role, double durationMs, bool executed, string errorCodes);
    }
}
