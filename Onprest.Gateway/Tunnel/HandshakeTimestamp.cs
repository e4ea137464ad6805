using System.Globalization;
using System.Text.RegularExpressions;

namespace Onprest.Gateway.Tunnel;

/// <summary>RFC 3339 date-time parsing and the freshness window of docs/tunnel-protocol.md step 3.</summary>
internal static partial class HandshakeTimestamp
{
    // [0-9] and \z, not \d and $: \d matches every Unicode digit and $ matches before a final line feed.
    [GeneratedRegex(@"\A([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();

    /// <summary>Parses an RFC 3339 <c>date-time</c> (any offset, fraction up to 9 digits; leap seconds refused).</summary>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        var match = Rfc3339().Match(text);
        if (!match.Success)
        {
            return false;
        }

        int Part(int group) => int.Parse(match.Groups[group].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
        var (year, month, day, hour, minute, second) = (Part(1), Part(2), Part(3), Part(4), Part(5), Part(6));
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var offset = TimeSpan.Zero;
        var zone = match.Groups[8].ValueSpan;
        if (zone.Length == 6)
        {
            var offsetHours = int.Parse(zone.Slice(1, 2), NumberStyles.None, CultureInfo.InvariantCulture);
            var offsetMinutes = int.Parse(zone.Slice(4, 2), NumberStyles.None, CultureInfo.InvariantCulture);
            if (offsetHours > 23 || offsetMinutes > 59)
            {
                return false;
            }

            offset = new TimeSpan(offsetHours, offsetMinutes, 0) * (zone[0] == '-' ? -1 : 1);
        }

        long fractionTicks = 0;
        if (match.Groups[7].Success)
        {
            // Ticks are 100 ns: digits beyond the seventh are dropped (truncation keeps the window check conservative).
            var digits = match.Groups[7].ValueSpan[1..];
            var seven = digits.Length > 7 ? digits[..7] : digits;
            fractionTicks = long.Parse(seven, NumberStyles.None, CultureInfo.InvariantCulture);
            for (var i = seven.Length; i < 7; i++)
            {
                fractionTicks *= 10;
            }
        }

        try
        {
            value = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(fractionTicks);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>True when <c>now − timestamp</c> lies in [−maxFutureSkew, +maxAge], both edges inclusive.</summary>
    public static bool IsFresh(DateTimeOffset timestamp, DateTimeOffset now, TimeSpan maxFutureSkew, TimeSpan maxAge)
    {
        var age = now - timestamp;
        return age >= -maxFutureSkew && age <= maxAge;
    }
}
