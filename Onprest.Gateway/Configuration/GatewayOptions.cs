using System.Net;
using Onprest.Gateway.Auth.OAuth;

namespace Onprest.Gateway.Configuration;

/// <summary>
/// The validated gateway configuration (docs/gateway.md), read once from the environment at start-up.
/// Every member holds an already-validated value; defaults are applied only for unset (empty) variables.
/// </summary>
public sealed record GatewayOptions
{
    /// <summary><c>GATEWAY_ADDR</c> exactly as configured (e.g. <c>:8080</c>); written in <c>gateway_start</c>.</summary>
    public required string Addr { get; init; }

    /// <summary>The parsed listen address.</summary>
    public required ListenAddress Listen { get; init; }

    /// <summary><c>GATEWAY_ADMIN_ADDR</c> exactly as configured, or null when the admin listener is off.</summary>
    public string? AdminAddr { get; init; }

    /// <summary>The parsed admin listen address (metrics, readiness, status page), or null when off.</summary>
    public ListenAddress? AdminListen { get; init; }

    /// <summary><c>GATEWAY_PUBLIC_URL</c> with trailing <c>/</c> removed, or null when unset.</summary>
    public string? PublicUrl { get; init; }

    /// <summary>The 32-byte Ed25519 public keys from <c>GATEWAY_AGENT_PUBLIC_KEY</c>: one, or up to 16 for an agent pool.</summary>
    public required IReadOnlyList<byte[]> AgentPublicKeys { get; init; }

    /// <summary>The configured API keys, in the order written.</summary>
    public required IReadOnlyList<ApiKeyEntry> ApiKeys { get; init; }

    /// <summary>Normalized CORS origins (<c>scheme://host[:port]</c>); empty when CORS is off.</summary>
    public IReadOnlyList<string> CorsAllowedOrigins { get; init; } = [];

    /// <summary>The IP allow list; null when every source is allowed.</summary>
    public IReadOnlyList<IPNetwork>? IpAllowList { get; init; }

    /// <summary>Trusted proxy blocks; empty when forwarded headers are ignored.</summary>
    public IReadOnlyList<IPNetwork> TrustedProxies { get; init; } = [];

    /// <summary>Token refill rate per source, tokens per second (&gt; 0).</summary>
    public double RateLimitRequestsPerSecond { get; init; } = 10;

    /// <summary>Token bucket capacity per source (&gt; 0).</summary>
    public long RateLimitBurst { get; init; } = 20;

    /// <summary>IPv6 sources sharing this many leading bits share one rate-limit bucket (1–128, default 64).</summary>
    public int RateLimitIpv6Prefix { get; init; } = 64;

    /// <summary>Whether <c>openapi_snapshot</c> events are written.</summary>
    public bool EmitOpenApiSnapshot { get; init; }

    /// <summary>REST and MCP body limit in bytes (&gt; 0).</summary>
    public long MaxRequestBodyBytes { get; init; } = 1_048_576;

    /// <summary>The OAuth resource-server mode (<c>GATEWAY_OAUTH_*</c>); null when off.</summary>
    public OAuthSettings? OAuth { get; init; }
}
