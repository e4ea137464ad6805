using System.Security.Cryptography;
using System.Text.Json;

namespace Onprest.Gateway.Tunnel;

/// <summary>
/// One agent's cached metadata and, per capability, a digest of its definition (docs/agent-pool.md): the response
/// kind plus the capability's operation in the OpenAPI document, byte for byte. A hidden capability has no operation
/// in the document, so its digest covers the whole document: it is routed only to agents whose metadata is identical.
/// </summary>
internal sealed class CachedMetadata
{
    private const string PathPrefix = "/api/v1/capabilities/";

    private CachedMetadata(AgentMetadata metadata, Dictionary<string, string> definitions)
    {
        Metadata = metadata;
        Definitions = definitions;
    }

    public AgentMetadata Metadata { get; }

    /// <summary>Capability name → hex SHA-256 of its definition.</summary>
    public IReadOnlyDictionary<string, string> Definitions { get; }

    public string? KindOf(string capability) => Metadata.ResponseKinds.TryGetValue(capability, out var kind) ? kind : null;

    public static CachedMetadata Of(AgentMetadata metadata)
    {
        var document = metadata.OpenApiDocument.Span;
        var operations = PathItems(document);
        var whole = Convert.ToHexString(SHA256.HashData(document));
        var definitions = new Dictionary<string, string>(metadata.ResponseKinds.Count, StringComparer.Ordinal);
        foreach (var (capability, kind) in metadata.ResponseKinds)
        {
            definitions[capability] = operations.TryGetValue(capability, out var item)
                ? Digest(kind, item)
                : kind + ":" + whole;
        }

        return new CachedMetadata(metadata, definitions);
    }

    private static string Digest(string kind, ReadOnlyMemory<byte> pathItem) =>
        kind + ":" + Convert.ToHexString(SHA256.HashData(pathItem.Span));

    /// <summary>The raw bytes of each <c>paths["/api/v1/capabilities/{name}"]</c> item, by capability name.</summary>
    private static Dictionary<string, ReadOnlyMemory<byte>> PathItems(ReadOnlySpan<byte> document)
    {
        var items = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        var copy = document.ToArray();
        var reader = new Utf8JsonReader(copy, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return items;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isPaths = reader.ValueTextEquals("paths"u8);
            reader.Read();
            if (!isPaths || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var path = reader.GetString() ?? "";
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (path.StartsWith(PathPrefix, StringComparison.Ordinal))
                {
                    items[path[PathPrefix.Length..]] = copy.AsMemory(start, (int)reader.BytesConsumed - start);
                }
            }

            break;
        }

        return items;
    }
}
