using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Analytics.Data;

/// <summary>
/// Stores yuan as whole fen (分, 1/100 yuan) in SQLite, which has no decimal type: EF would otherwise store text, and
/// text compares and sums wrongly in SQL ("99999.00" &gt; "100000.00"). Amounts here have at most two decimals
/// (decimal(18,2) on SQL Server); a third decimal would be rounded half to even.
/// </summary>
public sealed class DecimalToFenConverter()
    : ValueConverter<decimal, long>(
        yuan => (long)decimal.Round(yuan * 100m, MidpointRounding.ToEven),
        fen => fen / 100m);
