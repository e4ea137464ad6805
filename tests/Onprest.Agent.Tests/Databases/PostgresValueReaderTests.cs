using Onprest.Agent.Databases;
using Onprest.Agent.Databases.Postgres;

namespace Onprest.Agent.Tests.Databases;

public sealed class PostgresValueReaderTests
{
    [Theory]
    [InlineData("2026-05-04 12:00:00", false, "2026-05-04T12:00:00Z")]
    [InlineData("2026-05-04 12:00:00.5", false, "2026-05-04T12:00:00.5Z")]
    [InlineData("2026-05-04 10:00:00+00", true, "2026-05-04T10:00:00Z")]
    [InlineData("2026-05-04 10:00:00.123456+00", true, "2026-05-04T10:00:00.123456Z")]
    [InlineData("infinity", false, "infinity")]
    [InlineData("-infinity", true, "-infinity")]
    [InlineData("0044-03-15 12:00:00 BC", false, "0044-03-15 12:00:00 BC")]
    [InlineData("10000-01-01 00:00:00", false, "10000-01-01 00:00:00")]
    public void Timestamps(string text, bool zoned, string expected)
    {
        Assert.Equal(expected, PostgresValueReader.TimestampText(text, zoned));
    }

    [Theory]
    [InlineData("12:00:00+02", "12:00:00+02:00")]
    [InlineData("12:00:00-05", "12:00:00-05:00")]
    [InlineData("12:00:00+05:30", "12:00:00+05:30")]
    [InlineData("12:00:00.25+00", "12:00:00.25+00:00")]
    public void Time_with_zone(string text, string expected)
    {
        Assert.Equal(expected, PostgresValueReader.TimeTzText(text));
    }

    [Theory]
    [InlineData("$1,234.50", "1234.50")]
    [InlineData("-$1,234.50", "-1234.50")]
    [InlineData("($5.00)", "-5.00")]
    public void Money(string text, string expected)
    {
        Assert.Equal(expected, PostgresValueReader.MoneyText(text));
    }

    [Theory]
    [InlineData(20u, "9223372036854775807", SourceCategory.SignedInteger)]
    [InlineData(700u, "1.5", SourceCategory.FloatingPoint)]
    [InlineData(701u, "NaN", SourceCategory.FloatingPoint)]
    [InlineData(1700u, "12.50", SourceCategory.ExactDecimal)]
    [InlineData(16u, "t", SourceCategory.Boolean)]
    [InlineData(25u, "x", SourceCategory.Text)]
    [InlineData(3802u, "{\"a\": 1}", SourceCategory.Text)]
    [InlineData(17u, "\\x6869", SourceCategory.Binary)]
    [InlineData(1082u, "2026-05-04", SourceCategory.DateTime)]
    [InlineData(2950u, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", SourceCategory.Uuid)]
    [InlineData(1186u, "1 day 02:00:00", SourceCategory.Other)]
    [InlineData(869u, "192.168.0.1", SourceCategory.Other)]
    public void Categories_by_oid(uint oid, string text, SourceCategory expected)
    {
        Assert.Equal(expected, PostgresValueReader.Classify(oid, text).Category);
    }

    [Fact]
    public void Bytea_hex_is_decoded()
    {
        Assert.Equal("hi"u8.ToArray(), PostgresValueReader.ByteaText("\\x6869"));
    }
}
