using Microsoft.Extensions.Primitives;

namespace Onprest.Gateway.Mcp;

/// <summary>
/// Protocol versions of docs/api.md and the three handshake revisions plus every later revision the
/// pinned SDK implements; <c>2024-11-05</c> is not accepted. Revisions are ISO dates, so ordinal order is time order.
/// </summary>
public static class McpProtocolVersions
{
    public const string Legacy = "2025-03-26";
    public const string Structured = "2025-06-18";
    public const string TasksAware = "2025-11-25";

    /// <summary>The newest revision that uses the <c>initialize</c> handshake: the negotiation fallback.</summary>
    public const string NewestHandshake = TasksAware;

    /// <summary>Revisions that use the <c>initialize</c> handshake.</summary>
    public static readonly IReadOnlySet<string> Handshake = new HashSet<string>(StringComparer.Ordinal) { Legacy, Structured, TasksAware };

    /// <summary>Every accepted revision: the handshake ones and the later one implemented by SDK 2.3.1.</summary>
    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal) { Legacy, Structured, TasksAware, "2026-07-28" };

    public static bool IsStructured(string version) => string.CompareOrdinal(version, Structured) >= 0;

    public static bool IsTasksAware(string version) => string.CompareOrdinal(version, TasksAware) >= 0;

    /// <summary>A supported handshake revision is echoed; anything else gets the newest handshake revision.</summary>
    public static string Negotiate(string requested) => Handshake.Contains(requested) ? requested : NewestHandshake;

    /// <summary>
    /// The active version from <c>MCP-Protocol-Version</c> ( step 8): absent → <c>2025-03-26</c>; otherwise exactly
    /// one header line with one non-empty value, no surrounding whitespace, no comma, a supported revision.
    /// </summary>
    public static string? FromHeader(StringValues header)
    {
        if (header.Count == 0)
        {
            return Legacy;
        }

        if (header.Count != 1 || header[0] is not { Length: > 0 } value || value.Contains(',')
            || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            return null;
        }

        return Supported.Contains(value) ? value : null;
    }
}
