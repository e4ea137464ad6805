namespace Onprest.Contracts.Tunnel;

/// <summary>
/// The member names of the tunnel's frames (docs/tunnel-protocol.md section 3), as UTF-8, spelled once: the gateway
/// and the agent write and read them from here only.
/// </summary>
public static class FrameMembers
{
    /// <summary>Every frame's wire id.</summary>
    public static ReadOnlySpan<byte> Id => "id"u8;

    /// <summary>A control frame's kind (<c>cancel</c>); absent in requests and responses.</summary>
    public static ReadOnlySpan<byte> Type => "type"u8;

    public static ReadOnlySpan<byte> Capability => "capability"u8;

    public static ReadOnlySpan<byte> Params => "params"u8;

    public static ReadOnlySpan<byte> TraceParent => "traceparent"u8;

    public static ReadOnlySpan<byte> TraceState => "tracestate"u8;

    public static ReadOnlySpan<byte> Result => "result"u8;

    public static ReadOnlySpan<byte> Error => "error"u8;

    /// <summary>Inside <see cref="Error"/>.</summary>
    public static ReadOnlySpan<byte> Code => "code"u8;

    /// <summary>Inside <see cref="Error"/>; omitted when empty.</summary>
    public static ReadOnlySpan<byte> Message => "message"u8;
}
