using System.Buffers.Text;
using NSec.Cryptography;

namespace Onprest.Gateway.Cli;

/// <summary>
/// <c>create-agent-secret</c> (docs/cli.md): a new Ed25519 pair; the private key is the 32-byte seed followed by
/// the 32-byte public key, both unpadded base64url, the format every Onprest build reads.
/// </summary>
public static class CreateAgentSecretCommand
{
    public static int Run(TextWriter stdout)
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var seed = key.Export(KeyBlobFormat.RawPrivateKey);
        var publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var privateKey = new byte[64];
        seed.CopyTo(privateKey, 0);
        publicKey.CopyTo(privateKey, 32);
        stdout.Write(CliJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("agent_private_key", Base64Url.EncodeToString(privateKey));
            json.WriteString("agent_public_key", Base64Url.EncodeToString(publicKey));
            json.WriteEndObject();
        }));
        Array.Clear(seed);
        Array.Clear(privateKey);
        return 0;
    }
}
