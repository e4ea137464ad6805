using System.Net;
using System.Net.Sockets;

namespace Onprest.Gateway.Network;

/// <summary>
/// Strict IP literal parsing for configuration lists and forwarded headers (docs/gateway.md).
/// <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> alone also accepts shorthand such as <c>127.1</c>
/// or <c>0x7f.0.0.1</c>; only the dotted quad and the standard IPv6 text forms count as literals here.
/// </summary>
public static class IpLiteral
{
    /// <summary>Parses a bare IPv4 or IPv6 literal (no brackets, port or zone id); IPv4-mapped IPv6 becomes IPv4.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.IsEmpty || text.Length > 45)
        {
            return false;
        }

        if (text.Contains(':'))
        {
            if (text.Contains('%') || text.Contains('[') || text.Contains(']') || !IPAddress.TryParse(text, out var v6)
                || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            address = Normalize(v6);
            return true;
        }

        if (!IsDottedQuad(text) || !IPAddress.TryParse(text, out var v4))
        {
            return false;
        }

        address = v4;
        return true;
    }

    /// <summary>IPv4-mapped IPv6 addresses are treated as IPv4; a zone id is dropped.</summary>
    public static IPAddress Normalize(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0)
        {
            return new IPAddress(address.GetAddressBytes());
        }

        return address;
    }

    private static bool IsDottedQuad(ReadOnlySpan<char> text)
    {
        var parts = 0;
        foreach (var range in text.Split('.'))
        {
            var part = text[range];
            parts++;
            if (part.IsEmpty || part.Length > 3 || (part.Length > 1 && part[0] == '0'))
            {
                return false;
            }

            var value = 0;
            foreach (var c in part)
            {
                if (c is < '0' or > '9')
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
            }

            if (value > 255)
            {
                return false;
            }
        }

        return parts == 4;
    }
}
