using System.Text.Json;

namespace Onprest.Contracts.Tunnel;

/// <summary>
/// The cancel frame (docs/tunnel-protocol.md section 3), gateway → agent: <c>{"type":"cancel","id":…}</c>. A frame with
/// a <c>type</c> is a control frame; cancel is the only kind defined.
/// </summary>
public static class CancelFrame
{
    /// <summary>The <c>type</c> of a cancel frame.</summary>
    public const string Type = "cancel";

    /// <summary>Gateway: the frame for <paramref name="id"/>.</summary>
    public static byte[] Build(string id)
    {
        var json = FrameWriter.Rent(out var buffer);
        try
        {
            json.WriteStartObject();
            json.WriteString(FrameMembers.Type, Type);
            json.WriteString(FrameMembers.Id, id);
            json.WriteEndObject();
            return FrameWriter.ToArray(json, buffer);
        }
        finally
        {
            FrameWriter.Release(json, buffer);
        }
    }

    /// <summary>
    /// Agent: the frame's <c>type</c>, null when absent. False, with <paramref name="problem"/>, when it is present but
    /// not a string or not valid Unicode.
    /// </summary>
    public static bool TryReadType(JsonElement frame, out string? type, out string problem)
    {
        type = null;
        problem = "";
        if (!frame.TryGetProperty(FrameMembers.Type, out var element))
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            problem = "frame type is not a string";
            return false;
        }

        if (!FrameText.TryGetString(element, out type))
        {
            problem = "frame type is not valid Unicode";
            return false;
        }

        return true;
    }
}
