using System.Text.Json;

namespace Onprest.Contracts.Tunnel;

/// <summary>Reads string members of a received frame.</summary>
internal static class FrameText
{
    /// <summary>
    /// A JSON string as .NET text; false for an escaped lone surrogate (<c>"\ud800"</c>), which is valid JSON but
    /// has no UTF-16 string form, so <see cref="JsonElement.GetString"/> throws for it.
    /// </summary>
    public static bool TryGetString(JsonElement element, out string? value)
    {
        try
        {
            value = element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = null;
            return false;
        }
    }

    /// <summary>An optional string member: null when absent, not a string, or not valid Unicode.</summary>
    public static string? Optional(JsonElement frame, ReadOnlySpan<byte> member)
    {
        string? value = null;
        if (frame.TryGetProperty(member, out var element) && element.ValueKind == JsonValueKind.String)
        {
            TryGetString(element, out value);
        }

        return value;
    }
}
