using System.Text.Json;
using static Onprest.Gateway.Mcp.McpJsonRules;

namespace Onprest.Gateway.Mcp;

/// <summary>The params rules of docs/api.md for the four supported methods.</summary>
public static class McpParamsRules
{
    /// <summary>validates under the rules of the version that will be negotiated; returns that version, or null.</summary>
    public static string? Initialize(JsonElement? parameters)
    {
        if (parameters is not { ValueKind: JsonValueKind.Object } p
            || !p.TryGetProperty("protocolVersion", out var requested) || !IsString(requested))
        {
            return null;
        }

        var version = McpProtocolVersions.Negotiate(requested.GetString()!);
        var structured = McpProtocolVersions.IsStructured(version);
        var tasks = McpProtocolVersions.IsTasksAware(version);
        var valid = Required(p, "capabilities", capabilities => ValidClientCapabilities(capabilities, structured, tasks))
            && Required(p, "clientInfo", info => ValidClientInfo(info, version))
            && ValidMeta(p);
        return valid ? version : null;
    }

    /// <summary> share the rule for optional params; adds a string <c>cursor</c>.</summary>
    public static bool Ping(JsonElement? parameters) =>
        parameters is not { } p || (IsObject(p) && ValidMeta(p));

    public static bool ToolsList(JsonElement? parameters) =>
        parameters is not { } p || (IsObject(p) && Optional(p, "cursor", IsString) && ValidMeta(p));

    /// <summary> step 1; <paramref name="arguments"/> is the raw <c>arguments</c> text, <c>{}</c> when omitted.</summary>
    public static bool ToolsCall(JsonElement? parameters, string version, out string name, out string arguments)
    {
        name = string.Empty;
        arguments = "{}";
        if (parameters is not { ValueKind: JsonValueKind.Object } p
            || !p.TryGetProperty("name", out var nameValue) || !IsString(nameValue)
            || !Optional(p, "arguments", IsObject) || !ValidMeta(p))
        {
            return false;
        }

        // Task-augmented calls are not supported; older revisions do not define the member, so it is ignored there.
        if (McpProtocolVersions.IsTasksAware(version) && p.TryGetProperty("task", out _))
        {
            return false;
        }

        name = nameValue.GetString()!;
        if (p.TryGetProperty("arguments", out var args))
        {
            arguments = args.GetRawText();
        }

        return true;
    }

    private static bool ValidClientCapabilities(JsonElement capabilities, bool structured, bool tasks)
    {
        if (!IsObject(capabilities))
        {
            return false;
        }

        return Optional(capabilities, "experimental", e => IsObject(e) && e.EnumerateObject().All(m => IsObject(m.Value)))
            && Optional(capabilities, "roots", r => IsObject(r) && Optional(r, "listChanged", IsBoolean))
            && Optional(capabilities, "sampling", s => tasks ? ObjectWithOptionalObjects(s, "context", "tools") : IsObject(s))
            && (!structured || Optional(capabilities, "elicitation", e => tasks ? ObjectWithOptionalObjects(e, "form", "url") : IsObject(e)))
            && (!tasks || Optional(capabilities, "tasks", ValidTasksCapability));
    }

    private static bool ValidTasksCapability(JsonElement tasks) =>
        ObjectWithOptionalObjects(tasks, "list", "cancel")
        && Optional(tasks, "requests", requests => IsObject(requests)
            && Optional(requests, "sampling", s => ObjectWithOptionalObjects(s, "createMessage"))
            && Optional(requests, "elicitation", e => ObjectWithOptionalObjects(e, "create")));

    private static bool ValidClientInfo(JsonElement info, string version)
    {
        if (!IsObject(info) || !Required(info, "name", IsString) || !Required(info, "version", IsString))
        {
            return false;
        }

        if (McpProtocolVersions.IsTasksAware(version))
        {
            return Optional(info, "title", IsString) && Optional(info, "description", IsString)
                && Optional(info, "websiteUrl", IsString) && Optional(info, "icons", ValidIcons);
        }

        return version != McpProtocolVersions.Structured || Optional(info, "title", IsString);
    }

    private static bool ValidIcons(JsonElement icons) =>
        icons.ValueKind == JsonValueKind.Array && icons.EnumerateArray().All(icon => IsObject(icon)
            && Required(icon, "src", IsString)
            && Optional(icon, "mimeType", IsString)
            && Optional(icon, "sizes", sizes => sizes.ValueKind == JsonValueKind.Array && sizes.EnumerateArray().All(IsString))
            && Optional(icon, "theme", theme => IsString(theme) && theme.GetString() is "light" or "dark"));
}
