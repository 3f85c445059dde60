using Analytics.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Analytics.Etl.Warehouse;

/// <summary>
/// The contexts the ETL reads the operational store with: the store's own model, except that on SQLite a
/// <see cref="DateOnly"/> is read through <see cref="IsoDate"/> instead of Microsoft.Data.Sqlite's culture-aware
/// <c>DateOnly.Parse</c> (about half a microsecond per value, millions of values per run). The column, the SQL and the
/// values are the same; the API, the migrations and every writer keep the store's model as it is.
/// </summary>
/// <remarks>
/// The ETL only reads, so the change is confined to a copy of the given context's options with another
/// <see cref="IModelCustomizer"/>: EF builds and caches that model separately from the store's.
/// </remarks>
public static class SourceContexts
{
    /// <summary>The reading factory for <paramref name="contexts"/>: the same factory for other providers.</summary>
    public static IDbContextFactory<OperationalDbContext> ForReading(IDbContextFactory<OperationalDbContext> contexts)
    {
        using var probe = contexts.CreateDbContext();
        if (probe is not SqliteOperationalDbContext)
        {
            return contexts;
        }

        var options = (DbContextOptions<SqliteOperationalDbContext>)probe.GetService<IDbContextOptions>();
        var reading = new DbContextOptionsBuilder<SqliteOperationalDbContext>(options)
            .ReplaceService<IModelCustomizer, ReadingModelCustomizer>()
            .Options;
        return new OperationalContextFactory(() => new SqliteOperationalDbContext(reading));
    }

    /// <summary>The store's model, then every <see cref="DateOnly"/> property read as its ISO text (its SQLite storage).</summary>
    private sealed class ReadingModelCustomizer(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
    {
        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            base.Customize(modelBuilder, context);
            foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
            {
                if ((Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType) == typeof(DateOnly))
                {
                    property.SetValueConverter(new DateOnlyAsIsoTextConverter());
                }
            }
        }
    }
}

/// <summary>
/// A <see cref="DateOnly"/> as SQLite holds it (Microsoft.Data.Sqlite writes <c>yyyy-MM-dd</c>), read with
/// <see cref="IsoDate.Parse"/>. Written the way Microsoft.Data.Sqlite writes it, so a parameter compares as before.
/// </summary>
public sealed class DateOnlyAsIsoTextConverter()
    : ValueConverter<DateOnly, string>(date => IsoDate.Format(date), text => IsoDate.Parse(text));

/// <summary>Fixed-format <c>yyyy-MM-dd</c> dates, without culture or pattern parsing.</summary>
public static class IsoDate
{
    public static string Format(DateOnly date) =>
        date.ToString("yyyy'-'MM'-'dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Parses exactly <c>yyyy-MM-dd</c> (four-digit year, two-digit month and day, a real calendar day).</summary>
    /// <exception cref="FormatException">Any other text, named in the message.</exception>
    public static DateOnly Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 10 && text[4] == '-' && text[7] == '-'
            && Digits(text, 0, 4) is var year and > 0
            && Digits(text, 5, 2) is var month and >= 1 and <= 12
            && Digits(text, 8, 2) is var day and >= 1
            && day <= DateTime.DaysInMonth(year, month))
        {
            return new DateOnly(year, month, day);
        }

        throw new FormatException($"'{text}' is not a date in the form yyyy-MM-dd (e.g. 2024-02-29).");
    }

    /// <summary>The number written by <paramref name="count"/> ASCII digits from <paramref name="start"/>; -1 if any is not one.</summary>
    private static int Digits(string text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return -1;
            }

            value = (value * 10) + digit;
        }

        return value;
    }
}
