using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text;

namespace Onprest.Contracts.Tunnel;

/// <summary>The wire id of a received request or cancel frame: a non-empty string of at most 128 UTF-8 bytes.</summary>
public static class FrameId
{
    /// <summary>
    /// False when <c>id</c> is missing, not a string, empty, longer than <see cref="TunnelProtocol.MaxIdBytes"/> or not
    /// valid Unicode. <paramref name="rawId"/> is the id's JSON token exactly as sent (a response echoes it verbatim).
    /// </summary>
    public static bool TryRead(JsonElement frame, out string id, out byte[] rawId)
    {
        id = "";
        rawId = [];
        if (!frame.TryGetProperty(FrameMembers.Id, out var element) || element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        // An escaped lone surrogate cannot be a wire id.
        if (!FrameText.TryGetString(element, out var text))
        {
            return false;
        }

        id = text ?? "";
        if (id.Length == 0 || Encoding.UTF8.GetByteCount(id) > TunnelProtocol.MaxIdBytes)
        {
            return false;
        }

        // The token's own UTF-8 bytes: the same as decoding them to a string and encoding that back, one copy fewer.
        rawId = JsonMarshal.GetRawUtf8Value(element).ToArray();
        return true;
    }
}
