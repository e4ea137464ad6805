using Onprest.Contracts.Tunnel;

namespace Onprest.Agent.Tunnel;

/// <summary>
/// Where the agent connects, derived from the linted <c>gateway.url</c> (docs/tunnel-protocol.md): the WebSocket endpoint,
/// the challenge URL (<c>ws</c> → <c>http</c>, <c>wss</c> → <c>https</c>, path <c>/ws/agent/challenge</c>), default
/// ports 80 and 443.
/// </summary>
internal sealed record GatewayAddress(string Host, int Port, bool UseTls, string HostHeader)
{
    public string Path => TunnelProtocol.AgentPath;

    public Uri ChallengeUri => new UriBuilder(UseTls ? Uri.UriSchemeHttps : Uri.UriSchemeHttp, Host, Port, TunnelProtocol.ChallengePath).Uri;

    public static GatewayAddress From(Uri gatewayUrl)
    {
        var tls = string.Equals(gatewayUrl.Scheme, "wss", StringComparison.OrdinalIgnoreCase);
        var port = gatewayUrl.IsDefaultPort || gatewayUrl.Port < 0 ? (tls ? 443 : 80) : gatewayUrl.Port;

        // IdnHost has no IPv6 brackets; the Host header and the URI builder need them.
        var host = gatewayUrl.HostNameType == UriHostNameType.IPv6 ? gatewayUrl.Host.Trim('[', ']') : gatewayUrl.IdnHost;
        var hostForHeader = gatewayUrl.HostNameType == UriHostNameType.IPv6 ? $"[{host}]" : host;
        var defaultPort = tls ? 443 : 80;
        var header = port == defaultPort ? hostForHeader : $"{hostForHeader}:{port}";
        return new GatewayAddress(host, port, tls, header);
    }
}
