namespace Onprest.Agent.Capabilities.Params;

/// <summary>
/// <c>format: date</c> and <c>format: date-time</c> (docs/agent-params.md): RFC 3339 <c>full-date</c> and
/// <c>date-time</c> with upper-case <c>T</c> and <c>Z</c>, no leap second, real dates of the proleptic
/// Gregorian calendar (years 0000–9999).
/// </summary>
internal static class DateFormats
{
    public static bool IsDate(string value) => value.Length == 10 && IsFullDate(value, 0);

    public static bool IsDateTime(string value)
    {
        // YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM)
        if (value.Length < 20 || !IsFullDate(value, 0) || value[10] != 'T')
        {
            return false;
        }

        if (!TwoDigits(value, 11, 23, out _) || value[13] != ':' || !TwoDigits(value, 14, 59, out _)
            || value[16] != ':' || !TwoDigits(value, 17, 59, out _))
        {
            return false;
        }

        var pos = 19;
        if (value[pos] == '.')
        {
            var start = ++pos;
            while (pos < value.Length && char.IsAsciiDigit(value[pos]))
            {
                pos++;
            }

            var digits = pos - start;
            if (digits is < 1 or > 9)
            {
                return false;
            }
        }

        if (pos == value.Length - 1)
        {
            return value[pos] == 'Z';
        }

        return pos == value.Length - 6
            && value[pos] is '+' or '-'
            && TwoDigits(value, pos + 1, 23, out _)
            && value[pos + 3] == ':'
            && TwoDigits(value, pos + 4, 59, out _);
    }

    private static bool IsFullDate(string value, int at)
    {
        if (!FourDigits(value, at, out var year) || value[at + 4] != '-' || value[at + 7] != '-'
            || !TwoDigits(value, at + 5, 12, out var month) || !TwoDigits(value, at + 8, 31, out var day))
        {
            return false;
        }

        return month >= 1 && day >= 1 && day <= DaysInMonth(year, month);
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => IsLeapYear(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    // Proleptic Gregorian: year 0000 is a leap year (divisible by 400).
    private static bool IsLeapYear(int year) => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

    private static bool FourDigits(string value, int at, out int number)
    {
        number = 0;
        for (var i = at; i < at + 4; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }

            number = number * 10 + (value[i] - '0');
        }

        return true;
    }

    private static bool TwoDigits(string value, int at, int max, out int number)
    {
        number = 0;
        if (at + 2 > value.Length || !char.IsAsciiDigit(value[at]) || !char.IsAsciiDigit(value[at + 1]))
        {
            return false;
        }

        number = (value[at] - '0') * 10 + (value[at + 1] - '0');
        return number <= max;
    }
}
