namespace Analytics.Domain;

/// <summary>
/// An entity that offices change after creating it, guarded by optimistic concurrency: a writer passes the version it
/// read, and a save against a newer version fails instead of overwriting.
/// </summary>
/// <remarks>The data layer maps it to a SQL Server <c>rowversion</c> and, on SQLite, to a counter it bumps on each save.</remarks>
public interface IVersioned
{
    long Version { get; set; }
}
