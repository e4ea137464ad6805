using System.Buffers.Text;

namespace Onprest.Gateway.Configuration;

/// <summary>
/// <c>GATEWAY_AGENT_PUBLIC_KEY</c>: the unpadded base64url of a 32-byte Ed25519 public key (43 characters), or a
/// comma-separated list of up to <see cref="MaxKeys"/> of them for an agent pool (docs/agent-pool.md). Each key may
/// hold one live agent connection. The messages name the position of a bad entry, never its text.
/// </summary>
internal static class AgentPublicKeyParser
{
    /// <summary>The largest pool: each key is one agent slot, and the router looks at every slot per call.</summary>
    public const int MaxKeys = 16;

    public const string Required = "GATEWAY_AGENT_PUBLIC_KEY is required";
    public const string Invalid = "GATEWAY_AGENT_PUBLIC_KEY must be the unpadded base64url of a 32-byte Ed25519 public key";

    public static string InvalidEntry(int position) =>
        $"GATEWAY_AGENT_PUBLIC_KEY entry {position} must be the unpadded base64url of a 32-byte Ed25519 public key";

    public static string Duplicate(int position, int first) =>
        $"GATEWAY_AGENT_PUBLIC_KEY entry {position} repeats entry {first} (each agent of a pool needs its own key)";

    public static readonly string TooMany = $"GATEWAY_AGENT_PUBLIC_KEY lists more than {MaxKeys} keys";

    /// <summary>One key, or the list form; spaces around entries are ignored, an empty entry is an error.</summary>
    public static IReadOnlyList<byte[]> ParseList(string value)
    {
        if (!value.Contains(','))
        {
            return [Parse(value)];
        }

        var entries = value.Split(',');
        if (entries.Length > MaxKeys)
        {
            throw new GatewayConfigException(TooMany);
        }

        var keys = new List<byte[]>(entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var key = TryDecode(entries[i].Trim()) ?? throw new GatewayConfigException(InvalidEntry(i + 1));
            var first = keys.FindIndex(k => k.AsSpan().SequenceEqual(key));
            if (first >= 0)
            {
                throw new GatewayConfigException(Duplicate(i + 1, first + 1));
            }

            keys.Add(key);
        }

        return keys;
    }

    public static byte[] Parse(string value) => TryDecode(value) ?? throw new GatewayConfigException(Invalid);

    private static byte[]? TryDecode(string value)
    {
        if (value.Length != 43 || value.AsSpan().ContainsAny('=', '+', '/'))
        {
            return null;
        }

        var bytes = new byte[32];
        if (Base64Url.DecodeFromChars(value, bytes, out var consumed, out var written) != System.Buffers.OperationStatus.Done
            || consumed != 43 || written != 32)
        {
            return null;
        }

        // 43 characters carry 258 bits: the two spare bits must be zero, or two texts would decode to one key.
        return string.Equals(Base64Url.EncodeToString(bytes), value, StringComparison.Ordinal) ? bytes : null;
    }
}
