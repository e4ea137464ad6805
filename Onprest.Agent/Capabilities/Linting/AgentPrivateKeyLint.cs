using System.Buffers.Text;
using System.Security.Cryptography;
using NSec.Cryptography;

namespace Onprest.Agent.Capabilities.Linting;

/// <summary><c>gateway.agent_private_key</c> checks of docs/capability-yaml.md.</summary>
internal static class AgentPrivateKeyLint
{
    public const string Required = "gateway.agent_private_key is required";
    public const string Invalid = "gateway.agent_private_key must be base64url-encoded Ed25519 private key";

    private const int EncodedLength = 86;

    /// <summary>Returns the 32-byte seed after checking that the trailing 32 bytes are its public key.</summary>
    public static byte[] Check(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw new ConfigurationLintException(Required);
        }

        // Unpadded base64url only: Base64Url would also accept padding and whitespace.
        if (text.Length != EncodedLength || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ConfigurationLintException(Invalid);
        }

        var bytes = new byte[64];
        if (Base64Url.DecodeFromChars(text, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != 64)
        {
            throw new ConfigurationLintException(Invalid);
        }

        var seed = bytes[..32];
        var algorithm = SignatureAlgorithm.Ed25519;
        using var key = Key.Import(algorithm, seed, KeyBlobFormat.RawPrivateKey);
        var publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        CryptographicOperations.ZeroMemory(bytes.AsSpan(0, 32));
        if (!CryptographicOperations.FixedTimeEquals(publicKey, bytes.AsSpan(32)))
        {
            CryptographicOperations.ZeroMemory(seed);
            throw new ConfigurationLintException(Invalid);
        }

        return seed;
    }
}
