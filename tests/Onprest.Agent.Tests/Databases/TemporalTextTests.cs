using Onprest.Agent.Databases;

namespace Onprest.Agent.Tests.Databases;

public sealed class TemporalTextTests
{
    [Fact]
    public void Date_is_zero_padded()
    {
        Assert.Equal("2026-05-04", TemporalText.Date(2026, 5, 4));
        Assert.Equal("0000-00-00", TemporalText.Date(0, 0, 0));
    }

    [Theory]
    [InlineData(0L, "2026-05-04T12:00:00Z")]
    [InlineData(5_000_000L, "2026-05-04T12:00:00.5Z")]
    [InlineData(1_234_560L, "2026-05-04T12:00:00.123456Z")]
    [InlineData(1L, "2026-05-04T12:00:00.0000001Z")]
    public void Timestamp_trims_fraction(long ticks, string expected)
    {
        Assert.Equal(expected, TemporalText.Timestamp(2026, 5, 4, 12, 0, 0, ticks));
    }

    [Fact]
    public void Wall_clock_ignores_kind()
    {
        Assert.Equal("2026-05-04T12:00:00Z", TemporalText.WallClock(new DateTime(2026, 5, 4, 12, 0, 0, DateTimeKind.Local)));
    }

    [Theory]
    [InlineData(2, "2026-05-04T12:00:00+02:00")]
    [InlineData(0, "2026-05-04T12:00:00Z")]
    [InlineData(-5, "2026-05-04T12:00:00-05:00")]
    public void Offset_values_keep_their_offset(int hours, string expected)
    {
        Assert.Equal(expected, TemporalText.WithOffset(new DateTimeOffset(2026, 5, 4, 12, 0, 0, TimeSpan.FromHours(hours))));
    }

    [Fact]
    public void Offset_with_minutes()
    {
        Assert.Equal("+05:30", TemporalText.Offset(new TimeSpan(5, 30, 0), zeroAsZ: true));
        Assert.Equal("+00:00", TemporalText.Offset(TimeSpan.Zero, zeroAsZ: false));
    }

    [Theory]
    [InlineData("12:00:00", "12:00:00")]
    [InlineData("12:00:00.1234560", "12:00:00.123456")]
    [InlineData("-838:59:59", "-838:59:59")]
    [InlineData("838:59:59", "838:59:59")]
    [InlineData("1.00:00:00", "24:00:00")]
    [InlineData("-00:00:01", "-00:00:01")]
    public void Durations(string value, string expected)
    {
        var span = value.StartsWith('-') ? -ParseHours(value[1..]) : ParseHours(value);
        Assert.Equal(expected, TemporalText.Duration(span));
    }

    private static TimeSpan ParseHours(string text)
    {
        var parts = text.Split(':');
        if (parts.Length == 3 && !parts[0].Contains('.'))
        {
            var seconds = double.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
            return TimeSpan.FromHours(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture))
                + TimeSpan.FromMinutes(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture))
                + TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        }

        return TimeSpan.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
    }
}
