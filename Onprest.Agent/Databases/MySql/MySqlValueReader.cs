using System.Buffers.Binary;
using System.Globalization;
using MySqlConnector;

namespace Onprest.Agent.Databases.MySql;

/// <summary>Reads MySQL/MariaDB values by column type (docs/agent-params.md).</summary>
public static class MySqlValueReader
{
    public static SourceValue Read(MySqlDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return SourceValue.Null;
        }

        var typeName = reader.GetDataTypeName(ordinal).ToUpperInvariant();
        switch (typeName)
        {
            case "DECIMAL" or "NEWDECIMAL":
                return SourceValue.FromDecimalText(reader.GetMySqlDecimal(ordinal).ToString());
            case "BIT":
                return SourceValue.FromBinary(BitBytes(reader.GetValue(ordinal)));
            case "JSON" or "ENUM" or "SET":
                return SourceValue.FromText(reader.GetString(ordinal));
        }

        var value = reader.GetValue(ordinal);
        return value switch
        {
            MySqlDateTime date => SourceValue.FromDateTimeText(DateText(date, typeName is "DATE" or "NEWDATE")),
            DateTime clock => SourceValue.FromDateTimeText(typeName is "DATE" or "NEWDATE"
                ? TemporalText.Date(clock.Year, clock.Month, clock.Day)
                : TemporalText.WallClock(clock)),
            TimeSpan time => SourceValue.FromDateTimeText(TemporalText.Duration(time)),
            sbyte or short or int or long => SourceValue.FromSigned(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
            byte or ushort or uint or ulong => SourceValue.FromUnsigned(Convert.ToUInt64(value, CultureInfo.InvariantCulture)),
            // FLOAT is single precision: its shortest text is what MySQL shows and what the caller expects.
            float single => SourceValue.FromFloat(double.Parse(single.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)),
            double number => SourceValue.FromFloat(number),
            decimal exact => SourceValue.FromDecimalText(exact.ToString(CultureInfo.InvariantCulture)),
            string text => SourceValue.FromText(text),
            byte[] bytes => SourceValue.FromBinary(bytes),
            bool flag => SourceValue.FromBinary([flag ? (byte)1 : (byte)0]),
            Guid uuid => SourceValue.FromText(uuid.ToString("D")),
            _ => SourceValue.FromOther(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
        };
    }

    /// <summary>Zero dates (<c>0000-00-00</c>) are kept as written; other dates use the normal forms.</summary>
    public static string DateText(MySqlDateTime value, bool dateOnly)
    {
        if (dateOnly)
        {
            return TemporalText.Date(value.Year, value.Month, value.Day);
        }

        return TemporalText.Timestamp(value.Year, value.Month, value.Day, value.Hour, value.Minute, value.Second, value.Microsecond * 10L);
    }

    /// <summary><c>BIT(n)</c> arrives as an integer; its bytes are the big-endian value without leading zero bytes (at least one byte).</summary>
    public static byte[] BitBytes(object value)
    {
        if (value is byte[] raw)
        {
            return raw;
        }

        var number = Convert.ToUInt64(value, CultureInfo.InvariantCulture);
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(buffer, number);
        var start = 0;
        while (start < 7 && buffer[start] == 0)
        {
            start++;
        }

        return buffer[start..].ToArray();
    }
}
