using System.Text.Json.Serialization;

namespace Onprest.Contracts.Tunnel;

/// <summary>The <c>error</c> member of an agent response; <c>message</c> is omitted when empty.</summary>
public sealed record TunnelError
{
    [JsonPropertyName("code")]
    public required string Code { get; init; }

    [JsonPropertyName("message")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Message { get; init; }
}
