namespace Analytics.Data;

/// <summary>Who a write is recorded against in the audit table: a user (name and role) or a batch process.</summary>
public sealed record AuditActor(string Name, string Role)
{
    /// <summary>Writes nobody attributed (tests, maintenance scripts).</summary>
    public static readonly AuditActor System = new("system", "System");
}
