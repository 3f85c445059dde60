using GraphQL;

namespace Analytics.Api.GraphQL;

/// <summary>
/// Relay global ids: base64url of <c>TypeName:key</c>, so an id names its type and <c>node(id:)</c> can find it.
/// </summary>
public static class GlobalId
{
    public const string InvalidIdCode = "INVALID_ID";

    public static string Encode(string typeName, int id) => OpaqueText.Encode($"{typeName}:{id}");

    /// <summary>Decodes an id or throws an <see cref="ExecutionError"/> with code <see cref="InvalidIdCode"/>.</summary>
    public static (string TypeName, int Id) Decode(string globalId)
    {
        if (TryDecode(globalId, out var typeName, out var id))
        {
            return (typeName, id);
        }

        throw new ExecutionError($"'{Truncate(globalId)}' is not a valid id. Ids are opaque: use one returned by this API.")
        {
            Code = InvalidIdCode,
        };
    }

    /// <summary>Decodes an id that must name <paramref name="expectedTypeName"/>.</summary>
    public static int DecodeFor(string expectedTypeName, string globalId)
    {
        var (typeName, id) = Decode(globalId);
        if (typeName != expectedTypeName)
        {
            throw new ExecutionError($"The id '{Truncate(globalId)}' is a {typeName} id, not a {expectedTypeName} id.")
            {
                Code = InvalidIdCode,
            };
        }

        return id;
    }

    public static bool TryDecode(string? globalId, out string typeName, out int id)
    {
        typeName = "";
        id = 0;
        if (!OpaqueText.TryDecode(globalId, out var text))
        {
            return false;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, null, out id) || id <= 0)
        {
            return false;
        }

        typeName = text[..colon];
        return true;
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
