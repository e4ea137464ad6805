using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Onprest.Gateway.Network;

/// <summary>Parses one IP list entry: a literal (<c>/32</c> or <c>/128</c>) or <c>address/prefix</c> (docs/gateway.md).</summary>
public static class IpBlock
{
    public static bool TryParse(string entry, out IPNetwork network)
    {
        network = default;
        var slash = entry.IndexOf('/');
        var addressText = slash < 0 ? entry : entry[..slash];
        if (!TryParseRawLiteral(addressText, out var address, out var wasMapped))
        {
            return false;
        }

        var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        int prefix;
        if (slash < 0)
        {
            prefix = wasMapped ? 128 : maxPrefix;
        }
        else
        {
            var prefixText = entry.AsSpan(slash + 1);
            if (prefixText.IsEmpty || prefixText.Length > 3 || prefixText.ContainsAnyExceptInRange('0', '9')
                || !int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out prefix))
            {
                return false;
            }

            if (prefix > (wasMapped ? 128 : maxPrefix))
            {
                return false;
            }
        }

        if (wasMapped)
        {
            // "::ffff:10.0.0.0/104" is the IPv4 block 10.0.0.0/8; a shorter prefix reaches outside the mapped range.
            if (prefix < 96)
            {
                network = new IPNetwork(Mask(address.MapToIPv6(), prefix), prefix);
                return true;
            }

            prefix -= 96;
        }

        network = new IPNetwork(Mask(address, prefix), prefix);
        return true;
    }

    private static bool TryParseRawLiteral(string text, out IPAddress address, out bool wasMapped)
    {
        wasMapped = false;
        if (!IpLiteral.TryParse(text, out address))
        {
            return false;
        }

        wasMapped = address.AddressFamily == AddressFamily.InterNetwork && text.Contains(':');
        return true;
    }

    /// <summary>Clears the host bits: <c>10.0.0.5/8</c> means <c>10.0.0.0/8</c>.</summary>
    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bitsInByte = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bitsInByte));
        }

        return new IPAddress(bytes);
    }
}
