using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using NSec.Cryptography;

namespace Onprest.AppHost;

/// <summary>
/// Fresh development credentials for one AppHost run, in the formats of <c>onprest-gateway create-agent-secret</c>
/// and <c>create-key</c>. Never persisted. The API key may be given (<c>--api-key</c>, e.g. by the tests); the agent
/// key pair is always fresh.
/// </summary>
internal sealed record DevelopmentKeys(string AgentPrivateKey, string AgentPublicKey, string ApiKey, string ApiKeysJson)
{
    public static DevelopmentKeys Create(string? apiKey)
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var seed = key.Export(KeyBlobFormat.RawPrivateKey);
        var publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);

        apiKey ??= Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var entry = new[] { new { name = "aspire-dev", key_hash = BCrypt.Net.BCrypt.HashPassword(apiKey, 10), capabilities = "*" } };

        return new DevelopmentKeys(
            Base64Url.EncodeToString([.. seed, .. publicKey]),
            Base64Url.EncodeToString(publicKey),
            apiKey,
            JsonSerializer.Serialize(entry));
    }
}
