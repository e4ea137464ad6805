using System.Globalization;

namespace Onprest.Contracts.Text;

/// <summary>
/// The record time format of logging.md: UTC, RFC 3339, fraction of up to 9 digits with trailing zeros
/// removed and omitted when zero, suffix <c>Z</c>. .NET ticks are 100 ns, so at most 7 digits appear.
/// </summary>
public static class Rfc3339
{
    public static string Format(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var text = utc.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture).TrimEnd('0');
        return (text.EndsWith('.') ? text[..^1] : text) + "Z";
    }
}
