using System.Text.Json.Serialization;

namespace Onprest.Contracts.Tunnel;

/// <summary>Gateway to agent: <c>{"type":"cancel","id":…}</c> (docs/tunnel-protocol.md).</summary>
public sealed record TunnelCancel
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "cancel";

    [JsonPropertyName("id")]
    public required string Id { get; init; }
}
