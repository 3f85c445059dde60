using System.Globalization;
using System.Numerics;
using Analytics.Api.Warehouse;
using Analytics.Domain;
using DuckDB.NET.Data;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace Analytics.Api.Metrics;

/// <summary>A column of an analytics row: its GraphQL name and type, and the SQL expression that computes it.</summary>
public sealed record AnalyticsColumn(string Name, string Sql, Type GraphType, string Description);

/// <summary>
/// One <c>analytics</c> field: flat rows (dimension columns, then measure columns) read from a metric view of the
/// warehouse, for regions at one level inside one region, within a range of years. The SQL lives next to the views'
/// definitions in spirit: each field only selects, filters and (for views finer than the field) sums additive columns;
/// no metric is computed here.
/// </summary>
public sealed record AnalyticsField(
    string Name,
    string RowTypeName,
    string Description,
    string From,
    IReadOnlyList<AnalyticsColumn> Columns)
{
    /// <summary>The view's year column, when the field takes <c>fromYear</c>/<c>toYear</c>.</summary>
    public string? YearColumn { get; init; }

    /// <summary>Sum the view's rows up to the field's columns (the view is finer, its measures additive).</summary>
    public bool GroupBy { get; init; }

    /// <summary>Extra string filters: argument name → view column (e.g. <c>channel</c>).</summary>
    public IReadOnlyDictionary<string, string> Filters { get; init; } = new Dictionary<string, string>();

    /// <summary>Required integer arguments, each selecting rows whose column equals it (e.g. a growth's two years).</summary>
    public IReadOnlyList<(string Name, string Column, string Description)> Required { get; init; } = [];

    /// <summary>Whether the rows are regions that the <c>level</c> argument selects (false: rows are, e.g., organizations).</summary>
    public bool HasLevel { get; init; } = true;

    /// <summary>An optional decimal argument bound as <c>$threshold</c> with a default.</summary>
    public decimal? Threshold { get; init; }

    public string OrderBy { get; init; } = "region_code";

    /// <summary>Whether the rows are per region (region and level arguments apply).</summary>
    public bool ByRegion { get; init; } = true;
}

/// <summary>Builds the GraphQL field of an <see cref="AnalyticsField"/> and runs its query on the warehouse.</summary>
public static class AnalyticsFields
{
    public const string RegionNotFoundCode = "REGION_NOT_FOUND";
    public const string AmbiguousRegionCode = "AMBIGUOUS_REGION";
    public const string InvalidArgumentCode = "INVALID_ARGUMENT";

    /// <summary>The region columns every per-region row starts with.</summary>
    public static readonly AnalyticsColumn[] RegionColumns =
    [
        new("regionCode", "region_code", typeof(NonNullGraphType<StringGraphType>), "行政区划代码 of the region the row is about."),
        new("regionName", "region_name", typeof(NonNullGraphType<StringGraphType>), "Its name."),
        new("regionLevel", "region_level", typeof(NonNullGraphType<StringGraphType>), "Its level: City, County, Township, Village or Community."),
        new("countyName", "county_name", typeof(StringGraphType), "The county-level unit it lies in (null for the city)."),
        new("townshipName", "township_name", typeof(StringGraphType), "The township (street) it lies in, below county level."),
    ];

    public static void Add(ObjectGraphType analytics, AnalyticsField field)
    {
        var columns = (field.ByRegion ? RegionColumns : []).Concat(field.Columns).ToList();
        var row = new ObjectGraphType { Name = field.RowTypeName, Description = $"A row of analytics.{field.Name}." };
        for (var i = 0; i < columns.Count; i++)
        {
            var index = i;
            row.AddField(new FieldType
            {
                Name = columns[i].Name,
                Description = columns[i].Description,
                Type = columns[i].GraphType,
                Resolver = new FuncFieldResolver<object?[], object?>(context => context.Source[index]),
            });
        }

        if (field.YearColumn is not null)
        {
            // Whether the row's period (its month where the row has one, else its year) has ended in Beijing time by the
            // API's clock: a current year or month is still filling up and must not read as a finished figure.
            var year = columns.FindIndex(c => c.Name == "year");
            var month = columns.FindIndex(c => c.Name == "month");
            row.AddField(new FieldType
            {
                Name = "isComplete",
                Description = "Whether the row's period (its month, or else its year) has ended in Beijing time; false for the "
                    + "current year or month, whose figures are still growing; null for a row without a year (the current state).",
                Type = typeof(BooleanGraphType),
                Resolver = new FuncFieldResolver<object?[], object?>(context =>
                    context.Source[year] is { } y
                        ? OfficeCalendar.IsComplete(
                            Convert.ToInt32(y, CultureInfo.InvariantCulture),
                            month >= 0 && context.Source[month] is { } m ? Convert.ToInt32(m, CultureInfo.InvariantCulture) : null,
                            OfficeCalendar.DayOf(context.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow()))
                        : null),
            });
        }

        var arguments = new QueryArguments();
        if (field.ByRegion)
        {
            arguments.Add(new QueryArgument<StringGraphType>
            {
                Name = "region",
                Description = "Name or 行政区划代码 of the region to look inside (e.g. 永安市 or 350481); the whole city when omitted.",
            });
            if (field.HasLevel)
            {
                arguments.Add(new QueryArgument<EnumerationGraphType<RegionLevel>>
                {
                    Name = "level",
                    Description = "The level of the rows' regions (default COUNTY): one row per region of that level inside `region`.",
                });
            }
        }

        foreach (var (name, _, description) in field.Required)
        {
            arguments.Add(new QueryArgument<NonNullGraphType<IntGraphType>> { Name = name, Description = description });
        }

        if (field.YearColumn is not null)
        {
            arguments.Add(new QueryArgument<IntGraphType> { Name = "fromYear", Description = "First year (inclusive); no lower bound when omitted." });
            arguments.Add(new QueryArgument<IntGraphType> { Name = "toYear", Description = "Last year (inclusive); no upper bound when omitted." });
        }

        if (field.Threshold is { } threshold)
        {
            arguments.Add(new QueryArgument<DecimalGraphType>
            {
                Name = "threshold",
                Description = string.Create(CultureInfo.InvariantCulture, $"Income threshold in yuan (default {threshold:0})."),
            });
        }

        foreach (var filter in field.Filters.Keys)
        {
            arguments.Add(new QueryArgument<StringGraphType> { Name = filter, Description = $"Only rows of this {filter} (its name, e.g. as listed in the rows)." });
        }

        analytics.AddField(new FieldType
        {
            Name = field.Name,
            Description = field.Description,
            ResolvedType = new NonNullGraphType(new ListGraphType(new NonNullGraphType(row))),
            Arguments = arguments,
            Resolver = new FuncFieldResolver<IReadOnlyList<object?[]>>(context => ResolveAsync(context, field, columns)),
        });
    }

    private static async ValueTask<IReadOnlyList<object?[]>?> ResolveAsync(
        IResolveFieldContext context, AnalyticsField field, IReadOnlyList<AnalyticsColumn> columns)
    {
        Validate(context);
        await using var session = await AnalyticsType.OpenAsync(context);
        var parameters = new List<object?>();
        string Parameter(object? value)
        {
            parameters.Add(value);
            return $"${parameters.Count}";
        }

        var from = field.From;

        if (field.Threshold is { } defaultThreshold)
        {
            var threshold = context.GetArgument<decimal?>("threshold") ?? defaultThreshold;
            from = from.Replace("{threshold}", Parameter(threshold), StringComparison.Ordinal);
        }

        var where = new List<string>();
        foreach (var (name, column, _) in field.Required)
        {
            where.Add($"{column} = {Parameter(context.GetArgument<int>(name))}");
        }

        if (field.ByRegion)
        {
            if (field.HasLevel)
            {
                where.Add($"region_level = {Parameter((context.GetArgument<RegionLevel?>("level") ?? RegionLevel.County).ToString())}");
            }

            if (context.GetArgument<string?>("region") is { } region)
            {
                var key = await session.RememberAsync($"region-key:{region}", () => RegionKeyAsync(session.Connection, region, context.CancellationToken));
                where.Add($"region_key IN (SELECT member_key FROM region_rollup WHERE region_key = {Parameter(key)})");
            }
        }

        if (field.YearColumn is { } year)
        {
            var (fromYear, toYear) = (context.GetArgument<int?>("fromYear"), context.GetArgument<int?>("toYear"));
            if (fromYear is { } first)
            {
                where.Add($"{year} >= {Parameter(first)}");
            }

            if (toYear is { } last)
            {
                where.Add($"{year} <= {Parameter(last)}");
            }
        }

        foreach (var (argument, column) in field.Filters)
        {
            if (context.GetArgument<string?>(argument) is { } value)
            {
                where.Add($"{column} = {Parameter(value)}");
            }
        }

        var select = string.Join(", ", columns.Select(c => c.Sql));
        var sql = $"SELECT {select} FROM {from}"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")
            + (field.GroupBy ? " GROUP BY ALL" : "")
            + $" ORDER BY {field.OrderBy}";

        var answer = string.Join('\u001f', parameters.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p?.GetType().Name}:{p}")));
        return await session.RememberAsync($"{sql}\u001e{answer}", () => ReadAsync(session.Connection, sql, parameters, columns.Count, context.CancellationToken));
    }

    /// <summary>
    /// The one check of every analytics field's arguments, before the warehouse is opened: whether a field takes its
    /// years as a range (<c>casesByMonth</c>) or as the two ends of a growth (<c>incomeGrowth</c>), <c>fromYear</c> after
    /// <c>toYear</c> is <c>INVALID_ARGUMENT</c> (not an empty answer), as is a negative <c>threshold</c>.
    /// </summary>
    private static void Validate(IResolveFieldContext context)
    {
        if (context.GetArgument<int?>("fromYear") is { } fromYear && context.GetArgument<int?>("toYear") is { } toYear && fromYear > toYear)
        {
            throw new ExecutionError($"fromYear {fromYear} is after toYear {toYear}.") { Code = InvalidArgumentCode };
        }

        if (context.GetArgument<decimal?>("threshold") < 0)
        {
            throw new ExecutionError("threshold must not be negative.") { Code = InvalidArgumentCode };
        }
    }

    private static async Task<IReadOnlyList<object?[]>> ReadAsync(
        DuckDBConnection connection, string sql, List<object?> parameters, int columnCount, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var value in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(value ?? DBNull.Value));
        }

        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var values = new object?[columnCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i) ? null : Normalize(reader.GetValue(i));
            }

            rows.Add(values);
        }

        return rows;
    }

    /// <summary>DuckDB's wide integers (SUM gives HUGEINT) as the CLR types the GraphQL scalars expect.</summary>
    private static object Normalize(object value) => value switch
    {
        BigInteger big => (long)big,
        DateOnly or DateTime or decimal or double or float or string or bool or int or long => value,
        IConvertible convertible => convertible.ToInt64(CultureInfo.InvariantCulture),
        _ => value,
    };

    private static async Task<int> RegionKeyAsync(DuckDBConnection connection, string region, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT region_key, region_code, region_name, county_name FROM metric_region "
            + "WHERE region_name = $1 OR region_code = $1 ORDER BY region_code LIMIT 6";
        command.Parameters.Add(new DuckDBParameter(region));
        var matches = new List<(int Key, string Code, string Name, string? County)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                matches.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }

        return matches switch
        {
            [var one] => one.Key,
            [] => throw new ExecutionError($"No region is named or coded '{region}'.") { Code = RegionNotFoundCode },
            _ => throw new ExecutionError(
                $"'{region}' names several regions; give the code of one: "
                + string.Join(", ", matches.Select(m => $"{m.Code} ({m.County}{m.Name})")) + ".")
            {
                Code = AmbiguousRegionCode,
            },
        };
    }
}
