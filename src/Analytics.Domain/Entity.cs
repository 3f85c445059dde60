namespace Analytics.Domain;

/// <summary>
/// Base of every stored entity: an integer key and the time of the last change.
/// </summary>
/// <remarks>
/// <see cref="UpdatedAt"/> is stamped by the data layer on every insert and update, never by hand, so the ETL's
/// incremental mode can trust it as a watermark.
/// </remarks>
public abstract class Entity
{
    public int Id { get; set; }

    /// <summary>UTC time of the last insert or update.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
