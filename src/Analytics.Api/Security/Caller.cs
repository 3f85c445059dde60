using Analytics.Api.Auditing;

namespace Analytics.Api.Security;

/// <summary>
/// Who is calling, from the bearer token's claims: the actor every write is audited against (<see cref="ICurrentActor"/>)
/// and what the role allows. Scoped: one per request.
/// </summary>
public sealed class Caller : ICurrentActor
{
    public Caller(IHttpContextAccessor http)
    {
        var user = http.HttpContext?.User;
        IsAuthenticated = user?.Identity?.IsAuthenticated == true;
        Role = IsAuthenticated ? user!.FindFirst(ApiRoles.RoleClaim)?.Value ?? "" : "";
        County = IsAuthenticated ? user!.FindFirst(ApiRoles.CountyClaim)?.Value : null;
        var name = IsAuthenticated ? user!.FindFirst(ApiRoles.NameClaim)?.Value : null;
        Name = string.IsNullOrWhiteSpace(name) ? (Role.Length > 0 ? Role : "anonymous") : name[..Math.Min(name.Length, 100)];
    }

    public bool IsAuthenticated { get; }

    public string Name { get; }

    public string Role { get; }

    /// <summary>The county a county officer works in, by name (claim <c>county</c>).</summary>
    public string? County { get; }

    /// <summary>
    /// The materialized region path of <see cref="County"/> (e.g. <c>/1/2/</c>), resolved once per request before
    /// execution. Null for a county officer means the county was not resolved: such a caller sees nothing.
    /// </summary>
    public string? RegionPath { get; internal set; }

    public bool IsKnownRole => ApiRoles.All.Contains(Role);

    /// <summary>Personal data seen: in clear (admins), masked (county officers), none (others). The one rule the two below read.</summary>
    public GraphQL.Querying.PersonalAccess PersonalAccess => Role switch
    {
        ApiRoles.Admin => GraphQL.Querying.PersonalAccess.Clear,
        ApiRoles.CountyOfficer => GraphQL.Querying.PersonalAccess.Masked,
        _ => GraphQL.Querying.PersonalAccess.None,
    };

    /// <summary>Only administrators see ID numbers and phones in clear.</summary>
    public bool SeesPersonalDataInClear => PersonalAccess == GraphQL.Querying.PersonalAccess.Clear;

    /// <summary>Whether personal fields (names of people, ID numbers, phones) may be selected, filtered or sorted on.</summary>
    public bool MayUsePersonalFields => PersonalAccess != GraphQL.Querying.PersonalAccess.None;
}

public static class CallerExtensions
{
    public static Caller Caller(this global::GraphQL.IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<Caller>();
}
