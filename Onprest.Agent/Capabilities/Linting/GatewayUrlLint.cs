using System.Net;
using System.Net.Sockets;

namespace Onprest.Agent.Capabilities.Linting;

/// <summary><c>gateway.url</c> checks of docs/capability-yaml.md, in their stated order.</summary>
internal static class GatewayUrlLint
{
    public const string Required = "gateway.url is required";
    public const string Invalid = "gateway.url must be a valid ws:// or wss:// URL";
    public const string ExactPath = "gateway.url must use the exact /ws/agent path without credentials, query, or fragment";
    public const string WrongScheme = "gateway.url must use ws:// or wss://";
    public const string InsecureNonLoopback =
        "gateway.url must use wss:// for non-loopback hosts; the explicit insecure override is for isolated development only";

    public static Uri Check(string? url, bool allowInsecureNonLoopbackWs)
    {
        if (string.IsNullOrEmpty(url))
        {
            throw new ConfigurationLintException(Required);
        }

        if (!TrySplit(url, out var parts) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new ConfigurationLintException(Invalid);
        }

        if (parts.HasUserInfo || parts.HasQueryOrFragment || parts.Path != "/ws/agent")
        {
            throw new ConfigurationLintException(ExactPath);
        }

        if (parts.Scheme.Equals("wss", StringComparison.OrdinalIgnoreCase))
        {
            return uri;
        }

        if (!parts.Scheme.Equals("ws", StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigurationLintException(WrongScheme);
        }

        if (!allowInsecureNonLoopbackWs && !IsLoopback(parts.Host))
        {
            throw new ConfigurationLintException(InsecureNonLoopback);
        }

        return uri;
    }

    /// <summary><c>localhost</c> (one trailing dot ignored, any case), 127.0.0.0/8, <c>::1</c> and IPv4-mapped loopback.</summary>
    public static bool IsLoopback(string host)
    {
        var name = host.EndsWith('.') ? host[..^1] : host;
        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (IsDottedQuad(host))
        {
            return host.Split('.')[0] == "127";
        }

        if (host.Contains(':', StringComparison.Ordinal) && IPAddress.TryParse(host, out var address)
            && address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv4MappedToIPv6 ? IPAddress.IsLoopback(address.MapToIPv4()) : address.Equals(IPAddress.IPv6Loopback);
        }

        return false;
    }

    // Splits scheme://[userinfo@]host[:port][path][?query][#fragment] without normalizing anything, so the path
    // check sees the raw path (Uri would unescape and collapse dot segments).
    private static bool TrySplit(string url, out UrlParts parts)
    {
        parts = default;
        foreach (var c in url)
        {
            if (c <= ' ' || c == '\u007F' || c > '~')
            {
                return false;
            }
        }

        if (!HasValidPercentEscapes(url))
        {
            return false;
        }

        var colon = url.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1 || !IsScheme(url.AsSpan(0, colon)) || !url.AsSpan(colon + 1).StartsWith("//"))
        {
            return false;
        }

        var scheme = url[..colon];
        var rest = url[(colon + 3)..];
        var authorityEnd = rest.IndexOfAny(['/', '?', '#']);
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        var tail = authorityEnd < 0 ? "" : rest[authorityEnd..];
        var at = authority.LastIndexOf('@');
        var hostPort = at < 0 ? authority : authority[(at + 1)..];
        if (!TrySplitHostPort(hostPort, out var host))
        {
            return false;
        }

        var pathEnd = tail.IndexOfAny(['?', '#']);
        parts = new UrlParts(scheme, host, at >= 0, pathEnd >= 0, pathEnd < 0 ? tail : tail[..pathEnd]);
        return true;
    }

    private static bool TrySplitHostPort(string hostPort, out string host)
    {
        host = "";
        string port;
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = hostPort[1..close];
            var after = hostPort[(close + 1)..];
            if (after.Length > 0 && after[0] != ':')
            {
                return false;
            }

            port = after.Length > 0 ? after[1..] : "";
            if (!IPAddress.TryParse(host, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            return after.Length == 0 || IsPort(port);
        }

        var lastColon = hostPort.LastIndexOf(':');
        host = lastColon < 0 ? hostPort : hostPort[..lastColon];
        port = lastColon < 0 ? "" : hostPort[(lastColon + 1)..];
        if (host.Length == 0 || host.Contains(':', StringComparison.Ordinal) || host.AsSpan().IndexOfAny("<>\"{}|\\^`%[]") >= 0)
        {
            return false;
        }

        return lastColon < 0 || IsPort(port);
    }

    private static bool IsPort(string port) =>
        port.Length is > 0 and <= 5 && port.All(char.IsAsciiDigit) && int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 65535;

    private static bool IsScheme(ReadOnlySpan<char> scheme)
    {
        if (!char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (var c in scheme)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasValidPercentEscapes(string url)
    {
        for (var i = 0; i < url.Length; i++)
        {
            if (url[i] == '%' && (i + 2 >= url.Length || !char.IsAsciiHexDigit(url[i + 1]) || !char.IsAsciiHexDigit(url[i + 2])))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDottedQuad(string host)
    {
        var octets = host.Split('.');
        return octets.Length == 4 && octets.All(o => o.Length is > 0 and <= 3 && o.All(char.IsAsciiDigit) && int.Parse(o, System.Globalization.CultureInfo.InvariantCulture) <= 255);
    }

    private readonly record struct UrlParts(string Scheme, string Host, bool HasUserInfo, bool HasQueryOrFragment, string Path);
}
