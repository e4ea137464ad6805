using Onprest.Contracts.Errors;

namespace Onprest.Gateway.Mcp;

/// <summary>What the one <c>request</c> event of a <c>tools/call</c> needs (docs/api.md), filled in as the call progresses.</summary>
internal sealed class McpToolCall(string requestId)
{
    public string RequestId { get; } = requestId;

    public string Capability { get; set; } = string.Empty;

    public string KeyName { get; set; } = string.Empty;

    public int Status { get; set; } = StatusCodes.Status200OK;

    public long? Count { get; set; }

    public PublicError? Error { get; set; } = PublicErrors.GatewayInternal;

    /// <summary>The agent's result of a successful call, written to the caller as it came (pass-through).</summary>
    public ReadOnlyMemory<byte>? AgentResult { get; set; }
}
