using Microsoft.Data.Sqlite;

namespace Onprest.Agent.Databases.Sqlite;

/// <summary>SQLite values by the storage class of each value (docs/agent-params.md); dates are TEXT and pass unchanged.</summary>
public static class SqliteValueReader
{
    public static SourceValue Read(SqliteDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return SourceValue.Null;
        }

        // GetFieldType reflects the current value's storage class (sqlite3_column_type), not the declared column type.
        var storage = reader.GetFieldType(ordinal);
        if (storage == typeof(long))
        {
            return SourceValue.FromSigned(reader.GetInt64(ordinal));
        }

        if (storage == typeof(double))
        {
            return SourceValue.FromFloat(reader.GetDouble(ordinal));
        }

        if (storage == typeof(byte[]))
        {
            return SourceValue.FromBinary((byte[])reader.GetValue(ordinal));
        }

        return SourceValue.FromText(reader.GetString(ordinal));
    }
}
