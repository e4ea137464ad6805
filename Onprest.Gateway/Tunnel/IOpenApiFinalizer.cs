namespace Onprest.Gateway.Tunnel;

/// <summary>
/// Turns the agent's OpenAPI document (the <c>data</c> of the metadata answer) into the gateway's finalized,
/// unfiltered document (docs/api.md). Called once per successful metadata fetch; the tunnel caches the result
/// in <see cref="AgentMetadata.OpenApiDocument"/>. Throws <see cref="FormatException"/> when the document is unusable.
/// </summary>
public interface IOpenApiFinalizer
{
    byte[] Finalize(ReadOnlyMemory<byte> agentDocument);
}
