using System.Buffers.Text;
using NSec.Cryptography;

namespace Onprest.Gateway.Tunnel;

/// <summary>Ed25519 verification with the configured agent public key (NSec).</summary>
internal sealed class AgentSignatureVerifier
{
    private const int SignatureBytes = 64;
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly PublicKey _publicKey;

    public AgentSignatureVerifier(byte[] rawPublicKey)
    {
        if (rawPublicKey.Length != Algorithm.PublicKeySize)
        {
            throw new ArgumentException("the agent public key must be 32 bytes", nameof(rawPublicKey));
        }

        _publicKey = PublicKey.Import(Algorithm, rawPublicKey, KeyBlobFormat.RawPublicKey);
    }

    /// <summary>Decodes an unpadded base64url signature of exactly 64 bytes; null when it is anything else.</summary>
    public static byte[]? DecodeSignature(string text)
    {
        foreach (var c in text)
        {
            var ok = c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_';
            if (!ok)
            {
                return null;
            }
        }

        if (text.Length != Base64Url.GetEncodedLength(SignatureBytes))
        {
            return null;
        }

        var bytes = new byte[SignatureBytes];
        var status = Base64Url.DecodeFromChars(text, bytes, out _, out var written);
        return status == System.Buffers.OperationStatus.Done && written == SignatureBytes ? bytes : null;
    }

    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        Algorithm.Verify(_publicKey, message, signature);
}
