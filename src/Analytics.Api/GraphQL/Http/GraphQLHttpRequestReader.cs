using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using GraphQL;
using GraphQL.Transport;

namespace Analytics.Api.GraphQL.Http;

/// <summary>
/// Turns a GET query string or a POST body into a <see cref="GraphQLRequest"/>, or into the 4xx error that says
/// why it cannot be one. Nothing here executes anything.
/// </summary>
internal sealed class GraphQLHttpRequestReader(IGraphQLTextSerializer serializer, long maxRequestBodySize)
{
    private static readonly byte[] _utf8Bom = [0xEF, 0xBB, 0xBF];

    public (GraphQLRequest? Request, GraphQLHttpError? Error) ReadQueryString(IQueryCollection query)
    {
        if (!TrySingle(query, "query", out var queryText, out var error)
            || !TrySingle(query, "operationName", out var operationName, out error)
            || !TrySingle(query, "variables", out var variablesJson, out error)
            || !TrySingle(query, "extensions", out var extensionsJson, out error)
            || !TryReadInputs(variablesJson, "variables", out var variables, out error)
            || !TryReadInputs(extensionsJson, "extensions", out var extensions, out error))
        {
            return (null, error);
        }

        return (new GraphQLRequest
        {
            Query = queryText,
            OperationName = string.IsNullOrEmpty(operationName) ? null : operationName,
            Variables = variables,
            Extensions = extensions,
        }, null);
    }

    public async Task<(GraphQLRequest? Request, GraphQLHttpError? Error)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!GraphQLMediaTypes.TryGetJsonRequestEncoding(request.ContentType, out var encoding))
        {
            return (null, new GraphQLHttpError(
                StatusCodes.Status415UnsupportedMediaType,
                GraphQLHttpErrorCodes.UnsupportedMediaType,
                $"POST bodies must be '{GraphQLMediaTypes.Json}' in UTF-8 (or another charset .NET reads, UTF-7 excepted); got '{request.ContentType}'."));
        }

        if (request.ContentLength > maxRequestBodySize)
        {
            return (null, TooLarge());
        }

        byte[]? body;
        try
        {
            body = await ReadLimitedAsync(request.Body, request.ContentLength, cancellationToken);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server's own limit (e.g. Kestrel's MaxRequestBodySize) is lower than ours.
            return (null, TooLarge());
        }

        if (body is null)
        {
            return (null, TooLarge());
        }

        if (encoding is not null)
        {
            body = Encoding.Convert(encoding, Encoding.UTF8, body);
        }

        var start = body.AsSpan().StartsWith(_utf8Bom) ? _utf8Bom.Length : 0;
        var json = body.AsSpan(start);
        if (InvalidJson(json, "The request body") is { } syntaxError)
        {
            return (null, syntaxError);
        }

        switch (FirstToken(json))
        {
            case JsonTokenType.StartArray:
                return (null, new GraphQLHttpError(
                    StatusCodes.Status400BadRequest,
                    GraphQLHttpErrorCodes.BatchNotSupported,
                    "Batched requests (a JSON array) are not supported; send one request object per HTTP request."));
            case not JsonTokenType.StartObject:
                return (null, NotAGraphQLRequest());
        }

        try
        {
            using var stream = new MemoryStream(body, start, body.Length - start, writable: false);
            var graphQLRequest = await serializer.ReadAsync<GraphQLRequest>(stream, cancellationToken);
            return graphQLRequest is null ? (null, NotAGraphQLRequest()) : (graphQLRequest, null);
        }
        catch (Exception exception) when (IsShapeError(exception))
        {
            return (null, NotAGraphQLRequest());
        }
    }

    private bool TryReadInputs(string? json, string name, out Inputs? inputs, out GraphQLHttpError? error)
    {
        inputs = null;
        error = null;
        if (string.IsNullOrEmpty(json))
        {
            return true;
        }

        var utf8 = Encoding.UTF8.GetBytes(json);
        error = InvalidJson(utf8, $"The '{name}' parameter");
        if (error is not null)
        {
            return false;
        }

        if (FirstToken(utf8) is not (JsonTokenType.StartObject or JsonTokenType.Null))
        {
            error = new GraphQLHttpError(
                StatusCodes.Status400BadRequest,
                GraphQLHttpErrorCodes.InvalidRequest,
                $"The '{name}' parameter must be a JSON object.");
            return false;
        }

        try
        {
            inputs = serializer.Deserialize<Inputs>(json);
            return true;
        }
        catch (Exception exception) when (IsShapeError(exception))
        {
            error = new GraphQLHttpError(
                StatusCodes.Status400BadRequest,
                GraphQLHttpErrorCodes.InvalidRequest,
                $"The '{name}' parameter must be a JSON object with unique keys.");
            return false;
        }
    }

    private static bool TrySingle(IQueryCollection query, string name, out string? value, out GraphQLHttpError? error)
    {
        var values = query[name];
        value = values.Count == 1 ? values[0] : null;
        error = values.Count > 1
            ? new GraphQLHttpError(
                StatusCodes.Status400BadRequest,
                GraphQLHttpErrorCodes.InvalidRequest,
                $"The '{name}' parameter may appear only once.")
            : null;
        return error is null;
    }

    /// <summary>Reads the whole body, or returns <see langword="null"/> as soon as it exceeds the limit.</summary>
    private async Task<byte[]?> ReadLimitedAsync(Stream body, long? contentLength, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream((int)Math.Min(contentLength ?? 4096, maxRequestBodySize));
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxRequestBodySize)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Checks the JSON syntax of the whole text so that syntax errors and shape errors get different codes.</summary>
    private static GraphQLHttpError? InvalidJson(ReadOnlySpan<byte> utf8, string what)
    {
        if (utf8.IsEmpty || utf8.Trim(" \t\r\n"u8).IsEmpty)
        {
            return new GraphQLHttpError(StatusCodes.Status400BadRequest, GraphQLHttpErrorCodes.InvalidJson, $"{what} is empty.");
        }

        if (!Utf8.IsValid(utf8))
        {
            return new GraphQLHttpError(StatusCodes.Status400BadRequest, GraphQLHttpErrorCodes.InvalidJson, $"{what} is not valid UTF-8.");
        }

        try
        {
            var reader = new Utf8JsonReader(utf8);
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException exception)
        {
            return new GraphQLHttpError(
                StatusCodes.Status400BadRequest,
                GraphQLHttpErrorCodes.InvalidJson,
                $"{what} is not valid JSON: {exception.Message}");
        }
    }

    private static JsonTokenType FirstToken(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        return reader.Read() ? reader.TokenType : JsonTokenType.None;
    }

    /// <summary>What GraphQL.SystemTextJson throws for syntactically valid JSON of the wrong shape.</summary>
    private static bool IsShapeError(Exception exception) =>
        exception is JsonException or InvalidOperationException or ArgumentException or FormatException or NotSupportedException;

    private static GraphQLHttpError NotAGraphQLRequest() =>
        new(StatusCodes.Status400BadRequest,
            GraphQLHttpErrorCodes.InvalidRequest,
            "The request body must be a JSON object whose 'query' and 'operationName' are strings and whose 'variables' and 'extensions' are objects.");

    private GraphQLHttpError TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge,
            GraphQLHttpErrorCodes.RequestTooLarge,
            $"The request body is larger than the {maxRequestBodySize} bytes this endpoint accepts.");
}
