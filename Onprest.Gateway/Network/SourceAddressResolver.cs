using System.Net;
using Microsoft.Extensions.Primitives;

namespace Onprest.Gateway.Network;

/// <summary>
/// The source address of gateway-http.md §6 and decision D16. Forwarded headers count only when the TCP peer is a
/// trusted proxy; then <c>X-Forwarded-For</c> is walked from the right, skipping trusted hops, so a client cannot
/// choose its address by prepending entries. <c>ForwardedHeadersMiddleware</c> is not used: it reads only the
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

        var chain = ForwardedChain(headers["X-Forwarded-For"]);
        chain.Add(source);
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            if (!IsTrusted(chain[i], trusted))
            {
                return chain[i];
            }
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

    private static List<IPAddress> ForwardedChain(StringValues lines)
    {
        var entries = new List<string>();
        foreach (var line in lines)
        {
            if (line is not null)
            {
                entries.AddRange(line.Split(','));
            }
        }

        var chain = new List<IPAddress>();
        // The rightmost entries are the ones the trusted proxies appended; only those can decide the result.
        for (var i = Math.Max(0, entries.Count - MaxForwardedEntries); i < entries.Count; i++)
        {
            if (IpLiteral.TryParse(entries[i].Trim(), out var address))
            {
                chain.Add(address);
            }
        }

        return chain;
    }
}
