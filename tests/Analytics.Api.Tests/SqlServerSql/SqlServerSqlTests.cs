using System.Data;
using System.Text;
using System.Text.RegularExpressions;
using Analytics.Api.Tests.Infrastructure;
using Analytics.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapshooter;
using Snapshooter.Xunit;

namespace Analytics.Api.Tests.SqlServerSql;

/// <summary>
/// The SQL the API sends to SQL Server, for each of <see cref="ProofQueries"/>, through the real HTTP and GraphQL
/// pipeline: reviewed as snapshots (<c>__snapshots__/*.snap</c> shows the GraphQL, the parameters and the T-SQL).
/// </summary>
[Collection(SqlServerSqlCollection.Name)]
public sealed partial class SqlServerSqlTests(SqlServerSqlFactory factory)
{
    public static TheoryData<string> Queries => [.. ProofQueries.All.Select(q => q.Name)];

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Sql_server_statements_match_the_reviewed_snapshot(string name)
    {
        var query = ProofQueries.Named(name);

        var (response, commands) = await factory.CaptureAsync(query.Document, query.Variables);

        response.AssertData();
        Assert.NotEmpty(commands);
        Assert.All(commands, command => Assert.Equal(ConnectionState.Closed, command.ConnectionState));
        Assert.All(commands, command => AssertValuesAreParameters(command.CommandText));
        Assert.All(commands.Where(c => c.CommandText.Contains("OFFSET", StringComparison.Ordinal)), command => AssertPagedOverATotalOrder(command.CommandText));
        Snapshot.Match(Render(query, commands), SnapshotNameExtension.Create(name));
    }

    [Fact]
    public async Task A_query_selecting_few_fields_reads_only_their_columns()
    {
        var (response, commands) = await factory.CaptureAsync(ProofQueries.Projection.Document);

        response.AssertData();
        var statement = Assert.Single(commands).CommandText;
        var selectList = statement[..statement.IndexOf("\nFROM", StringComparison.Ordinal)];

        // name, joinedOn and the masked phone (computed from Phone), plus the key every row carries.
        Assert.Equal("SELECT [p].[Id], [p].[JoinedOn], [p].[Name], [p].[Phone]", selectList.TrimEnd('\r'));
    }

    [Fact]
    public async Task The_api_runs_on_the_sql_server_provider_and_never_reaches_for_the_server()
    {
        _ = factory.Server;
        Assert.Empty(factory.StartupCommands);
        Assert.Equal(0, factory.StartupConnectionOpenings);
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<OperationalDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal("Microsoft.EntityFrameworkCore.SqlServer", db.Database.ProviderName);
        }

        var openingsBefore = factory.Connections.OpeningsSuppressed;
        using var health = await factory.CreateGraphQLClient().GetAsync("/health");

        // The store check asked for a connection and was refused one by the interceptor; had anything gone around it
        // to the unresolvable host, the check would have failed and /health would answer 503.
        Assert.Equal(200, (int)health.StatusCode);
        Assert.True(factory.Connections.OpeningsSuppressed > openingsBefore, "the health check should have asked for a connection");
    }

    /// <summary>What a reviewer reads: the GraphQL request, then each statement with its parameters.</summary>
    private static string Render(ProofQuery query, IReadOnlyList<CapturedCommand> commands)
    {
        var text = new StringBuilder()
            .AppendLine("/* GraphQL")
            .AppendLine(query.Document.ReplaceLineEndings("\n").TrimEnd());
        if (query.Variables is not null)
        {
            text.AppendLine(System.Text.Json.JsonSerializer.Serialize(query.Variables));
        }

        text.AppendLine("*/");
        for (var i = 0; i < commands.Count; i++)
        {
            text.AppendLine().AppendLine($"-- statement {i + 1} of {commands.Count}").AppendLine(commands[i].ToString());
        }

        return text.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>
    /// No value from the request is inlined: the only literals left are the LIKE escape character and the constants
    /// EF writes itself (0, 1, 0.0 in CAST, COALESCE, EXISTS).
    /// </summary>
    private static void AssertValuesAreParameters(string sql)
    {
        var withoutNames = Identifiers().Replace(EscapeClause().Replace(sql, ""), "");
        Assert.DoesNotContain("'", withoutNames);
        Assert.All(Numbers().Matches(withoutNames), number => Assert.Contains(number.Value, new[] { "0", "1", "0.0" }));
    }

    /// <summary>Paging is OFFSET/FETCH by parameters over an order that ends with the key, so pages never overlap.</summary>
    private static void AssertPagedOverATotalOrder(string sql)
    {
        Assert.Matches(PagedByParameters(), sql);
        Assert.Matches(OrderEndsWithKey(), sql);
    }

    [GeneratedRegex(@" ESCAPE N?'\\'")]
    private static partial Regex EscapeClause();

    [GeneratedRegex(@"\[[^\]]*\]|@\w+")]
    private static partial Regex Identifiers();

    [GeneratedRegex(@"\b\d+(\.\d+)?\b")]
    private static partial Regex Numbers();

    [GeneratedRegex(@"\nOFFSET @\w+ ROWS FETCH NEXT @\w+ ROWS ONLY$")]
    private static partial Regex PagedByParameters();

    [GeneratedRegex(@"\nORDER BY (.*, )?\[\w+\]\.\[Id\]\nOFFSET")]
    private static partial Regex OrderEndsWithKey();
}
