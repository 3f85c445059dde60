using Analytics.Data;

namespace Analytics.Api.Auditing;

/// <summary>Who is calling: the name and role every write is audited against.</summary>
/// <remarks>Issue 7 (JWT) replaces <see cref="HeaderCurrentActor"/> with the token's subject and role; nothing else changes.</remarks>
public interface ICurrentActor
{
    string Name { get; }

    string Role { get; }
}

/// <summary>The <c>Audit</c> configuration section.</summary>
public sealed record AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>Read the actor from the <c>X-Analytics-Actor</c> / <c>X-Analytics-Role</c> headers (Development only, until issue 7).</summary>
    public bool TrustActorHeaders { get; init; }

    public string DefaultActor { get; init; } = "anonymous";

    public string DefaultRole { get; init; } = "Office";
}

/// <summary>
/// The actor from the request headers when <see cref="AuditOptions.TrustActorHeaders"/> is on (the name may be
/// percent-encoded UTF-8, e.g. <c>%E7%8E%8B%E8%8A%B3</c> for 王芳), otherwise the configured default.
/// </summary>
public sealed class HeaderCurrentActor : ICurrentActor
{
    public const string ActorHeader = "X-Analytics-Actor";
    public const string RoleHeader = "X-Analytics-Role";

    public HeaderCurrentActor(IHttpContextAccessor http, Microsoft.Extensions.Options.IOptions<AuditOptions> options)
    {
        var headers = options.Value.TrustActorHeaders ? http.HttpContext?.Request.Headers : null;
        Name = Header(headers, ActorHeader, 100) ?? options.Value.DefaultActor;
        Role = Header(headers, RoleHeader, 50) ?? options.Value.DefaultRole;
    }

    public string Name { get; }

    public string Role { get; }

    private static string? Header(IHeaderDictionary? headers, string name, int maxLength)
    {
        var value = headers?[name].ToString();
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = Uri.UnescapeDataString(value).Trim();
        return value.Length == 0 ? null : value[..Math.Min(value.Length, maxLength)];
    }
}

public static class CurrentActorExtensions
{
    public static AuditActor ToAuditActor(this ICurrentActor actor) => new(actor.Name, actor.Role);
}
