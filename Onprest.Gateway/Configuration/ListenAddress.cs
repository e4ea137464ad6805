namespace Onprest.Gateway.Configuration;

/// <summary>A parsed <c>GATEWAY_ADDR</c> (docs/gateway.md).</summary>
/// <param name="Host">Empty (all interfaces), an IPv4 literal, an IPv6 literal without brackets, or <c>localhost</c>.</param>
/// <param name="Port">1–65535.</param>
public sealed record ListenAddress(string Host, int Port)
{
    /// <summary>True when the host is empty: every IPv4 and IPv6 interface.</summary>
    public bool IsAnyHost => Host.Length == 0;

    /// <summary>True for <c>localhost</c>: loopback only.</summary>
    public bool IsLocalhost => Host == "localhost";
}
