using System.Text.Json;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Tests.Tunnel;

/// <summary>Stands in for the gateway-edge finalizer: returns the document unchanged, refuses one without <c>openapi</c>.</summary>
internal sealed class PassThroughFinalizer : IOpenApiFinalizer
{
    public byte[] Finalize(ReadOnlyMemory<byte> agentDocument)
    {
        using var document = JsonDocument.Parse(agentDocument);
        if (!document.RootElement.TryGetProperty("openapi", out _))
        {
            throw new FormatException("not an OpenAPI document");
        }

        return agentDocument.ToArray();
    }
}
