using System.Net.Sockets;
using Onprest.Gateway.Network;

namespace Onprest.Gateway.Configuration;

/// <summary><c>GATEWAY_ADDR</c>: <c>host:port</c>, validated first at start-up (docs/gateway.md).</summary>
internal static class ListenAddressParser
{
    public const string Message = "GATEWAY_ADDR must be host:port";

    /// <summary>Parses <c>GATEWAY_ADDR</c>, or another address variable of the same syntax named by <paramref name="variable"/>.</summary>
    public static ListenAddress Parse(string value, string variable = "GATEWAY_ADDR")
    {
        var message = variable + " must be host:port";
        var colon = value.LastIndexOf(':');
        if (colon < 0)
        {
            throw new GatewayConfigException(message);
        }

        var host = value[..colon];
        var portText = value.AsSpan(colon + 1);
        if (portText.IsEmpty || portText.Length > 5 || portText.ContainsAnyExceptInRange('0', '9'))
        {
            throw new GatewayConfigException(message);
        }

        var port = int.Parse(portText, provider: System.Globalization.CultureInfo.InvariantCulture);
        if (port is < 1 or > 65535)
        {
            throw new GatewayConfigException(message);
        }

        if (host.Length == 0 || host == "localhost")
        {
            return new ListenAddress(host, port);
        }

        if (host.StartsWith('[') && host.EndsWith(']') && host.Length > 2)
        {
            var inner = host[1..^1];
            if (IpLiteral.TryParse(inner, out var v6) && inner.Contains(':'))
            {
                return new ListenAddress(inner, port);
            }

            throw new GatewayConfigException(message);
        }

        if (!host.Contains(':') && IpLiteral.TryParse(host, out var v4) && v4.AddressFamily == AddressFamily.InterNetwork)
        {
            return new ListenAddress(host, port);
        }

        throw new GatewayConfigException(message);
    }
}
