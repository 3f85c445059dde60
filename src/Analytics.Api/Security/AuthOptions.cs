namespace Analytics.Api.Security;

/// <summary>The <c>Auth</c> configuration section: how bearer tokens are signed and checked.</summary>
public sealed record AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>HMAC-SHA256 key (at least 32 bytes of UTF-8). Required: the API refuses to start without one.</summary>
    public string? SigningKey { get; init; }

    public string Issuer { get; init; } = "analytics";

    public string Audience { get; init; } = "analytics-api";

    /// <summary>Longest lifetime the <c>token</c> command issues.</summary>
    public int MaxTokenHours { get; init; } = 24 * 7;

    public const int MinimumKeyBytes = 32;

    /// <summary>The key's bytes, or an exception whose message says how to configure one.</summary>
    public byte[] KeyBytes()
    {
        if (string.IsNullOrWhiteSpace(SigningKey))
        {
            throw new InvalidOperationException(
                "Auth:SigningKey is not configured. Set a secret of at least 32 characters, e.g. the environment variable "
                + "Auth__SigningKey=$(openssl rand -base64 48). (Development has a local key in appsettings.Development.json.)");
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(SigningKey);
        return bytes.Length >= MinimumKeyBytes
            ? bytes
            : throw new InvalidOperationException($"Auth:SigningKey has {bytes.Length} bytes; at least {MinimumKeyBytes} are required.");
    }
}
