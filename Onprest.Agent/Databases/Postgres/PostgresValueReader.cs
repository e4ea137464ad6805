using System.Globalization;
using Npgsql;
using Npgsql.PostgresTypes;

namespace Onprest.Agent.Databases.Postgres;

/// <summary>
/// Reads PostgreSQL values from text-format results and classifies them by type OID (docs/agent-params.md,
///). The session runs with <c>DateStyle=ISO</c>, <c>TimeZone=UTC</c> and <c>extra_float_digits=3</c>, so the
/// text is exact: numerics keep their scale, floats round-trip, <c>timestamptz</c> is the UTC instant.
/// </summary>
public static class PostgresValueReader
{
    public static SourceValue Read(NpgsqlDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return SourceValue.Null;
        }

        var text = reader.GetString(ordinal);
        var oid = reader.GetDataTypeOID(ordinal);
        return Classify(oid, text, () => reader.GetPostgresType(ordinal));
    }

    /// <summary>Classifies the text form of a value of type <paramref name="oid"/>; <paramref name="type"/> resolves user-defined types.</summary>
    public static SourceValue Classify(uint oid, string text, Func<PostgresType?>? type = null)
    {
        switch (oid)
        {
            case PgOid.Int2 or PgOid.Int4 or PgOid.Int8 or PgOid.Oid:
                return SourceValue.FromSigned(long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            case PgOid.Float4 or PgOid.Float8:
                return SourceValue.FromFloat(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
            case PgOid.Numeric:
                return SourceValue.FromDecimalText(text);
            case PgOid.Money:
                return SourceValue.FromDecimalText(MoneyText(text));
            case PgOid.Bool:
                return SourceValue.FromBoolean(text == "t");
            case PgOid.Text or PgOid.Varchar or PgOid.Bpchar or PgOid.Char or PgOid.Name or PgOid.Json or PgOid.Jsonb or PgOid.Xml:
                return SourceValue.FromText(text);
            case PgOid.Bytea:
                return SourceValue.FromBinary(ByteaText(text));
            case PgOid.Date:
                return SourceValue.FromDateTimeText(text);
            case PgOid.Timestamp:
                return SourceValue.FromDateTimeText(TimestampText(text, zoned: false));
            case PgOid.Timestamptz:
                return SourceValue.FromDateTimeText(TimestampText(text, zoned: true));
            case PgOid.Time:
                return SourceValue.FromDateTimeText(text);
            case PgOid.Timetz:
                return SourceValue.FromDateTimeText(TimeTzText(text));
            case PgOid.Uuid:
                return new SourceValue(SourceCategory.Uuid, Text: text.ToLowerInvariant());
        }

        var resolved = type?.Invoke();
        if (resolved is PostgresEnumType || resolved?.Name == "citext" || resolved is PostgresDomainType { BaseType: { } } domain && IsTextOid(domain.BaseType.OID))
        {
            return SourceValue.FromText(text);
        }

        return SourceValue.FromOther(text);
    }

    /// <summary><c>2026-05-04 12:00:00.5</c> → <c>2026-05-04T12:00:00.5Z</c>; <c>timestamptz</c> in UTC carries <c>+00</c>, dropped. Infinity, BC and years past 9999 keep PostgreSQL's text.</summary>
    public static string TimestampText(string text, bool zoned)
    {
        if (text.Length < 19 || text[4] != '-' || text[10] != ' ' || text.EndsWith(" BC", StringComparison.Ordinal))
        {
            return text;
        }

        var clock = text;
        if (zoned)
        {
            if (!clock.EndsWith("+00", StringComparison.Ordinal))
            {
                return text;
            }

            clock = clock[..^3];
        }

        return string.Concat(clock.AsSpan(0, 10), "T", clock.AsSpan(11), "Z");
    }

    /// <summary><c>12:00:00+02</c> → <c>12:00:00+02:00</c> (docs/agent-params.md).</summary>
    public static string TimeTzText(string text)
    {
        var sign = text.LastIndexOfAny(['+', '-']);
        if (sign < 0)
        {
            return text;
        }

        var offset = text[(sign + 1)..];
        return offset.Length == 2 ? $"{text[..sign]}{text[sign]}{offset}:00" : text;
    }

    /// <summary><c>bytea</c> hex output (<c>\x48656c6c6f</c>) → bytes.</summary>
    public static byte[] ByteaText(string text) =>
        text.StartsWith("\\x", StringComparison.Ordinal) ? Convert.FromHexString(text.AsSpan(2)) : System.Text.Encoding.UTF8.GetBytes(text);

    /// <summary><c>money</c> output is locale-formatted (<c>-$1,234.50</c>); the exact decimal keeps sign, digits and point.</summary>
    public static string MoneyText(string text)
    {
        var negative = text.Contains('-', StringComparison.Ordinal) || text.Contains('(', StringComparison.Ordinal);
        var digits = new System.Text.StringBuilder(text.Length);
        if (negative)
        {
            digits.Append('-');
        }

        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c) || c == '.')
            {
                digits.Append(c);
            }
        }

        return digits.ToString();
    }

    private static bool IsTextOid(uint oid) => oid is PgOid.Text or PgOid.Varchar or PgOid.Bpchar;
}
