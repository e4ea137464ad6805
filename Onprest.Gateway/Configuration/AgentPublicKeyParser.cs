using System.Buffers.Text;

namespace Onprest.Gateway.Configuration;

/// <summary><c>GATEWAY_AGENT_PUBLIC_KEY</c>: unpadded base64url of 32 bytes, 43 characters (docs/gateway.md).
/// The spec gives no message for this variable; the texts here are this build's choice (docs/gateway.md).</summary>
internal static class AgentPublicKeyParser
{
    public const string Required = "GATEWAY_AGENT_PUBLIC_KEY is required";
    public const string Invalid = "GATEWAY_AGENT_PUBLIC_KEY must be the unpadded base64url of a 32-byte Ed25519 public key";

    public static byte[] Parse(string value)
    {
        if (value.Length != 43 || value.AsSpan().ContainsAny('=', '+', '/'))
        {
            throw new GatewayConfigException(Invalid);
        }

        var bytes = new byte[32];
        if (Base64Url.DecodeFromChars(value, bytes, out var consumed, out var written) != System.Buffers.OperationStatus.Done
            || consumed != 43 || written != 32)
        {
            throw new GatewayConfigException(Invalid);
        }

        // 43 characters carry 258 bits: the two spare bits must be zero, or two texts would decode to one key.
        if (!string.Equals(Base64Url.EncodeToString(bytes), value, StringComparison.Ordinal))
        {
            throw new GatewayConfigException(Invalid);
        }

        return bytes;
    }
}
