using Onprest.Contracts.Errors;

namespace Onprest.Contracts.Tunnel;

/// <summary>A parsed response frame: the id and either an error or the raw <c>result</c> bytes.</summary>
public sealed record TunnelResponse(string? Id, PublicError? Error, byte[]? Result);
