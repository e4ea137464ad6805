using System.Net;
using System.Net.Sockets;
using Onprest.Gateway.Configuration;

namespace Onprest.Gateway.Network;

/// <summary>
/// The key under which a source's shared resources are counted (its rate-limit bucket and its share of the API-key
/// verification slots): an IPv4 address as it is, an IPv6 address cut to its first
/// <c>GATEWAY_RATE_LIMIT_IPV6_PREFIX</c> bits (64 by default). One IPv6 host usually holds a whole /64, so keying
/// by the full address would give it billions of independent buckets.
/// </summary>
public sealed class SourcePartition(GatewayOptions options)
{
    public const int DefaultIpv6Prefix = 64;

    private readonly int _prefix = options.RateLimitIpv6Prefix;

    public IPAddress KeyOf(IPAddress source)
    {
        if (source.AddressFamily != AddressFamily.InterNetworkV6 || _prefix >= 128)
        {
            return source;
        }

        // A fresh address from the masked bytes: the scope id is dropped with the host bits.
        return new IPAddress(Masked(source));
    }

    private byte[] Masked(IPAddress source)
    {
        var bytes = source.GetAddressBytes();
        for (var bit = _prefix; bit < 128; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return bytes;
    }
}
