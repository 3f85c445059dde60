using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Analytics.Bench;

/// <summary>
/// Bearer tokens for an API the bench starts itself: a fresh random signing key handed to the API
/// (<c>Auth__SigningKey</c>), and HS256 tokens in the shape the API's <c>token</c> command issues.
/// </summary>
public static class BenchTokens
{
    public static string NewSigningKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    public static string Mint(string signingKey, string role, string name, string? county = null, string issuer = "analytics", string audience = "analytics-api")
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 8 * 3600,
            ["role"] = role,
            ["name"] = name,
        };
        if (county is not null)
        {
            claims["county"] = county;
        }

        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", typ = "JWT" }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.ASCII.GetBytes($"{header}.{payload}")));
        return $"{header}.{payload}.{signature}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
