using System.Collections;
using System.Data.Common;

namespace Analytics.Api.Tests.SqlServerSql;

/// <summary>
/// The one row, one column a server returns for <c>SELECT COUNT(*)</c>, <c>SUM</c>, <c>MIN</c>, <c>MAX</c>: the given
/// number, read as whatever type EF asks for (an empty reader would make EF fail with "sequence contains no elements").
/// </summary>
internal sealed class SingleValueReader(int value) : DbDataReader
{
    private int _position = -1;

    public override int FieldCount => 1;

    public override int RecordsAffected => -1;

    public override bool HasRows => true;

    public override bool IsClosed => _position > 0;

    public override int Depth => 0;

    public override object this[int ordinal] => value;

    public override object this[string name] => value;

    public override bool Read() => ++_position == 0;

    public override bool NextResult() => false;

    public override bool IsDBNull(int ordinal) => false;

    public override object GetValue(int ordinal) => value;

    public override int GetValues(object[] values)
    {
        values[0] = value;
        return 1;
    }

    public override T GetFieldValue<T>(int ordinal) =>
        typeof(T) == typeof(DateTimeOffset) || typeof(T) == typeof(DateOnly) || typeof(T) == typeof(DateTime)
            ? default!
            : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);

    public override bool GetBoolean(int ordinal) => value != 0;

    public override byte GetByte(int ordinal) => (byte)value;

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => 0;

    public override char GetChar(int ordinal) => '\0';

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => 0;

    public override string GetDataTypeName(int ordinal) => "int";

    public override DateTime GetDateTime(int ordinal) => default;

    public override decimal GetDecimal(int ordinal) => value;

    public override double GetDouble(int ordinal) => value;

    public override Type GetFieldType(int ordinal) => typeof(int);

    public override float GetFloat(int ordinal) => value;

    public override Guid GetGuid(int ordinal) => Guid.Empty;

    public override short GetInt16(int ordinal) => (short)value;

    public override int GetInt32(int ordinal) => value;

    public override long GetInt64(int ordinal) => value;

    public override string GetName(int ordinal) => "value";

    public override int GetOrdinal(string name) => 0;

    public override string GetString(int ordinal) => "";

    public override IEnumerator GetEnumerator() => new DbEnumerator(this);
}
