using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Onprest.Gateway.Mcp;

/// <summary>
/// The <c>Accept</c> rule of docs/api.md step 5: the most specific matching range decides (<c>application/json</c>,
/// else <c>application/*</c>, else <c>*/*</c>), its highest <c>q</c> must be above zero; no header is acceptable.
/// </summary>
public static class McpAccept
{
    public static bool AllowsJson(StringValues lines)
    {
        if (lines.Count == 0)
        {
            return true;
        }

        double? exact = null;
        double? subtypeWildcard = null;
        double? any = null;
        foreach (var line in lines)
        {
            foreach (var entry in (line ?? string.Empty).Split(','))
            {
                var parts = entry.Split(';');
                var range = parts[0].Trim().ToLowerInvariant();
                if (!TryQuality(parts.AsSpan(1), out var q))
                {
                    continue;
                }

                switch (range)
                {
                    case "application/json":
                        exact = Math.Max(exact ?? q, q);
                        break;
                    case "application/*":
                        subtypeWildcard = Math.Max(subtypeWildcard ?? q, q);
                        break;
                    case "*/*":
                        any = Math.Max(any ?? q, q);
                        break;
                }
            }
        }

        var decisive = exact ?? subtypeWildcard ?? any;
        return decisive > 0;
    }

    /// <summary>The entry's <c>q</c> (1 when absent); false when it is unparsable, NaN or outside 0–1, so the entry is ignored.</summary>
    private static bool TryQuality(ReadOnlySpan<string> parameters, out double q)
    {
        q = 1;
        foreach (var parameter in parameters)
        {
            var equals = parameter.IndexOf('=');
            if (equals < 0 || !parameter[..equals].Trim().Equals("q", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!double.TryParse(parameter[(equals + 1)..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out q)
                || double.IsNaN(q) || q < 0 || q > 1)
            {
                return false;
            }
        }

        return true;
    }
}
