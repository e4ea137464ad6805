using Onprest.Contracts.Errors;

namespace Onprest.Gateway.Tunnel;

/// <summary>A parsed agent response frame (docs/tunnel-protocol.md): the id and either an error or the raw result bytes.</summary>
internal sealed record AgentResponse(string? Id, PublicError? Error, byte[]? Result);
