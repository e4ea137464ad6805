using System.Globalization;
using Microsoft.Data.SqlClient;

namespace Onprest.Agent.Databases.SqlServer;

/// <summary>Reads SQL Server values by column type name (docs/agent-params.md).</summary>
public static class SqlServerValueReader
{
    public static SourceValue Read(SqlDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return SourceValue.Null;
        }

        var typeName = reader.GetDataTypeName(ordinal).ToLowerInvariant();
        return typeName switch
        {
            "tinyint" => SourceValue.FromSigned(reader.GetByte(ordinal)),
            "smallint" => SourceValue.FromSigned(reader.GetInt16(ordinal)),
            "int" => SourceValue.FromSigned(reader.GetInt32(ordinal)),
            "bigint" => SourceValue.FromSigned(reader.GetInt64(ordinal)),
            "real" => SourceValue.FromFloat(double.Parse(reader.GetFloat(ordinal).ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)),
            "float" => SourceValue.FromFloat(reader.GetDouble(ordinal)),
            // SqlDecimal keeps all 38 digits and the column scale; System.Decimal would round beyond 28.
            "decimal" or "numeric" => SourceValue.FromDecimalText(reader.GetSqlDecimal(ordinal).ToString()),
            "money" or "smallmoney" => SourceValue.FromDecimalText(reader.GetSqlMoney(ordinal).Value.ToString("0.0000", CultureInfo.InvariantCulture)),
            "bit" => SourceValue.FromBoolean(reader.GetBoolean(ordinal)),
            "char" or "varchar" or "nchar" or "nvarchar" or "text" or "ntext" or "xml" => SourceValue.FromText(reader.GetString(ordinal)),
            "binary" or "varbinary" or "image" or "timestamp" or "rowversion" => SourceValue.FromBinary((byte[])reader.GetValue(ordinal)),
            "date" => SourceValue.FromDateTimeText(DateText(reader.GetDateTime(ordinal))),
            "datetime" or "datetime2" or "smalldatetime" => SourceValue.FromDateTimeText(TemporalText.WallClock(reader.GetDateTime(ordinal))),
            "datetimeoffset" => SourceValue.FromDateTimeText(TemporalText.WithOffset(reader.GetDateTimeOffset(ordinal))),
            "time" => SourceValue.FromDateTimeText(TemporalText.Duration(reader.GetTimeSpan(ordinal))),
            "uniqueidentifier" => SourceValue.FromUuid(reader.GetGuid(ordinal)),
            "sql_variant" => FromVariant(reader.GetValue(ordinal)),
            _ => SourceValue.FromOther(Convert.ToString(reader.GetValue(ordinal), CultureInfo.InvariantCulture) ?? ""),
        };
    }

    /// <summary><c>sql_variant</c> is classified by its base type.</summary>
    public static SourceValue FromVariant(object value) => value switch
    {
        byte b => SourceValue.FromSigned(b),
        short s => SourceValue.FromSigned(s),
        int i => SourceValue.FromSigned(i),
        long l => SourceValue.FromSigned(l),
        float f => SourceValue.FromFloat(double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)),
        double d => SourceValue.FromFloat(d),
        decimal m => SourceValue.FromDecimalText(m.ToString(CultureInfo.InvariantCulture)),
        bool flag => SourceValue.FromBoolean(flag),
        string text => SourceValue.FromText(text),
        byte[] bytes => SourceValue.FromBinary(bytes),
        DateTime clock => SourceValue.FromDateTimeText(TemporalText.WallClock(clock)),
        DateTimeOffset zoned => SourceValue.FromDateTimeText(TemporalText.WithOffset(zoned)),
        TimeSpan time => SourceValue.FromDateTimeText(TemporalText.Duration(time)),
        Guid uuid => SourceValue.FromUuid(uuid),
        _ => SourceValue.FromOther(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    private static string DateText(DateTime value) => TemporalText.Date(value.Year, value.Month, value.Day);
}
