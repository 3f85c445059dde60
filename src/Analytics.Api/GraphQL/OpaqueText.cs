using System.Buffers.Text;
using System.Text;

namespace Analytics.Api.GraphQL;

/// <summary>The one encoding of opaque tokens (global ids, cursors): base64url of UTF-8 text.</summary>
public static class OpaqueText
{
    /// <summary>Tokens longer than this are not ours, whatever they decode to.</summary>
    public const int MaxLength = 200;

    public static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    /// <summary>Decodes a token; false for anything that is not base64url of valid UTF-8 (never throws).</summary>
    public static bool TryDecode(string? token, out string text)
    {
        text = "";
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength)
        {
            return false;
        }

        try
        {
            // Base64Url.TryDecodeFromChars throws FormatException on illegal characters rather than returning false.
            var bytes = Base64Url.DecodeFromChars(token);
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
