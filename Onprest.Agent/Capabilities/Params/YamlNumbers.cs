using System.Globalization;
using System.Numerics;

namespace Onprest.Agent.Capabilities.Params;

/// <summary>
/// Reads the text of a YAML integer or float scalar (docs/capability-yaml.md): decimal with optional sign,
/// <c>0x</c> hexadecimal, <c>0o</c> octal (and the YAML 1.1 <c>0b</c> binary and <c>_</c> digit separators,
/// in case the loader resolves them), floats including <c>.inf</c>/<c>.nan</c> spellings.
/// </summary>
internal static class YamlNumbers
{
    public static bool TryParseInteger(string text, out BigInteger value)
    {
        value = BigInteger.Zero;
        var s = text.Replace("_", "", StringComparison.Ordinal);
        var negative = false;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s.Length == 0)
        {
            return false;
        }

        var radix = 10;
        if (s.Length > 2 && s[0] == '0' && s[1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        {
            radix = s[1] switch
            {
                'x' or 'X' => 16,
                'o' or 'O' => 8,
                _ => 2,
            };
            s = s[2..];
        }

        foreach (var c in s)
        {
            if (DigitValue(c) >= radix)
            {
                return false;
            }
        }

        // A file may hold a million digits: beyond double range the exact value is irrelevant (it is no int64
        // and no finite double), so it is replaced by a value just as far out of range instead of being built
        // digit by digit in quadratic time.
        var significant = s.TrimStart('0');
        if (significant.Length > MaxSignificantDigits(radix))
        {
            value = OutOfRange;
        }
        else
        {
            foreach (var c in significant)
            {
                value = value * radix + DigitValue(c);
            }
        }

        if (negative)
        {
            value = -value;
        }

        return true;
    }

    // 2^1100 exceeds both int64 and the largest finite double (about 2^1024).
    private static readonly BigInteger OutOfRange = BigInteger.Pow(2, 1100);

    // More significant digits than these always mean a value above 2^1024 (beyond every double); values with
    // fewer digits are computed exactly.
    private static int MaxSignificantDigits(int radix) => radix switch
    {
        16 => 275,
        8 => 367,
        2 => 1100,
        _ => 331,
    };

    private static int DigitValue(char c) =>
        char.IsAsciiDigit(c) ? c - '0'
        : char.IsAsciiHexDigit(c) ? char.ToLowerInvariant(c) - 'a' + 10
        : int.MaxValue;

    public static bool TryParseFloat(string text, out double value)
    {
        var s = text.Replace("_", "", StringComparison.Ordinal);
        var body = s.TrimStart('+', '-');
        var sign = s.StartsWith('-') ? -1.0 : 1.0;
        switch (body)
        {
            case ".inf" or ".Inf" or ".INF":
                value = sign * double.PositiveInfinity;
                return s.Length - body.Length <= 1;
            case ".nan" or ".NaN" or ".NAN":
                value = double.NaN;
                return s.Length == body.Length;
        }

        // Only digits, one optional fraction and exponent: double.Parse would also take "Infinity" and "∞".
        foreach (var c in body)
        {
            if (!char.IsAsciiDigit(c) && c is not ('.' or 'e' or 'E' or '+' or '-'))
            {
                value = 0;
                return false;
            }
        }

        return double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value);
    }
}
