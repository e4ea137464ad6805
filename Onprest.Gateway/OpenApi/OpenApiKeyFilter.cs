using System.Text.Json.Nodes;
using Onprest.Gateway.Configuration;

namespace Onprest.Gateway.OpenApi;

/// <summary>
/// The per-key copy of docs/api.md: operations whose <c>x-onprest-capability</c> the key may not use are
/// removed (and operations without it), then paths left without an operation; everything else is kept.
/// </summary>
public static class OpenApiKeyFilter
{
    private static readonly HashSet<string> OperationMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    public static ReadOnlyMemory<byte> Filter(ReadOnlyMemory<byte> finalized, ApiKeyEntry key)
    {
        if (key.AllowsEverything)
        {
            return finalized;
        }

        var document = (JsonObject)OpenApiJson.Parse(finalized.Span)!;
        if (document["paths"] is JsonObject paths)
        {
            foreach (var (path, item) in paths.ToList())
            {
                if (item is not JsonObject pathItem)
                {
                    paths.Remove(path);
                    continue;
                }

                var kept = 0;
                foreach (var (member, operation) in pathItem.ToList())
                {
                    if (!OperationMethods.Contains(member))
                    {
                        continue;
                    }

                    if (CapabilityOf(operation) is { } capability && key.Allows(capability))
                    {
                        kept++;
                    }
                    else
                    {
                        pathItem.Remove(member);
                    }
                }

                if (kept == 0)
                {
                    paths.Remove(path);
                }
            }
        }

        return OpenApiJson.Serialize(document);
    }

    public static string? CapabilityOf(JsonNode? operation) =>
        operation is JsonObject o && o["x-onprest-capability"] is JsonValue v && v.TryGetValue<string>(out var name) ? name : null;
}
