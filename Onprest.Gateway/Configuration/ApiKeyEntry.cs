namespace Onprest.Gateway.Configuration;

/// <summary>One entry of <c>GATEWAY_API_KEYS_JSON</c> (docs/gateway.md).</summary>
/// <param name="Name">Used only in logs (<c>api_key_name</c>); duplicates allowed.</param>
/// <param name="KeyHash">The bcrypt hash of the plaintext key.</param>
/// <param name="Capabilities">Granted capability names; <c>"*"</c> grants all; empty grants nothing.</param>
/// <param name="KeyId">The public id of an <c>opk_&lt;id&gt;_…</c> key (unique among the entries), or null for a key without one.</param>
public sealed record ApiKeyEntry(string Name, string KeyHash, IReadOnlyList<string> Capabilities, string? KeyId = null)
{
    /// <summary>True when the list contains <c>"*"</c>.</summary>
    public bool AllowsEverything { get; } = Capabilities.Contains("*");

    /// <summary>The authorization rule of docs/gateway.md: <c>"*"</c> or the exact, case-sensitive name.</summary>
    public bool Allows(string capability) => AllowsEverything || Capabilities.Contains(capability, StringComparer.Ordinal);
}
