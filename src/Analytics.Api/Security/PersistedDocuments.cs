using System.Security.Cryptography;
using System.Text;
using Analytics.Api.GraphQL.Http;
using GraphQL.PersistedDocuments;

namespace Analytics.Api.Security;

/// <summary>
/// The <c>GraphQL:PersistedDocuments</c> section. Requests may send <c>"documentId": "sha256:&lt;hex&gt;"</c> instead of
/// <c>query</c>, where hex is the lower-case SHA-256 of a <c>.graphql</c> file's exact UTF-8 bytes in <see cref="Path"/>
/// (e.g. <c>sha256sum dashboards/queries/*.graphql</c>). With <see cref="Required"/> on, only those documents run.
/// </summary>
public sealed record PersistedDocumentOptions
{
    public const string SectionName = "GraphQL:PersistedDocuments";

    /// <summary>Folder of <c>.graphql</c> documents (searched recursively; relative to the working directory).</summary>
    public string Path { get; init; } = "dashboards/queries";

    /// <summary>Allow-list mode: refuse any request that sends a <c>query</c> instead of a known <c>documentId</c>.</summary>
    public bool Required { get; init; }
}

/// <summary>Loads the folder once at start and answers document ids from memory.</summary>
public sealed class FolderPersistedDocumentLoader : IPersistedDocumentLoader
{
    private readonly Dictionary<string, string> _documents;

    public FolderPersistedDocumentLoader(PersistedDocumentOptions options) => _documents = Load(options.Path);

    public int Count => _documents.Count;

    public ValueTask<string?> GetQueryAsync(string? documentIdPrefix, string documentIdPayload, CancellationToken cancellationToken) =>
        new(documentIdPrefix == "sha256" ? _documents.GetValueOrDefault(documentIdPayload) : null);

    public static string Hash(string text) => Hash(Encoding.UTF8.GetBytes(text));

    /// <summary>The hex payload of a document's id: the SHA-256 of the file's exact bytes.</summary>
    public static string Hash(byte[] document) => Convert.ToHexStringLower(SHA256.HashData(document));

    private static Dictionary<string, string> Load(string path)
    {
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(path))
        {
            return documents;
        }

        foreach (var file in Directory.EnumerateFiles(path, "*.graphql", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            documents[Hash(bytes)] = new UTF8Encoding(false).GetString(bytes);
        }

        return documents;
    }
}

/// <summary>
/// Allow-list mode (<see cref="PersistedDocumentOptions.Required"/>) for every transport alike: a request that sends a
/// document's text instead of its id is refused before it is parsed, GET as POST. (GraphQL.NET's own check lets
/// through a document the transport has already parsed, as GET does to refuse mutations.)
/// </summary>
public sealed class PersistedDocumentsOnlyInterceptor : IGraphQLRequestInterceptor
{
    public const string Code = "DOCUMENT_ID_MISSING";

    public ValueTask OnRequestAsync(GraphQLRequestContext context)
    {
        if (!string.IsNullOrEmpty(context.Request.Query) || context.Options.Document is not null)
        {
            context.Reject(StatusCodes.Status400BadRequest, Code,
                "Only persisted documents run here: send \"documentId\": \"sha256:<hex>\" instead of \"query\".");
        }

        return ValueTask.CompletedTask;
    }
}
