using Analytics.Domain;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Data;

/// <summary>
/// The operational store: one model, served by SQLite (embedded default) or SQL Server.
/// </summary>
/// <remarks>
/// Each provider has a derived context with its own migrations, because the two generate different DDL:
/// <list type="bullet">
/// <item><c>dotnet ef migrations add &lt;Name&gt; --project src/Analytics.Data --context SqliteOperationalDbContext --output-dir Migrations/Sqlite</c></item>
/// <item><c>dotnet ef migrations add &lt;Name&gt; --project src/Analytics.Data --context SqlServerOperationalDbContext --output-dir Migrations/SqlServer</c></item>
/// </list>
/// Always add both in the same change; a test fails while either provider has pending model changes.
/// <para>
/// Writes go through <see cref="AuditedWrites.WriteAuditedAsync"/>: one transaction holding the change and its
/// audit rows, optimistic concurrency on <see cref="IVersioned"/> entities.
/// </para>
/// </remarks>
public abstract class OperationalDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Grid> Grids => Set<Grid>();
    public DbSet<GridSteward> GridStewards => Set<GridSteward>();
    public DbSet<PartyOrganization> PartyOrganizations => Set<PartyOrganization>();
    public DbSet<PartyMember> PartyMembers => Set<PartyMember>();
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<Pairing> Pairings => Set<Pairing>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CollectiveIncome> CollectiveIncomes => Set<CollectiveIncome>();
    public DbSet<IncomeProject> IncomeProjects => Set<IncomeProject>();
    public DbSet<StarRating> StarRatings => Set<StarRating>();
    public DbSet<MicroWish> MicroWishes => Set<MicroWish>();
    public DbSet<CommunityRegistration> CommunityRegistrations => Set<CommunityRegistration>();
    public DbSet<CommunityAttendance> CommunityAttendances => Set<CommunityAttendance>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>Who the next save is audited against; <see cref="AuditActor.System"/> when nobody set it.</summary>
    public AuditActor Actor { get; set; } = AuditActor.System;

    /// <summary>The operation the next save is audited under, e.g. a mutation's name.</summary>
    public string Operation { get; set; } = "SaveChanges";

    /// <summary>Changes captured by <see cref="AuditInterceptor"/> between saving and saved.</summary>
    internal AuditInterceptor.PendingAudit? PendingAudit { get; set; }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Money is yuan with fen: decimal(18,2) on SQL Server.
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OperationalDbContext).Assembly);

        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            // Deleting is rare and deliberate here; never cascade (SQL Server also rejects multiple cascade paths).
            foreach (var foreignKey in entityType.GetForeignKeys())
            {
                foreignKey.DeleteBehavior = DeleteBehavior.Restrict;
            }

            // The ETL's incremental mode reads every table by UpdatedAt.
            if (typeof(Entity).IsAssignableFrom(entityType.ClrType))
            {
                modelBuilder.Entity(entityType.ClrType).HasIndex(nameof(Entity.UpdatedAt));
            }
        }
    }

    private protected static IEnumerable<Type> VersionedEntityTypes(ModelBuilder modelBuilder) =>
        modelBuilder.Model.GetEntityTypes().Select(e => e.ClrType).Where(typeof(IVersioned).IsAssignableFrom).ToList();
}

/// <summary>The SQLite flavour of the store (embedded default).</summary>
public sealed class SqliteOperationalDbContext(DbContextOptions<SqliteOperationalDbContext> options)
    : OperationalDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // SQLite has no rowversion: Version is a plain concurrency token that UpdatedAtInterceptor bumps on every update.
        foreach (var entityType in VersionedEntityTypes(modelBuilder))
        {
            modelBuilder.Entity(entityType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite stores DateTimeOffset as text, which cannot be ordered or compared in SQL. All times here are UTC,
        // so a binary (ticks) encoding orders correctly and keeps every comparison on the server.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverterForUtc>();

        // SQLite has no decimal type either: money is stored as whole fen, so SQL compares, orders and sums it exactly.
        configurationBuilder.Properties<decimal>().HaveConversion<DecimalToFenConverter>();
    }
}

/// <summary>The SQL Server flavour of the store (production).</summary>
public sealed class SqlServerOperationalDbContext(DbContextOptions<SqlServerOperationalDbContext> options)
    : OperationalDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // The server stamps a rowversion on every insert and update; read as a big-endian long.
        foreach (var entityType in VersionedEntityTypes(modelBuilder))
        {
            modelBuilder.Entity(entityType).Property(nameof(IVersioned.Version)).IsRowVersion().HasConversion<byte[]>();
        }
    }
}
