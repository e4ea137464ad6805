using System.Text.Json;
using Onprest.Agent.Capabilities;

namespace Onprest.Agent.OpenApi;

/// <summary>The RESPONSE schemas of docs/api.md: SELECT rows with their ITEM, or a DML count.</summary>
internal static class ResponseSchemaWriter
{
    public static void Write(Utf8JsonWriter writer, Capability capability)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "object");
        writer.WriteStartObject("properties");
        if (!capability.IsMutation)
        {
            writer.WriteStartObject("rows");
            writer.WriteString("type", "array");
            writer.WritePropertyName("items");
            WriteItem(writer, capability.Result);
            writer.WriteEndObject();
        }

        WriteCount(writer);
        writer.WriteEndObject();
        writer.WriteStartArray("required");
        if (!capability.IsMutation)
        {
            writer.WriteStringValue("rows");
        }

        writer.WriteStringValue("count");
        writer.WriteEndArray();
        writer.WriteBoolean("additionalProperties", false);
        writer.WriteEndObject();
    }

    private static void WriteCount(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("count");
        writer.WriteString("type", "integer");
        writer.WriteString("format", "int64");
        writer.WriteNumber("minimum", 0);
        writer.WriteEndObject();
    }

    private static void WriteItem(Utf8JsonWriter writer, IReadOnlyList<ResultColumn>? result)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "object");
        if (result is not { Count: > 0 })
        {
            // No allow-list: every row is published as {} (docs/agent-params.md).
            writer.WriteBoolean("additionalProperties", false);
            writer.WriteEndObject();
            return;
        }

        // Rows carry their members in ascending ordinal name order; the schema follows them.
        var columns = result
            .DistinctBy(c => c.Name, StringComparer.Ordinal)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
        writer.WriteStartObject("properties");
        foreach (var column in columns)
        {
            writer.WriteStartObject(column.Name);
            writer.WriteStartArray("type");
            writer.WriteStringValue(OpenApiJson.TypeName(column.Type));
            writer.WriteStringValue("null");
            writer.WriteEndArray();
            if (column.Type == ParamType.Integer)
            {
                writer.WriteString("format", "int64");
            }

            if (!string.IsNullOrEmpty(column.Description))
            {
                writer.WriteString("description", column.Description);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteBoolean("additionalProperties", false);
        writer.WriteStartArray("required");
        foreach (var column in columns)
        {
            writer.WriteStringValue(column.Name);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
