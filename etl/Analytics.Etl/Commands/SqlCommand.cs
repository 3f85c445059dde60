using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;

namespace Analytics.Etl.Commands;

public enum SqlOutputFormat
{
    Table,
    Csv,
    Json,
}

/// <summary><c>sql "&lt;query&gt;"</c>: runs an analyst's query against the warehouse, opened read-only.</summary>
public static class SqlCommand
{
    /// <summary><c>--format table|csv|json</c>, for every command that prints rows.</summary>
    public static Option<SqlOutputFormat> FormatOption() => new("--format")
    {
        Description = "table (for terminals), csv or json.",
        DefaultValueFactory = _ => SqlOutputFormat.Table,
    };

    public static Command Create(Option<string?> warehouse, TextWriter output)
    {
        var query = new Argument<string>("query") { Description = "SQL to run against the warehouse (read-only)." };
        var format = FormatOption();
        var command = new Command("sql", "Run a SQL query against the warehouse, read-only.")
        {
            query,
            format,
            warehouse,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = EtlSettings.Load(null, null, parse.GetValue(warehouse));
            return await RunAsync(settings.WarehousePath, parse.GetValue(query)!, parse.GetValue(format), output, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        string warehousePath, string sql, SqlOutputFormat format, TextWriter output, CancellationToken cancellationToken)
    {
        await using var connection = await WarehouseReader.OpenReadOnlyAsync(warehousePath, cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            switch (format)
            {
                case SqlOutputFormat.Csv:
                    await WriteCsvAsync(reader, output, cancellationToken);
                    break;
                case SqlOutputFormat.Json:
                    await WriteJsonAsync(reader, output, cancellationToken);
                    break;
                default:
                    await WriteTableAsync(reader, output, cancellationToken);
                    break;
            }
        }
        catch (DuckDBException ex)
        {
            throw new EtlException(WarehouseReader.OneLine(ex.Message));
        }

        return 0;
    }

    /// <summary>A value as text: invariant culture, ISO dates, empty for NULL.</summary>
    public static string Format(object? value) => value switch
    {
        null or DBNull => "",
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static async Task WriteCsvAsync(DbDataReader reader, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync(CsvLine(Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)));
        while (await reader.ReadAsync(cancellationToken))
        {
            await output.WriteLineAsync(CsvLine(Enumerable.Range(0, reader.FieldCount).Select(i => Format(reader.GetValue(i)))));
        }
    }

    /// <summary>One CSV line; cells holding a comma, quote or line break are quoted.</summary>
    public static string CsvLine(IEnumerable<string> cells) =>
        string.Join(',', cells.Select(text =>
            text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text));

    private static async Task WriteJsonAsync(DbDataReader reader, TextWriter output, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        await using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            while (await reader.ReadAsync(cancellationToken))
            {
                json.WriteStartObject();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    json.WritePropertyName(reader.GetName(i));
                    switch (reader.GetValue(i))
                    {
                        case null or DBNull: json.WriteNullValue(); break;
                        case bool flag: json.WriteBooleanValue(flag); break;
                        case int or long or short or sbyte or byte or uint or ushort or ulong or decimal or double or float:
                            json.WriteRawValue(Format(reader.GetValue(i))); break;
                        case var other: json.WriteStringValue(Format(other)); break;
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        await output.WriteLineAsync(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static async Task WriteTableAsync(DbDataReader reader, TextWriter output, CancellationToken cancellationToken)
    {
        // Buffered to size the columns: the table format is for people at a terminal, csv/json for big results.
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<string[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => Format(reader.GetValue(i))).ToArray());
        }

        await WriteTableAsync(names, rows, output);
    }

    /// <summary>A plain-text table (columns padded, CJK counted as two columns) and a row count.</summary>
    public static async Task WriteTableAsync(string[] names, IReadOnlyList<string[]> rows, TextWriter output)
    {
        var widths = names.Select((n, i) => rows.Select(r => DisplayWidth(r[i])).Prepend(DisplayWidth(n)).Max()).ToArray();
        string Line(string[] cells) => string.Join(" | ", cells.Select((c, i) => c + new string(' ', widths[i] - DisplayWidth(c)))).TrimEnd();
        await output.WriteLineAsync(Line(names));
        await output.WriteLineAsync(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            await output.WriteLineAsync(Line(row));
        }

        await output.WriteLineAsync($"({rows.Count} row{(rows.Count == 1 ? "" : "s")})");
    }

    /// <summary>CJK characters take two terminal columns.</summary>
    private static int DisplayWidth(string text) => text.Sum(c => c >= '\u2E80' ? 2 : 1);
}
