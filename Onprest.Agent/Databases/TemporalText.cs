using System.Globalization;
using System.Text;

namespace Onprest.Agent.Databases;

/// <summary>The date/time output forms of docs/agent-params.md.</summary>
public static class TemporalText
{
    /// <summary><c>YYYY-MM-DD</c>.</summary>
    public static string Date(int year, int month, int day) =>
        string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}-{day:D2}");

    /// <summary>Wall-clock value with <c>Z</c>: <c>2026-05-04T12:00:00.5Z</c>; <paramref name="fractionTicks"/> in 100 ns units.</summary>
    public static string Timestamp(int year, int month, int day, int hour, int minute, int second, long fractionTicks, string suffix = "Z") =>
        Date(year, month, day) + "T" + Time(hour, minute, second, fractionTicks) + suffix;

    /// <summary><c>HH:MM:SS</c> plus the trimmed fraction.</summary>
    public static string Time(int hour, int minute, int second, long fractionTicks) =>
        string.Create(CultureInfo.InvariantCulture, $"{hour:D2}:{minute:D2}:{second:D2}") + Fraction(fractionTicks);

    /// <summary>A <see cref="DateTime"/> as wall-clock time marked <c>Z</c> (its kind is ignored).</summary>
    public static string WallClock(DateTime value) =>
        Timestamp(value.Year, value.Month, value.Day, value.Hour, value.Minute, value.Second, value.Ticks % TimeSpan.TicksPerSecond);

    /// <summary>The stored offset, <c>Z</c> when it is zero (SQL Server <c>datetimeoffset</c>).</summary>
    public static string WithOffset(DateTimeOffset value)
    {
        var clock = value.DateTime;
        return Timestamp(clock.Year, clock.Month, clock.Day, clock.Hour, clock.Minute, clock.Second, clock.Ticks % TimeSpan.TicksPerSecond, Offset(value.Offset, zeroAsZ: true));
    }

    /// <summary><c>±HH:MM</c>, or <c>Z</c> for zero when <paramref name="zeroAsZ"/>.</summary>
    public static string Offset(TimeSpan offset, bool zeroAsZ)
    {
        if (offset == TimeSpan.Zero && zeroAsZ)
        {
            return "Z";
        }

        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var magnitude = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{(int)magnitude.TotalHours:D2}:{magnitude.Minutes:D2}");
    }

    /// <summary>
    /// A time of day (<c>12:00:00</c>) or, outside one day, the signed duration form <c>[-]H…H:MM:SS</c> used for
    /// MySQL <c>TIME</c> (<c>-838:59:59</c>).
    /// </summary>
    public static string Duration(TimeSpan value)
    {
        if (value >= TimeSpan.Zero && value < TimeSpan.FromDays(1))
        {
            return Time(value.Hours, value.Minutes, value.Seconds, value.Ticks % TimeSpan.TicksPerSecond);
        }

        var magnitude = value.Duration();
        var text = new StringBuilder();
        if (value < TimeSpan.Zero)
        {
            text.Append('-');
        }

        text.Append(((long)magnitude.TotalHours).ToString("D2", CultureInfo.InvariantCulture))
            .Append(':').Append(magnitude.Minutes.ToString("D2", CultureInfo.InvariantCulture))
            .Append(':').Append(magnitude.Seconds.ToString("D2", CultureInfo.InvariantCulture))
            .Append(Fraction(magnitude.Ticks % TimeSpan.TicksPerSecond));
        return text.ToString();
    }

    /// <summary><c>.</c> plus up to 7 digits with trailing zeros removed; empty when zero.</summary>
    public static string Fraction(long ticks)
    {
        if (ticks == 0)
        {
            return "";
        }

        return "." + ticks.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0');
    }
}
