using System.Text.Json;

namespace Onprest.Agent.Dispatch;

/// <summary>One gateway frame classified by docs/tunnel-protocol.md.</summary>
internal abstract record GatewayFrame
{
    private GatewayFrame()
    {
    }

    /// <summary>Not JSON, not an object, duplicate member names, or a non-string <c>type</c>: answered with id <c>""</c>.</summary>
    public sealed record Malformed(string Detail) : GatewayFrame;

    /// <summary>An empty, missing, non-string or over-long id (request or cancel): the connection closes silently.</summary>
    public sealed record InvalidId : GatewayFrame;

    /// <summary>A <c>type</c> other than <c>cancel</c>: a detail-log record, otherwise ignored.</summary>
    public sealed record UnknownControl : GatewayFrame;

    public sealed record Cancel(string Id) : GatewayFrame;

    /// <summary>
    /// A request. <paramref name="RawId"/> is the id's JSON token as sent (echoed back verbatim).
    /// <paramref name="Capability"/> is null when it is not a string; <paramref name="ParamsValid"/> is false when
    /// params is absent or neither an object nor null.
    /// </summary>
    public sealed record Request(string Id, byte[] RawId, string? Capability, bool ParamsValid, JsonElement? Params, string? TraceParent, string? TraceState = null) : GatewayFrame;
}
