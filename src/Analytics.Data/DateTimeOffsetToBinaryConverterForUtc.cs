using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Analytics.Data;

/// <summary>
/// Stores a UTC <see cref="DateTimeOffset"/> as its tick count, so SQLite can order and compare it.
/// Values with another offset are normalised to UTC first, so the order of stored values is the order of instants.
/// </summary>
public sealed class DateTimeOffsetToBinaryConverterForUtc()
    : ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
