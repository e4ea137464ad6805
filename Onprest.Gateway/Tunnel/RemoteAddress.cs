using System.Net;
using Microsoft.AspNetCore.Http;

namespace Onprest.Gateway.Tunnel;

/// <summary>The TCP peer as <c>ip:port</c> or <c>[ipv6]:port</c> (docs/tunnel-protocol.md); IPv4-mapped addresses shown as IPv4.</summary>
internal static class RemoteAddress
{
    public static string Of(HttpContext context)
    {
        var ip = context.Connection.RemoteIpAddress;
        if (ip is null)
        {
            return "";
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        return new IPEndPoint(ip, context.Connection.RemotePort).ToString();
    }
}
