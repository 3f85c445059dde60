namespace Analytics.Api.GraphQL.Http;

/// <summary>
/// The <c>errors[].extensions.code</c> values the transport itself produces. Errors found by GraphQL.NET while
/// parsing, validating or executing a document keep GraphQL.NET's own codes (<c>SYNTAX_ERROR</c>,
/// <c>FIELDS_ON_CORRECT_TYPE</c>, <c>INVALID_VALUE</c>, ...).
/// </summary>
public static class GraphQLHttpErrorCodes
{
    public const string InvalidJson = "INVALID_JSON";
    public const string InvalidRequest = "INVALID_REQUEST";
    public const string MissingQuery = "MISSING_QUERY";
    public const string BatchNotSupported = "BATCH_NOT_SUPPORTED";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string NotAcceptable = "NOT_ACCEPTABLE";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";

    /// <summary>The document is nested deeper than the parser's recursion limit (400; nothing ran).</summary>
    public const string DocumentTooDeep = "DOCUMENT_TOO_DEEP";

    /// <summary>Validation refused a field the caller's role may not use: answered with 403.</summary>
    public const string Forbidden = "FORBIDDEN";
}
