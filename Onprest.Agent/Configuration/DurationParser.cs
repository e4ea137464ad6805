namespace Onprest.Agent.Configuration;

/// <summary>
/// Duration strings of docs/capability-yaml.md (<c>policy.timeout</c>, <c>rate_limit.per</c>): an optional sign,
/// then one or more <c>&lt;number&gt;&lt;unit&gt;</c> parts; the total must fit a signed 64-bit nanosecond count.
/// </summary>
internal static class DurationParser
{
    private const ulong Limit = 1UL << 63;

    /// <summary>Parses a duration into nanoseconds; false for malformed or out-of-range text.</summary>
    public static bool TryParse(string? text, out long nanoseconds)
    {
        nanoseconds = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var s = text.AsSpan();
        var negative = false;
        if (s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s is "0")
        {
            return true;
        }

        if (s.IsEmpty)
        {
            return false;
        }

        ulong total = 0;
        while (!s.IsEmpty)
        {
            if (!TryParsePart(ref s, out var part) || part > Limit - total)
            {
                return false;
            }

            total += part;
        }

        if (negative)
        {
            nanoseconds = total == Limit ? long.MinValue : -(long)total;
            return true;
        }

        if (total >= Limit)
        {
            return false;
        }

        nanoseconds = (long)total;
        return true;
    }

    private static bool TryParsePart(ref ReadOnlySpan<char> s, out ulong value)
    {
        value = 0;
        if (!(s[0] == '.' || char.IsAsciiDigit(s[0])))
        {
            return false;
        }

        var integerDigits = 0;
        ulong whole = 0;
        while (integerDigits < s.Length && char.IsAsciiDigit(s[integerDigits]))
        {
            if (whole > Limit / 10)
            {
                return false;
            }

            whole = (whole * 10) + (ulong)(s[integerDigits] - '0');
            if (whole > Limit)
            {
                return false;
            }

            integerDigits++;
        }

        s = s[integerDigits..];
        ulong fraction = 0;
        double scale = 1;
        var fractionDigits = 0;
        if (!s.IsEmpty && s[0] == '.')
        {
            s = s[1..];
            var overflowed = false;
            while (fractionDigits < s.Length && char.IsAsciiDigit(s[fractionDigits]))
            {
                // Digits beyond what a 63-bit accumulator holds cannot change the nanosecond result.
                if (!overflowed && fraction <= (Limit - 9) / 10)
                {
                    fraction = (fraction * 10) + (ulong)(s[fractionDigits] - '0');
                    scale *= 10;
                }
                else
                {
                    overflowed = true;
                }

                fractionDigits++;
            }

            s = s[fractionDigits..];
        }

        if (integerDigits == 0 && fractionDigits == 0)
        {
            return false;
        }

        var unitLength = 0;
        while (unitLength < s.Length && s[unitLength] != '.' && !char.IsAsciiDigit(s[unitLength]))
        {
            unitLength++;
        }

        if (!TryUnit(s[..unitLength], out var unit))
        {
            return false;
        }

        s = s[unitLength..];
        if (whole > Limit / unit)
        {
            return false;
        }

        value = whole * unit;
        if (fraction > 0)
        {
            value += (ulong)(fraction * (unit / scale));
            if (value > Limit)
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryUnit(ReadOnlySpan<char> unit, out ulong nanoseconds)
    {
        nanoseconds = unit switch
        {
            "ns" => 1UL,
            "us" or "\u00B5s" or "\u03BCs" => 1_000UL,
            "ms" => 1_000_000UL,
            "s" => 1_000_000_000UL,
            "m" => 60UL * 1_000_000_000,
            "h" => 3_600UL * 1_000_000_000,
            _ => 0UL,
        };
        return nanoseconds != 0;
    }
}
