using System.Text.Json;
using static Onprest.Gateway.Mcp.McpJsonRules;

namespace Onprest.Gateway.Mcp;

/// <summary>The recognized client notifications and their params rules (docs/api.md).</summary>
public static class McpNotifications
{
    public const string TasksStatus = "notifications/tasks/status";

    private static readonly HashSet<string> Recognized =
    [
        "notifications/cancelled",
        "notifications/initialized",
        "notifications/progress",
        "notifications/roots/list_changed",
        TasksStatus,
    ];

    private static readonly HashSet<string> TaskStatuses = ["working", "input_required", "completed", "failed", "cancelled"];

    public static bool IsRecognized(string method) => Recognized.Contains(method);

    /// <summary>Rule 2: <c>notifications/tasks/status</c> exists only for tasks-aware revisions.</summary>
    public static bool IsDefinedFor(string method, string version) =>
        method != TasksStatus || McpProtocolVersions.IsTasksAware(version);

    /// <summary>Rule 3: the params of a recognized notification.</summary>
    public static bool ValidParams(string method, JsonElement? parameters) => method switch
    {
        "notifications/initialized" or "notifications/roots/list_changed" =>
            parameters is not { } p || (IsObject(p) && Optional(p, "_meta", IsObject)),
        "notifications/cancelled" => parameters is { ValueKind: JsonValueKind.Object } p
            && Required(p, "requestId", IsStringOrNumber) && Optional(p, "reason", IsString) && Optional(p, "_meta", IsObject),
        "notifications/progress" => parameters is { ValueKind: JsonValueKind.Object } p
            && Required(p, "progressToken", IsStringOrNumber) && Required(p, "progress", IsNumber)
            && Optional(p, "message", IsString) && Optional(p, "total", IsNumber) && Optional(p, "_meta", IsObject),
        TasksStatus => parameters is { ValueKind: JsonValueKind.Object } p
            && Required(p, "taskId", IsString) && Required(p, "createdAt", IsString) && Required(p, "lastUpdatedAt", IsString)
            && Required(p, "status", s => IsString(s) && TaskStatuses.Contains(s.GetString()!))
            && Required(p, "ttl", ttl => ttl.ValueKind == JsonValueKind.Null || IsInteger(ttl))
            && Optional(p, "statusMessage", IsString) && Optional(p, "pollInterval", IsInteger) && Optional(p, "_meta", IsObject),
        _ => false,
    };
}
