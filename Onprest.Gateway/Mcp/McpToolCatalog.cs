using System.Text.Json;
using ModelContextProtocol.Protocol;
using Onprest.Gateway.Configuration;

namespace Onprest.Gateway.Mcp;

/// <summary>
/// Tools derived from the cached OpenAPI document (docs/api.md): one per operation with
/// <c>x-onprest-capability</c> the key may use, sorted by name.
/// </summary>
public static class McpToolCatalog
{
    private const string ErrorResultSchema =
        "{\"type\":\"object\",\"properties\":{\"error\":{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"string\"},\"message\":{\"type\":\"string\"}},\"required\":[\"code\",\"message\"],\"additionalProperties\":false}},\"required\":[\"error\"],\"additionalProperties\":false}";

    private static readonly JsonElement EmptyObjectSchema = Parse("{\"type\":\"object\"}");

    public static List<Tool> For(ReadOnlyMemory<byte> document, ApiKeyEntry key, string version)
    {
        using var parsed = JsonDocument.Parse(document, new JsonDocumentOptions { MaxDepth = 256 });
        var tools = new SortedDictionary<string, Tool>(StringComparer.Ordinal);
        if (!parsed.RootElement.TryGetProperty("paths", out var paths) || paths.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        foreach (var path in paths.EnumerateObject())
        {
            if (path.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Value.ValueKind == JsonValueKind.Object
                    && operation.Value.TryGetProperty("x-onprest-capability", out var capability)
                    && capability.ValueKind == JsonValueKind.String
                    && capability.GetString() is { } name
                    && key.Allows(name)
                    && !tools.ContainsKey(name))
                {
                    tools[name] = ToTool(name, operation.Value, version);
                }
            }
        }

        return [.. tools.Values];
    }

    private static Tool ToTool(string name, JsonElement operation, string version)
    {
        var tool = new Tool { Name = name, Description = Description(operation, name) };
        try
        {
            tool.InputSchema = InputSchema(operation);
        }
        catch (ArgumentException)
        {
            tool.InputSchema = EmptyObjectSchema;
        }

        if (Annotations(operation) is { } annotations)
        {
            tool.Annotations = annotations;
        }

        if (McpProtocolVersions.IsStructured(version) && SuccessSchema(operation) is { } success)
        {
            tool.OutputSchema = Parse("{\"type\":\"object\",\"anyOf\":[" + success.GetRawText() + "," + ErrorResultSchema + "]}");
        }

        return tool;
    }

    private static string Description(JsonElement operation, string name)
    {
        if (operation.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String && d.GetString() is { Length: > 0 } description)
        {
            return description;
        }

        return operation.TryGetProperty("summary", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : name;
    }

    private static JsonElement InputSchema(JsonElement operation)
    {
        if (TryPath(operation, out var schema, "requestBody", "content", "application/json", "schema"))
        {
            if (TryPath(schema, out var inner, "properties", "params"))
            {
                return inner.Clone();
            }

            return schema.Clone();
        }

        return EmptyObjectSchema;
    }

    private static JsonElement? SuccessSchema(JsonElement operation) =>
        TryPath(operation, out var schema, "responses", "200", "content", "application/json", "schema")
        && schema.ValueKind == JsonValueKind.Object
        && schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "object"
            ? schema
            : null;

    private static ToolAnnotations? Annotations(JsonElement operation)
    {
        if (!operation.TryGetProperty("x-onprest-annotations", out var source) || source.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        bool? Flag(string member) =>
            source.TryGetProperty(member, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

        var annotations = new ToolAnnotations
        {
            ReadOnlyHint = Flag("read_only"),
            DestructiveHint = Flag("destructive"),
            IdempotentHint = Flag("idempotent"),
            OpenWorldHint = Flag("open_world"),
        };
        return annotations.ReadOnlyHint is null && annotations.DestructiveHint is null
            && annotations.IdempotentHint is null && annotations.OpenWorldHint is null ? null : annotations;
    }

    private static bool TryPath(JsonElement start, out JsonElement found, params string[] members)
    {
        found = start;
        foreach (var member in members)
        {
            if (found.ValueKind != JsonValueKind.Object || !found.TryGetProperty(member, out found))
            {
                return false;
            }
        }

        return true;
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
