using System.Text.Json;
using Onprest.Agent.Capabilities;

namespace Onprest.Agent.OpenApi;

/// <summary>
/// The agent's OpenAPI 3.1 document (docs/api.md): one POST path per exposed capability in ascending
/// ordinal name order, no servers/security/components (the gateway adds them). Built from the linted
/// configuration only; it never contains SQL, connection details, keys or runtime values.
/// </summary>
public static class OpenApiDocumentBuilder
{
    /// <summary>The path prefix of a capability's REST route (docs/gateway.md).</summary>
    public const string PathPrefix = "/api/v1/capabilities/";

    public static byte[] Build(AgentConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, OpenApiJson.WriterOptions))
        {
            Write(writer, config);
        }

        return buffer.ToArray();
    }

    internal static void Write(Utf8JsonWriter writer, AgentConfiguration config)
    {
        writer.WriteStartObject();
        writer.WriteString("openapi", "3.1.0");
        writer.WriteStartObject("info");
        writer.WriteString("title", config.Service.Title);
        writer.WriteString("version", config.Service.Version);
        writer.WriteString("description", config.Service.Description);
        writer.WriteEndObject();

        writer.WriteStartObject("paths");
        foreach (var capability in OrderedCapabilities(config))
        {
            if (!capability.Policy.ExposeInOpenApi)
            {
                continue;
            }

            writer.WriteStartObject(PathPrefix + capability.Name);
            writer.WritePropertyName("post");
            WriteOperation(writer, capability);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Ascending ordinal name order, whatever order the list arrives in; the first of a repeated name wins.</summary>
    internal static IEnumerable<Capability> OrderedCapabilities(AgentConfiguration config) =>
        config.Capabilities
            .DistinctBy(c => c.Name, StringComparer.Ordinal)
            .OrderBy(c => c.Name, StringComparer.Ordinal);

    private static void WriteOperation(Utf8JsonWriter writer, Capability capability)
    {
        writer.WriteStartObject();
        writer.WriteString("summary", capability.Name);
        writer.WriteString("description", capability.Description);
        writer.WriteString("x-onprest-capability", capability.Name);

        writer.WriteStartObject("requestBody");
        writer.WriteBoolean("required", true);
        writer.WriteStartObject("content");
        writer.WriteStartObject("application/json");
        writer.WritePropertyName("schema");
        RequestSchemaWriter.Write(writer, capability.Parameters);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();

        writer.WriteStartObject("responses");
        writer.WriteStartObject("200");
        writer.WriteString("description", "Capability result");
        writer.WriteStartObject("content");
        writer.WriteStartObject("application/json");
        writer.WritePropertyName("schema");
        ResponseSchemaWriter.Write(writer, capability);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();

        if (capability.Annotations is { } annotations)
        {
            WriteAnnotations(writer, annotations);
        }

        if (capability.Examples is { } examples)
        {
            WriteExamples(writer, examples);
        }

        writer.WriteEndObject();
    }

    private static void WriteAnnotations(Utf8JsonWriter writer, CapabilityAnnotations annotations)
    {
        // exactly the keys written, an explicit false kept, nothing synthesized.
        writer.WriteStartObject("x-onprest-annotations");
        WriteFlag(writer, "read_only", annotations.ReadOnly);
        WriteFlag(writer, "destructive", annotations.Destructive);
        WriteFlag(writer, "idempotent", annotations.Idempotent);
        WriteFlag(writer, "open_world", annotations.OpenWorld);
        writer.WriteEndObject();
    }

    private static void WriteFlag(Utf8JsonWriter writer, string name, bool? value)
    {
        if (value is bool flag)
        {
            writer.WriteBoolean(name, flag);
        }
    }

    private static void WriteExamples(Utf8JsonWriter writer, IReadOnlyList<IReadOnlyDictionary<string, object?>> examples)
    {
        writer.WriteStartArray("x-onprest-examples");
        foreach (var example in examples)
        {
            writer.WriteStartObject();
            writer.WriteStartObject("params");

            // Dictionary order is not a contract: members are written in ascending ordinal name order.
            foreach (var (name, value) in example.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(name);
                OpenApiJson.WriteValue(writer, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
