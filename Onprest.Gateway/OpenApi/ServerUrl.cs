using Onprest.Gateway.Configuration;

namespace Onprest.Gateway.OpenApi;

/// <summary><c>servers[0].url</c> of docs/api.md: <c>GATEWAY_PUBLIC_URL</c>, else <c>http://host:port</c> from <c>GATEWAY_ADDR</c>.</summary>
public static class ServerUrl
{
    public static string For(GatewayOptions options)
    {
        if (options.PublicUrl is { } publicUrl)
        {
            return publicUrl;
        }

        var host = options.Listen.Host;
        if (host is "" or "0.0.0.0" or "::")
        {
            host = "localhost";
        }
        else if (host.Contains(':'))
        {
            host = "[" + host + "]";
        }

        return $"http://{host}:{options.Listen.Port}";
    }
}
