using System.Text.Json;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Capabilities.Params;

namespace Onprest.Agent.OpenApi;

/// <summary>The REQUEST and PARAM schemas of docs/api.md.</summary>
internal static class RequestSchemaWriter
{
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<ParameterSpec> parameters)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "object");

        // Properties keep the order written in capability.yaml (docs/agent-params.md); `required` is sorted.
        writer.WriteStartObject("properties");
        foreach (var parameter in parameters)
        {
            writer.WritePropertyName(parameter.Name);
            WriteParam(writer, parameter);
        }

        writer.WriteEndObject();
        writer.WriteBoolean("additionalProperties", false);

        var required = parameters
            .Where(p => p.Required && !p.HasDefault)
            .Select(p => p.Name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (required.Count > 0)
        {
            writer.WriteStartArray("required");
            foreach (var name in required)
            {
                writer.WriteStringValue(name);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteParam(Utf8JsonWriter writer, ParameterSpec parameter)
    {
        writer.WriteStartObject();
        writer.WriteString("type", OpenApiJson.TypeName(parameter.Type));
        if (parameter.Type == ParamType.Integer)
        {
            writer.WriteString("format", "int64");
        }
        else if (parameter.Type == ParamType.String && parameter.Format != StringFormat.None)
        {
            writer.WriteString("format", ParamReasons.FormatName(parameter.Format));
        }

        if (parameter.HasDefault && parameter.Default is { } defaultValue)
        {
            writer.WritePropertyName("default");
            OpenApiJson.WriteValue(writer, defaultValue);
        }

        // An empty enum means "no constraint" (docs/capability-yaml.md); JSON Schema would read [] as "nothing valid".
        if (parameter.Enum is { Count: > 0 } members)
        {
            writer.WriteStartArray("enum");
            foreach (var member in members)
            {
                OpenApiJson.WriteValue(writer, member);
            }

            writer.WriteEndArray();
        }

        if (parameter.Minimum is long minimum)
        {
            writer.WriteNumber("minimum", minimum);
        }

        if (parameter.Maximum is long maximum)
        {
            writer.WriteNumber("maximum", maximum);
        }

        if (parameter.MinLength is int minLength)
        {
            writer.WriteNumber("minLength", minLength);
        }

        if (parameter.MaxLength is int maxLength)
        {
            writer.WriteNumber("maxLength", maxLength);
        }

        if (!string.IsNullOrEmpty(parameter.PatternText))
        {
            writer.WriteString("pattern", parameter.PatternText);
        }

        if (!string.IsNullOrEmpty(parameter.Description))
        {
            writer.WriteString("description", parameter.Description);
        }

        writer.WriteEndObject();
    }
}
