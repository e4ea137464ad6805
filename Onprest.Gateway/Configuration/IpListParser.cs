using System.Net;
using Onprest.Gateway.Network;

namespace Onprest.Gateway.Configuration;

/// <summary><c>GATEWAY_IP_ALLOW_LIST</c> and <c>GATEWAY_TRUSTED_PROXY_CIDRS</c> (docs/gateway.md).</summary>
internal static class IpListParser
{
    public static IReadOnlyList<IPNetwork> Parse(string variable, string value)
    {
        var blocks = new List<IPNetwork>();
        var position = 0;
        foreach (var raw in value.Split(','))
        {
            var entry = raw.Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            position++;
            if (!IpBlock.TryParse(entry, out var block))
            {
                throw new GatewayConfigException($"{variable} entry {position} is not a valid IP address or CIDR");
            }

            blocks.Add(block);
        }

        return blocks;
    }
}
