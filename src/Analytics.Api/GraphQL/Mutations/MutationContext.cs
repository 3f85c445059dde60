using System.Linq.Expressions;
using Analytics.Data;
using Analytics.Domain;
using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.GraphQL.Mutations;

/// <summary>
/// One mutation's unit of work: its own context, the clock, and the input with accessors that validate as they read,
/// so every mutation refuses bad input the same way (see <see cref="MutationErrors"/>) before anything is written.
/// </summary>
public sealed class MutationContext(OperationalDbContext db, IReadOnlyDictionary<string, object?> input, DateTimeOffset now, Security.AccessScope scope)
{
    /// <summary>Nothing before the founding of the party (1921) is a plausible date here.</summary>
    public static readonly DateOnly EarliestDate = new(1921, 1, 1);

    public OperationalDbContext Db { get; } = db;

    public DateTimeOffset Now { get; } = now;

    /// <summary>Today in the offices' calendar (<see cref="OfficeCalendar"/>), the day events recorded now happen on.</summary>
    public DateOnly Today => OfficeCalendar.DayOf(Now);

    /// <summary>Required text: trimmed, not empty, at most <paramref name="maxLength"/> characters.</summary>
    public string Text(string field, int maxLength) =>
        OptionalText(field, maxLength) ?? throw MutationErrors.InvalidInput(field, $"{field} must not be empty.");

    public string? OptionalText(string field, int maxLength)
    {
        if (!input.TryGetValue(field, out var value) || value is null)
        {
            return null;
        }

        var text = ((string)value).Trim();
        if (text.Length == 0)
        {
            throw MutationErrors.InvalidInput(field, $"{field} must not be empty.");
        }

        if (PlainText.FirstForbidden(text) is { } forbidden)
        {
            throw MutationErrors.InvalidInput(field, $"{field} holds the control character {PlainText.Describe(forbidden)}; control and text-direction characters are not allowed.");
        }

        return text.Length <= maxLength ? text : throw MutationErrors.InvalidInput(field, $"{field} has {text.Length} characters; at most {maxLength} are allowed.");
    }

    public TEnum Enum<TEnum>(string field)
        where TEnum : struct, Enum => OptionalEnum<TEnum>(field) ?? throw MutationErrors.InvalidInput(field, $"{field} is required.");

    public TEnum? OptionalEnum<TEnum>(string field)
        where TEnum : struct, Enum =>
        // The schema has already refused names outside the enum.
        input.TryGetValue(field, out var value) && value is not null ? (TEnum)value : null;

    /// <summary>The key of a global id that must name a <typeparamref name="TEntity"/> (else <c>INVALID_ID</c>).</summary>
    public int Id<TEntity>(string field)
        where TEntity : Entity => OptionalId<TEntity>(field) ?? throw MutationErrors.InvalidInput(field, $"{field} is required.");

    public int? OptionalId<TEntity>(string field)
        where TEntity : Entity
    {
        if (!input.TryGetValue(field, out var value) || value is null)
        {
            return null;
        }

        try
        {
            return GlobalId.DecodeFor(typeof(TEntity).Name, value.ToString()!);
        }
        catch (ExecutionError error) when (error.Code == GlobalId.InvalidIdCode)
        {
            error.Extensions ??= new Dictionary<string, object?>();
            error.Extensions["field"] = field;
            throw;
        }
    }

    /// <summary>A date an event took place: not after today, not before 1921.</summary>
    public DateOnly PastDate(string field) =>
        OptionalPastDate(field) ?? throw MutationErrors.InvalidInput(field, $"{field} is required.");

    public DateOnly? OptionalPastDate(string field)
    {
        var date = OptionalDate(field);
        return date > Today ? throw MutationErrors.InvalidInput(field, $"{field} {date:yyyy-MM-dd} is in the future (today is {Today:yyyy-MM-dd}).") : date;
    }

    /// <summary>A date that may lie ahead (a due date, a pairing's planned end), but not before 1921.</summary>
    public DateOnly Date(string field) => OptionalDate(field) ?? throw MutationErrors.InvalidInput(field, $"{field} is required.");

    public DateOnly? OptionalDate(string field)
    {
        if (!input.TryGetValue(field, out var value) || value is null)
        {
            return null;
        }

        var date = (DateOnly)value;
        return date < EarliestDate ? throw MutationErrors.InvalidInput(field, $"{field} {date:yyyy-MM-dd} is before 1921.") : date;
    }

    /// <summary>A time an event took place (UTC): not in the future, not before 1921.</summary>
    public DateTimeOffset? OptionalPastTime(string field)
    {
        if (!input.TryGetValue(field, out var value) || value is null)
        {
            return null;
        }

        var time = ((DateTimeOffset)value).ToUniversalTime();
        if (time > Now)
        {
            throw MutationErrors.InvalidInput(field, $"{field} {time:O} is in the future.");
        }

        return OfficeCalendar.DayOf(time) < EarliestDate ? throw MutationErrors.InvalidInput(field, $"{field} is before 1921.") : time;
    }

    public int Int(string field, int min, int max)
    {
        var value = input.TryGetValue(field, out var raw) && raw is not null
            ? Convert.ToInt32(raw, System.Globalization.CultureInfo.InvariantCulture)
            : throw MutationErrors.InvalidInput(field, $"{field} is required.");
        return value < min || value > max ? throw MutationErrors.InvalidInput(field, $"{field} must be {min} to {max}; {value} was given.") : value;
    }

    /// <summary>A decimal in range with at most two decimals (scores and amounts are kept to 0.01).</summary>
    public decimal Decimal(string field, decimal min, decimal max)
    {
        var value = input.TryGetValue(field, out var raw) && raw is not null
            ? Convert.ToDecimal(raw, System.Globalization.CultureInfo.InvariantCulture)
            : throw MutationErrors.InvalidInput(field, $"{field} is required.");
        if (value < min || value > max)
        {
            throw MutationErrors.InvalidInput(field, $"{field} must be {min} to {max}; {value} was given.");
        }

        return decimal.Round(value, 2) == value ? value : throw MutationErrors.InvalidInput(field, $"{field} is kept to 0.01; {value} has more decimals.");
    }

    /// <summary>The tracked row the global id in <paramref name="field"/> names, or <c>NOT_FOUND</c>.</summary>
    public async Task<TEntity> FindAsync<TEntity>(string field)
        where TEntity : Entity
    {
        var id = Id<TEntity>(field);
        // Outside the caller's county a row is NOT_FOUND, exactly like a row that does not exist.
        return await scope.Write<TEntity>(Db).FirstOrDefaultAsync(e => e.Id == id)
            ?? throw MutationErrors.NotFound(field, typeof(TEntity).Name, input[field]!.ToString()!);
    }

    /// <summary>
    /// The row named by <c>id</c>, guarded by the <c>version</c> the client sent: a row already at another version is a
    /// <c>CONCURRENCY_CONFLICT</c> now, and a change made between this read and the save is one at save time.
    /// </summary>
    public async Task<TEntity> FindForUpdateAsync<TEntity>()
        where TEntity : Entity, IVersioned
    {
        var entity = await FindAsync<TEntity>("id");
        var version = input.TryGetValue("version", out var raw) && raw is not null
            ? Convert.ToInt64(raw, System.Globalization.CultureInfo.InvariantCulture)
            : throw MutationErrors.InvalidInput("version", "version is required: pass the version you read.");
        if (entity.Version != version)
        {
            throw MutationErrors.ConcurrencyConflict(typeof(TEntity).Name, version, entity.Version);
        }

        Db.ExpectVersion(entity, version);
        return entity;
    }

    /// <summary>Checks that the row an optional or required id names exists (<c>NOT_FOUND</c> otherwise).</summary>
    public async Task<TEntity> ExistingAsync<TEntity>(string field, int id)
        where TEntity : Entity =>
        await scope.Read<TEntity>(Db).FirstOrDefaultAsync(e => e.Id == id)
            ?? throw MutationErrors.NotFound(field, typeof(TEntity).Name, input[field]!.ToString()!);

    /// <summary>The 行政区划 code of the county <paramref name="region"/> lies in (itself, if it is one); null above county level.</summary>
    public async Task<string?> CountyCodeAsync(Region region)
    {
        var ancestors = region.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(id => int.Parse(id, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return await scope.Read<Region>(Db).Where(r => ancestors.Contains(r.Id) && r.Level == RegionLevel.County)
            .Select(r => r.Code).FirstOrDefaultAsync();
    }

    /// <summary><c>DUPLICATE</c> when a row already matches (the unique index is the last word; this gives the clear message).</summary>
    /// <remarks>Deliberately unscoped: codes and keys are unique across counties, as the index is.</remarks>
    public async Task RequireUniqueAsync<TEntity>(Expression<Func<TEntity, bool>> match, string field, string message)
        where TEntity : Entity
    {
        if (await Db.Set<TEntity>().AnyAsync(match)) // scope-exempt: uniqueness is global
        {
            throw MutationErrors.Duplicate(field, message);
        }
    }

    public static ExecutionError Invalid(string field, string message) => MutationErrors.InvalidInput(field, message);
}
