namespace Onprest.Gateway.Http;

/// <summary>The <c>Content-Type</c> rule shared by REST and MCP (docs/gateway.md step 5, docs/api.md step 4).</summary>
public static class MediaTypes
{
    public const string Json = "application/json";

    /// <summary>True when the media type (the part before <c>;</c>, trimmed) is <c>application/json</c>, case-insensitively.</summary>
    public static bool IsJson(HttpRequest request)
    {
        var values = request.Headers.ContentType;
        if (values.Count != 1 || values[0] is not { } value)
        {
            return false;
        }

        var semicolon = value.IndexOf(';');
        var media = (semicolon < 0 ? value : value[..semicolon]).Trim();
        return string.Equals(media, Json, StringComparison.OrdinalIgnoreCase);
    }
}
