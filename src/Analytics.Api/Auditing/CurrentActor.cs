using Analytics.Data;

namespace Analytics.Api.Auditing;

/// <summary>Who is calling: the name and role every write is audited against.</summary>
/// <remarks>Implemented by <see cref="Security.Caller"/>: the bearer token's name and role.</remarks>
public interface ICurrentActor
{
    string Name { get; }

    string Role { get; }
}

public static class CurrentActorExtensions
{
    public static AuditActor ToAuditActor(this ICurrentActor actor) => new(actor.Name, actor.Role);
}
