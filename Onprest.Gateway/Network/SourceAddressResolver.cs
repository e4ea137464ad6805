using System.Net;
using Microsoft.Extensions.Primitives;

namespace Onprest.Gateway.Network;

/// <summary>
/// The source address of a request. Forwarded headers count only when the TCP peer is a trusted proxy;
/// then <c>X-Forwarded-For</c> is walked from the right, skipping trusted hops and stopping at the first entry that
/// is not an address, so a client cannot choose its address by prepending entries. <c>ForwardedHeadersMiddleware</c> is not used: it reads only the
/// first header line and has no <c>X-Real-IP</c> fallback.
/// </summary>
public static class SourceAddressResolver
{
    /// <summary>Bounds the work one hostile header can cause; entries beyond this (from the left) are not examined.</summary>
    private const int MaxForwardedEntries = 64;

    public static IPAddress Resolve(IPAddress? peer, IHeaderDictionary headers, IReadOnlyList<IPNetwork> trusted)
    {
        var source = peer is null ? IPAddress.IPv6None : IpLiteral.Normalize(peer);
        if (trusted.Count == 0 || !IsTrusted(source, trusted))
        {
            return source;
        }

        // Walk from the right (the hops trusted proxies appended), starting after the peer itself. An entry that is
        // not an address stops the walk: nothing to its left can be trusted to be what a proxy wrote, so the source is
        // the last trusted hop rather than whatever a client put further left.
        var entries = ForwardedEntries(headers["X-Forwarded-For"]);
        var lastTrusted = source;
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            if (!TryParseEntry(entries[i], out var hop))
            {
                return lastTrusted;
            }

            if (!IsTrusted(hop, trusted))
            {
                return hop;
            }

            lastTrusted = hop;
        }

        var realIp = headers["X-Real-IP"];
        if (realIp.Count == 1 && realIp[0] is { } text && IpLiteral.TryParse(text, out var real))
        {
            return real;
        }

        return source;
    }

    public static bool IsTrusted(IPAddress address, IReadOnlyList<IPNetwork> networks)
    {
        foreach (var network in networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The rightmost entries of every header line joined with commas, trimmed, in order.</summary>
    private static List<string> ForwardedEntries(StringValues lines)
    {
        var entries = new List<string>();
        foreach (var line in lines)
        {
            if (line is not null)
            {
                entries.AddRange(line.Split(','));
            }
        }

        // The rightmost entries are the ones the trusted proxies appended; only those can decide the result.
        return entries.Skip(Math.Max(0, entries.Count - MaxForwardedEntries)).Select(entry => entry.Trim()).ToList();
    }

    /// <summary>
    /// A bare address, <c>ipv4:port</c> or <c>[ipv6]:port</c> (what some proxies append) as its address; anything
    /// else (<c>unknown</c>, an obfuscated name, an empty entry, a bracket without a port) is not an address.
    /// </summary>
    internal static bool TryParseEntry(string entry, out IPAddress address)
    {
        if (IpLiteral.TryParse(entry, out address))
        {
            return true;
        }

        string host;
        string port;
        if (entry.StartsWith('['))
        {
            var close = entry.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = entry[1..close];
            port = entry[(close + 2)..];
            if (!host.Contains(':'))
            {
                return false;
            }
        }
        else
        {
            var colon = entry.IndexOf(':');
            if (colon < 0 || colon != entry.LastIndexOf(':'))
            {
                return false;
            }

            host = entry[..colon];
            port = entry[(colon + 1)..];
            if (host.Contains(':'))
            {
                return false;
            }
        }

        return IsPort(port) && IpLiteral.TryParse(host, out address);
    }

    private static bool IsPort(string text) =>
        text.Length is > 0 and <= 5 && !text.AsSpan().ContainsAnyExceptInRange('0', '9') && int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) <= 65535;
}
