using System.Text.Json;
using Onprest.Agent.Capabilities;

namespace Onprest.Agent.OpenApi;

/// <summary>
/// The result of the gateway's <c>meta</c> call (docs/tunnel-protocol.md):
/// <c>{"data":&lt;OpenAPI document&gt;,"response_kinds":{"&lt;cap&gt;":"select"|"mutation",…}}</c>.
/// <c>response_kinds</c> covers every capability, hidden ones included, in ascending ordinal name order.
/// </summary>
public static class MetadataAnswer
{
    public const string Select = "select";
    public const string Mutation = "mutation";

    public static byte[] Build(AgentConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, OpenApiJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("data");
            OpenApiDocumentBuilder.Write(writer, config);
            writer.WriteStartObject("response_kinds");
            foreach (var capability in OpenApiDocumentBuilder.OrderedCapabilities(config))
            {
                writer.WriteString(capability.Name, ResponseKind(capability));
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary><c>select</c> for SELECT capabilities, <c>mutation</c> for INSERT, UPDATE and DELETE.</summary>
    public static string ResponseKind(Capability capability)
    {
        ArgumentNullException.ThrowIfNull(capability);
        return capability.IsMutation ? Mutation : Select;
    }
}
