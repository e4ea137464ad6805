using System.Buffers.Text;
using NSec.Cryptography;

namespace Onprest.Gateway.Tunnel;

/// <summary>
/// Ed25519 verification with the configured agent public keys (NSec): one, or one per agent of a pool. The index of
/// the key that verified is the agent's slot (docs/agent-pool.md).
/// </summary>
internal sealed class AgentSignatureVerifier
{
    private const int SignatureBytes = 64;
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly PublicKey[] _publicKeys;

    public AgentSignatureVerifier(byte[] rawPublicKey)
        : this([rawPublicKey])
    {
    }

    public AgentSignatureVerifier(IReadOnlyList<byte[]> rawPublicKeys)
    {
        if (rawPublicKeys.Count == 0)
        {
            throw new ArgumentException("at least one agent public key is required", nameof(rawPublicKeys));
        }

        _publicKeys = new PublicKey[rawPublicKeys.Count];
        for (var i = 0; i < rawPublicKeys.Count; i++)
        {
            if (rawPublicKeys[i].Length != Algorithm.PublicKeySize)
            {
                throw new ArgumentException("an agent public key must be 32 bytes", nameof(rawPublicKeys));
            }

            _publicKeys[i] = PublicKey.Import(Algorithm, rawPublicKeys[i], KeyBlobFormat.RawPublicKey);
        }
    }

    /// <summary>How many keys (agent slots) are configured.</summary>
    public int KeyCount => _publicKeys.Length;

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

    /// <summary>True when any configured key verifies the signature.</summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) => Match(message, signature) >= 0;

    /// <summary>The index of the key that verifies the signature, or -1 (a bad signature costs one check per key).</summary>
    public int Match(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        for (var i = 0; i < _publicKeys.Length; i++)
        {
            if (Algorithm.Verify(_publicKeys[i], message, signature))
            {
                return i;
            }
        }

        return -1;
    }
}
