using System.Diagnostics;
using Analytics.Api.GraphQL.Ide;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Net.Http.Headers;

namespace Analytics.Api.GraphQL.Http;

/// <summary>
/// GraphQL over HTTP (https://graphql.github.io/graphql-over-http/draft/) for one schema: GET for queries,
/// POST with an <c>application/json</c> body for everything, GraphiQL for browsers.
/// </summary>
/// <remarks>
/// Status codes: request errors (document syntax, validation, variable coercion, unknown operation) are 400 when
/// the response is <c>application/graphql-response+json</c> and 200 when the client accepts only
/// <c>application/json</c> (the spec's legacy rule). Requests that are not well-formed GraphQL-over-HTTP requests
/// (bad JSON, no query, wrong shape, batch) are 400 either way. Once execution started the answer is 200, even
/// with field errors. Only server faults are 5xx.
/// </remarks>
internal sealed class GraphQLHttpEndpoint<TSchema>(
    IGraphQLTextSerializer serializer,
    IDocumentBuilder documentBuilder,
    GraphQLHttpOptions options,
    bool exposeExceptionDetails,
    GraphiQLIde? ide,
    ILogger logger)
    where TSchema : ISchema
{
    private readonly GraphQLHttpRequestReader _reader = new(serializer, options.MaxRequestBodySize);

    public async Task HandleAsync(HttpContext httpContext)
    {
        try
        {
            await HandleCoreAsync(httpContext);
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception exception)
        {
            var correlationId = CorrelationId(httpContext);
            GraphQLHttpLog.RequestFailed(logger, exception, correlationId);
            if (httpContext.Response.HasStarted)
            {
                httpContext.Abort();
                return;
            }

            httpContext.Response.Clear();
            var mediaType = GraphQLMediaTypes.NegotiateResponse(httpContext.Request) ?? GraphQLMediaTypes.Json;
            var message = exposeExceptionDetails ? exception.ToString() : $"Unexpected error; correlation id {correlationId}";
            var error = new GraphQLHttpError(StatusCodes.Status500InternalServerError, GraphQLHttpErrorCodes.InternalServerError, message);
            await WriteErrorAsync(httpContext, mediaType, error);
        }
    }

    private async Task HandleCoreAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        var isGet = HttpMethods.IsGet(request.Method);
        if (isGet)
        {
            // GET /graphql answers differently to browsers and to GraphQL clients.
            httpContext.Response.Headers.Append(HeaderNames.Vary, HeaderNames.Accept);
        }

        if (!isGet && !HttpMethods.IsPost(request.Method))
        {
            var mediaTypeForMethod = GraphQLMediaTypes.NegotiateResponse(request) ?? GraphQLMediaTypes.Json;
            await WriteErrorAsync(httpContext, mediaTypeForMethod, new GraphQLHttpError(
                StatusCodes.Status405MethodNotAllowed,
                GraphQLHttpErrorCodes.MethodNotAllowed,
                $"{request.Method} is not supported; use GET for queries or POST.")
            {
                Headers = new Dictionary<string, string> { [HeaderNames.Allow] = "GET, POST" },
            });
            return;
        }

        if (isGet && ide is not null && !request.Query.ContainsKey("query") && GraphQLMediaTypes.AcceptsHtml(request))
        {
            await ide.WritePageAsync(httpContext);
            return;
        }

        var mediaType = GraphQLMediaTypes.NegotiateResponse(request);
        if (mediaType is null)
        {
            await WriteErrorAsync(httpContext, GraphQLMediaTypes.Json, new GraphQLHttpError(
                StatusCodes.Status406NotAcceptable,
                GraphQLHttpErrorCodes.NotAcceptable,
                $"This endpoint responds with '{GraphQLMediaTypes.GraphQLResponseJson}' or '{GraphQLMediaTypes.Json}'; the Accept header allows neither."));
            return;
        }

        var (graphQLRequest, requestError) = isGet
            ? _reader.ReadQueryString(request.Query)
            : await _reader.ReadBodyAsync(request, httpContext.RequestAborted);
        if (requestError is not null)
        {
            await WriteErrorAsync(httpContext, mediaType, requestError);
            return;
        }

        var executionOptions = CreateExecutionOptions(httpContext, graphQLRequest!);
        var context = new GraphQLRequestContext(httpContext, graphQLRequest!, executionOptions);
        foreach (var interceptor in httpContext.RequestServices.GetServices<IGraphQLRequestInterceptor>())
        {
            await interceptor.OnRequestAsync(context);
            if (context.Rejection is { } rejection)
            {
                await WriteErrorAsync(httpContext, mediaType, rejection);
                return;
            }
        }

        var hasDocument = !string.IsNullOrWhiteSpace(executionOptions.Query) || executionOptions.Document is not null;
        if (!hasDocument && string.IsNullOrEmpty(executionOptions.DocumentId))
        {
            await WriteErrorAsync(httpContext, mediaType, new GraphQLHttpError(
                StatusCodes.Status400BadRequest,
                GraphQLHttpErrorCodes.MissingQuery,
                "The request has no 'query': send the GraphQL document as 'query'."));
            return;
        }

        if (isGet && hasDocument && SelectedOperationType(executionOptions) is { } operationType and not OperationType.Query)
        {
            await WriteErrorAsync(httpContext, mediaType, new GraphQLHttpError(
                StatusCodes.Status405MethodNotAllowed,
                GraphQLHttpErrorCodes.MethodNotAllowed,
                $"Only queries may be sent with GET; send this {operationType.ToString().ToLowerInvariant()} with POST.")
            {
                Headers = new Dictionary<string, string> { [HeaderNames.Allow] = "POST" },
            });
            return;
        }

        var executer = httpContext.RequestServices.GetRequiredService<IDocumentExecuter<TSchema>>();
        var result = await executer.ExecuteAsync(executionOptions);
        RefuseDocumentsTooDeepToParse(result);
        var statusCode = StatusCodeFor(result, mediaType);
        HideUnhandledExceptions(httpContext, result);

        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = $"{mediaType}; charset=utf-8";
        await serializer.WriteAsync(httpContext.Response.Body, result, httpContext.RequestAborted);
    }

    private static ExecutionOptions CreateExecutionOptions(HttpContext httpContext, GraphQLRequest request) => new()
    {
        Query = request.Query,
        OperationName = request.OperationName,
        Variables = request.Variables,
        Extensions = request.Extensions,
        DocumentId = request.DocumentId,
        RequestServices = httpContext.RequestServices,
        User = httpContext.User,
        CancellationToken = httpContext.RequestAborted,
        UserContext = new Dictionary<string, object?>(),
        // Resolver exceptions become errors in the response (see HideUnhandledExceptions), not HTTP 500s.
        ThrowOnUnhandledException = false,
    };

    /// <summary>
    /// The type of the operation a GET would run, parsing the document once (and keeping it for execution).
    /// <see langword="null"/> when that is not clear yet: the executer then reports the syntax error or the
    /// ambiguous/unknown operation name itself.
    /// </summary>
    private OperationType? SelectedOperationType(ExecutionOptions executionOptions)
    {
        if (executionOptions.Document is null)
        {
            try
            {
                executionOptions.Document = documentBuilder.Build(executionOptions.Query!);
            }
            catch (Exception exception) when (exception is ExecutionError or GraphQLParserException)
            {
                // Syntax errors and documents nested too deep are reported by the executer's own parse.
                return null;
            }
        }

        var operations = executionOptions.Document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = string.IsNullOrEmpty(executionOptions.OperationName)
            ? (operations.Count == 1 ? operations[0] : null)
            : operations.Find(candidate => candidate.Name?.StringValue == executionOptions.OperationName);
        return operation?.Operation;
    }

    private static int StatusCodeFor(ExecutionResult result, string mediaType)
    {
        if (result.Errors?.Any(error => error is TimeoutError) == true)
        {
            // The server gave up (ExecutionOptions.Timeout), possibly mid-execution; the request itself was fine.
            return StatusCodes.Status504GatewayTimeout;
        }

        if (result.Executed)
        {
            return StatusCodes.Status200OK;
        }

        if (result.Errors?.Any(error => error is UnhandledError) == true)
        {
            return StatusCodes.Status500InternalServerError;
        }

        if (result.Errors?.Any(error => error.Code == GraphQLHttpErrorCodes.Forbidden) == true)
        {
            // The caller's role may not use a field it asked for (Security.RoleValidationRule): nothing ran.
            return StatusCodes.Status403Forbidden;
        }

        return mediaType == GraphQLMediaTypes.GraphQLResponseJson ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
    }

    /// <summary>
    /// A document nested deeper than the parser's recursion limit (128 AST levels: 20,000 nested <c>and</c>s, 100,000
    /// <c>[</c>) makes GraphQL.NET's parser throw <see cref="GraphQLMaxDepthExceededException"/>, which the executer
    /// reports as an unhandled error (a 500). It is the client's document that is wrong: a request error, nothing ran.
    /// </summary>
    private static void RefuseDocumentsTooDeepToParse(ExecutionResult result)
    {
        if (result.Errors?.FirstOrDefault(error => error is UnhandledError { InnerException: GraphQLMaxDepthExceededException }) is not { } tooDeep)
        {
            return;
        }

        var error = new ExecutionError(
            "The document is nested too deep to parse (more than 128 levels of selections, arguments, lists and objects together); "
            + "flatten it, e.g. one and: [a, b, c] instead of and-inside-and.")
        {
            Code = GraphQLHttpErrorCodes.DocumentTooDeep,
        };
        result.Errors = [error];
        result.Executed = false;
        result.Data = null;
    }

    /// <summary>
    /// Replaces every <see cref="UnhandledError"/> (an exception nobody turned into an <see cref="ExecutionError"/>)
    /// with an <c>INTERNAL_SERVER_ERROR</c> that carries a correlation id, and logs the exception under that id.
    /// Outside Development the client sees no exception type, message or stack trace.
    /// </summary>
    /// <remarks>
    /// Done on the result rather than in <see cref="ExecutionOptions.UnhandledExceptionDelegate"/> because
    /// <c>AddUnhandledExceptionHandler</c> in the GraphQL builder replaces that delegate.
    /// </remarks>
    private void HideUnhandledExceptions(HttpContext httpContext, ExecutionResult result)
    {
        if (result.Errors is not { } errors || !errors.Any(error => error is UnhandledError))
        {
            return;
        }

        var correlationId = CorrelationId(httpContext);
        var replaced = new ExecutionErrors();
        foreach (var error in errors)
        {
            if (error is not UnhandledError unhandled)
            {
                replaced.Add(error);
                continue;
            }

            var exception = unhandled.InnerException ?? unhandled;
            var path = unhandled.Path is null ? null : string.Join('.', unhandled.Path);
            GraphQLHttpLog.UnhandledException(logger, exception, path, correlationId);

            var message = exposeExceptionDetails
                ? $"{unhandled.Message} {exception.GetType().Name}: {exception.Message}"
                : $"Unexpected error; correlation id {correlationId}";
            var internalError = new ExecutionError(message)
            {
                Code = GraphQLHttpErrorCodes.InternalServerError,
                Path = unhandled.Path,
                Extensions = new Dictionary<string, object?> { ["correlationId"] = correlationId },
            };
            if (exposeExceptionDetails)
            {
                internalError.Extensions["details"] = exception.ToString();
            }

            foreach (var location in unhandled.Locations ?? [])
            {
                internalError.AddLocation(location);
            }

            replaced.Add(internalError);
        }

        result.Errors = replaced;
    }

    private async Task WriteErrorAsync(HttpContext httpContext, string mediaType, GraphQLHttpError error)
    {
        var response = httpContext.Response;
        response.StatusCode = error.StatusCode;
        response.ContentType = $"{mediaType}; charset=utf-8";
        foreach (var (name, value) in error.Headers)
        {
            response.Headers[name] = value;
        }

        await serializer.WriteAsync(response.Body, error.ToExecutionResult(), httpContext.RequestAborted);
    }

    private static string CorrelationId(HttpContext httpContext) =>
        Activity.Current?.TraceId.ToString() ?? httpContext.TraceIdentifier;
}

internal static partial class GraphQLHttpLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception resolving {Path}; correlation id {CorrelationId}")]
    public static partial void UnhandledException(ILogger logger, Exception exception, string? path, string correlationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "GraphQL request failed; correlation id {CorrelationId}")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string correlationId);
}
