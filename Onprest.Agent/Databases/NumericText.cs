using System.Globalization;

namespace Onprest.Agent.Databases;

/// <summary>The text grammars of docs/agent-params.md (text → integer/number/boolean, exact decimal → integer).</summary>
public static class NumericText
{
    /// <summary>A base-10 int64 literal: optional sign, ASCII digits only (<c>7</c>, <c>+7</c>, <c>-7</c>).</summary>
    public static bool TryParseInteger(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        var digits = text is ['+' or '-', ..] ? text[1..] : text;
        if (digits.IsEmpty || !IsAsciiDigits(digits))
        {
            return false;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A finite decimal literal: <c>12.5</c>, <c>-1e3</c>, <c>.5</c>, <c>5.</c> (no hex, no words, no spaces).</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        var i = 0;
        if (i < text.Length && text[i] is '+' or '-')
        {
            i++;
        }

        var integerDigits = CountDigits(text, ref i);
        var fractionDigits = 0;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            fractionDigits = CountDigits(text, ref i);
        }

        if (integerDigits + fractionDigits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            if (CountDigits(text, ref i) == 0)
            {
                return false;
            }
        }

        if (i != text.Length)
        {
            return false;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary> text → boolean: exactly the twelve spellings.</summary>
    public static bool TryParseBoolean(string text, out bool value)
    {
        switch (text)
        {
            case "1" or "t" or "T" or "TRUE" or "true" or "True":
                value = true;
                return true;
            case "0" or "f" or "F" or "FALSE" or "false" or "False":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>Exact decimal text → int64 when integral (<c>12.00</c> → 12) and in range.</summary>
    public static bool TryDecimalToInteger(string text, out long value)
    {
        value = 0;
        var span = text.AsSpan();
        var dot = span.IndexOf('.');
        var integerPart = dot < 0 ? span : span[..dot];
        if (dot >= 0)
        {
            var fraction = span[(dot + 1)..];
            if (!IsAsciiDigits(fraction) || fraction.ContainsAnyExcept('0'))
            {
                return false;
            }
        }

        if (integerPart is ['-' or '+'] || integerPart.IsEmpty)
        {
            return false;
        }

        return TryParseInteger(integerPart, out value);
    }

    /// <summary>Exact decimal text → nearest double, finite.</summary>
    public static bool TryDecimalToDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static int CountDigits(ReadOnlySpan<char> text, ref int index)
    {
        var start = index;
        while (index < text.Length && char.IsAsciiDigit(text[index]))
        {
            index++;
        }

        return index - start;
    }

    private static bool IsAsciiDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
