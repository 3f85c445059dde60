using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Analytics.Data;

/// <summary>Lets <c>dotnet ef</c> build the SQLite context without a host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteOperationalDbContext>
{
    public SqliteOperationalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteOperationalDbContext>()
            .UseSqlite(OperationalStoreExtensions.DefaultSqliteConnectionString).Options);
}

/// <summary>Lets <c>dotnet ef</c> build the SQL Server context without a server (migrations need no connection).</summary>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerOperationalDbContext>
{
    public SqlServerOperationalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerOperationalDbContext>()
            .UseSqlServer("Server=(design-time);Database=Analytics;Integrated Security=true;TrustServerCertificate=true").Options);
}
