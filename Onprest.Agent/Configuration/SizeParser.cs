using System.Globalization;

namespace Onprest.Agent.Configuration;

/// <summary>Size strings of docs/capability-yaml.md (<c>logging.max_size</c>, <c>policy.max_bytes</c>).</summary>
internal static class SizeParser
{
    // Checked in this order ( step 2): "B" last so "KB" is not read as "K" + "B".
    private static readonly (string Suffix, long Multiplier)[] Suffixes =
    [
        ("KB", 1024L),
        ("MB", 1024L * 1024),
        ("GB", 1024L * 1024 * 1024),
        ("B", 1L),
    ];

    /// <summary>Parses a size; false for malformed, zero, negative or int64-overflowing sizes.</summary>
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (text is null)
        {
            return false;
        }

        var rest = text.Trim().ToUpperInvariant();
        var multiplier = 1L;
        foreach (var (suffix, value) in Suffixes)
        {
            if (rest.EndsWith(suffix, StringComparison.Ordinal))
            {
                rest = rest[..^suffix.Length];
                multiplier = value;
                break;
            }
        }

        rest = rest.Trim();
        if (!IsSignedDecimal(rest)
            || !long.TryParse(rest, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            || number <= 0
            || number > long.MaxValue / multiplier)
        {
            return false;
        }

        bytes = number * multiplier;
        return true;
    }

    // long.TryParse alone would also accept surrounding whitespace and culture signs; allows only
    // an optional ASCII sign followed by ASCII digits.
    private static bool IsSignedDecimal(string text)
    {
        var start = text.Length > 0 && text[0] is '+' or '-' ? 1 : 0;
        if (text.Length == start)
        {
            return false;
        }

        for (var i = start; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
