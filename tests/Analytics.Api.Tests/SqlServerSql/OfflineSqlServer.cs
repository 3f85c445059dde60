using System.Collections;
using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Analytics.Api.Tests.SqlServerSql;

/// <summary>
/// Keeps SqlClient from ever reaching for a server: every open and close EF asks for is suppressed, so the connection
/// stays closed and the command interceptor answers instead of the database.
/// </summary>
public sealed class NoConnectionInterceptor : DbConnectionInterceptor
{
    private int _openingsSuppressed;

    /// <summary>How many times EF wanted a connection (and got none).</summary>
    public int OpeningsSuppressed => Volatile.Read(ref _openingsSuppressed);

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Interlocked.Increment(ref _openingsSuppressed);
        return InterceptionResult.Suppress();
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(
        DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ConnectionOpening(connection, eventData, result));

    public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        InterceptionResult.Suppress();

    public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        ValueTask.FromResult(InterceptionResult.Suppress());
}

/// <summary>One statement EF sent: its text, its parameters (formatted stably) and whether a real connection was open.</summary>
public sealed record CapturedCommand(string CommandText, IReadOnlyList<string> Parameters, ConnectionState ConnectionState)
{
    /// <summary>The statement as a reviewer reads it: parameters first, as T-SQL declarations, then the text.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var parameter in Parameters)
        {
            text.Append("-- ").AppendLine(parameter);
        }

        return text.Append(CommandText.ReplaceLineEndings("\n")).ToString();
    }
}

/// <summary>
/// Records every command EF sends and answers it without a database: queries get no rows, except a single-value
/// aggregate (COUNT, SUM, MIN, MAX), which gets the one row a server always returns for it (<see cref="MatchingRows"/>
/// for counts, zero otherwise), so the resolver runs to its end and every statement it would send is seen.
/// </summary>
public sealed partial class SqlCapture : DbCommandInterceptor
{
    /// <summary>What every COUNT answers: enough rows for <c>last</c> without <c>before</c> to read a page.</summary>
    public const int MatchingRows = 100;

    private readonly ConcurrentQueue<CapturedCommand> _commands = new();

    public IReadOnlyList<CapturedCommand> Commands => [.. _commands];

    public void Clear() => _commands.Clear();

    public override InterceptionResult<DbDataReader> ReaderExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        InterceptionResult<DbDataReader>.SuppressWithResult(Answer(Record(command)));

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ReaderExecuting(command, eventData, result));

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return InterceptionResult<object>.SuppressWithResult(0);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ScalarExecuting(command, eventData, result));

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return InterceptionResult<int>.SuppressWithResult(0);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(NonQueryExecuting(command, eventData, result));

    private CapturedCommand Record(DbCommand command)
    {
        var captured = new CapturedCommand(
            command.CommandText,
            [.. command.Parameters.Cast<DbParameter>().Select(Describe)],
            command.Connection?.State ?? ConnectionState.Closed);
        _commands.Enqueue(captured);
        return captured;
    }

    private static DbDataReader Answer(CapturedCommand command)
    {
        var aggregate = SingleAggregate().Match(command.CommandText);
        return !aggregate.Success
            ? NoRows()
            : new SingleValueReader(aggregate.Groups["function"].Value is "COUNT" or "COUNT_BIG" ? MatchingRows : 0);
    }

    /// <summary>
    /// No rows, but more columns than any statement selects: EF buffers results (the retrying execution strategy) and
    /// first checks that the reader has at least as many columns as the SELECT list.
    /// </summary>
    private static DataTableReader NoRows()
    {
        var table = new DataTable();
        for (var i = 0; i < 64; i++)
        {
            table.Columns.Add($"c{i}", typeof(object));
        }

        return table.CreateDataReader();
    }

    /// <summary><c>@name type = value</c>, with the SQL Server type the parameter is sent as.</summary>
    private static string Describe(DbParameter parameter)
    {
        var type = parameter is SqlParameter sql ? SqlTypeName(sql) : parameter.DbType.ToString();
        return $"{parameter.ParameterName} {type} = {Literal(parameter.Value)}";
    }

    private static string SqlTypeName(SqlParameter parameter)
    {
        var name = parameter.SqlDbType.ToString().ToLowerInvariant();
        return parameter.SqlDbType switch
        {
            SqlDbType.NVarChar or SqlDbType.VarChar or SqlDbType.NChar or SqlDbType.Char or SqlDbType.VarBinary or SqlDbType.Binary =>
                parameter.Size switch { -1 => $"{name}(max)", 0 => name, var size => $"{name}({size})" },
            SqlDbType.Decimal => $"{name}({parameter.Precision},{parameter.Scale})",
            _ => name,
        };
    }

    private static string Literal(object? value) => value switch
    {
        null or DBNull => "NULL",
        string text => $"'{text}'",
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("O", CultureInfo.InvariantCulture),
        bool flag => flag ? "1" : "0",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => $"[{string.Join(", ", items.Cast<object?>().Select(Literal))}]",
        _ => value.ToString() ?? "",
    };

    [GeneratedRegex(@"^SELECT (?<function>COUNT_BIG|COUNT|SUM|MIN|MAX|AVG|COALESCE\(SUM)\(", RegexOptions.CultureInvariant)]
    private static partial Regex SingleAggregate();
}
