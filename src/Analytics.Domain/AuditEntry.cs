namespace Analytics.Domain;

/// <summary>
/// 操作留痕: one row written, changed or deleted, by whom, when, with the values before and after (JSON). Written by the
/// data layer in the same transaction as the change itself, never by hand.
/// </summary>
public sealed class AuditEntry : Entity
{
    /// <summary>When the change was saved (UTC).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Who made it (user name, or the process for batch writers).</summary>
    public required string Actor { get; set; }

    public required string ActorRole { get; set; }

    /// <summary>The operation that made it, e.g. the mutation <c>classifyCase</c> or <c>ledgerImport</c>.</summary>
    public required string Operation { get; set; }

    /// <summary>The entity type changed, e.g. <c>Case</c>.</summary>
    public required string EntityType { get; set; }

    public int EntityId { get; set; }

    public AuditChange Change { get; set; }

    /// <summary>Changed values before, as a JSON object; null for an insert.</summary>
    public string? Before { get; set; }

    /// <summary>Changed values after, as a JSON object; null for a delete.</summary>
    public string? After { get; set; }
}

public enum AuditChange
{
    Added = 1,
    Modified = 2,
    Deleted = 3,
}
