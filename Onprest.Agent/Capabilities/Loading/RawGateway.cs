namespace Onprest.Agent.Capabilities.Loading;

/// <summary>The <c>gateway</c> section as written.</summary>
internal sealed record RawGateway
{
    public string? Url { get; init; }
    public string? AgentPrivateKey { get; init; }
    public bool? AllowInsecureNonLoopbackWs { get; init; }
}
