namespace Onprest.Gateway.Http;

/// <summary>The routes of docs/gateway.md, matched exactly (case-sensitive, no trailing slash, no normalization).</summary>
public static class GatewayPaths
{
    public const string CapabilitiesPrefix = "/api/v1/capabilities/";
    public const string Mcp = "/mcp";
    public const string OpenApi = "/openapi.json";
    public const string Health = "/healthz";
    public const string AgentSocket = "/ws/agent";
    public const string AgentChallenge = "/ws/agent/challenge";
    public const string AgentVerify = "/ws/agent/verify";
    public const string ResourceMetadata = "/.well-known/oauth-protected-resource";
    public const string McpResourceMetadata = "/.well-known/oauth-protected-resource/mcp";

    /// <summary>True when <paramref name="path"/> is one of the routes of the handbook exactly.</summary>
    public static bool IsKnown(string path) =>
        path.StartsWith(CapabilitiesPrefix, StringComparison.Ordinal)
        || path is Mcp or OpenApi or Health or AgentSocket or AgentChallenge or AgentVerify or ResourceMetadata or McpResourceMetadata;

    /// <summary>The capability name as the log sees it: the decoded rest of the path when it is a valid name, else <c>""</c>.</summary>
    public static string CapabilityForLog(HttpContext context) =>
        CapabilityPath.TryGetName(context, out var name) ? name : string.Empty;
}
