using System.Text.Json;

namespace Onprest.Contracts.Tunnel;

/// <summary>
/// The call members of a received request frame. <paramref name="Capability"/> is null when it is not a string;
/// <paramref name="ParamsValid"/> is false when <c>params</c> is absent or neither an object nor null; the trace
/// context is null when absent or not a readable string.
/// </summary>
public readonly record struct RequestMembers(string? Capability, bool ParamsValid, JsonElement? Params, string? TraceParent, string? TraceState);
