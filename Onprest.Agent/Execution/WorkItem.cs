using Onprest.Agent.Capabilities;
using Onprest.Contracts.Errors;

namespace Onprest.Agent.Execution;

/// <summary>
/// One admitted request waiting for or held by a worker (execution.md §2–§3): a call to execute, the metadata call,
/// or a prepare rejection answered in turn. Cancelling it drops it while queued and cancels it while running.
/// </summary>
internal sealed class WorkItem : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private int _state;

    private WorkItem(string id, byte[] rawId, CancellationToken connection)
    {
        Id = id;
        RawId = rawId;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(connection);
    }

    public string Id { get; }

    public byte[] RawId { get; }

    public Capability? Capability { get; private init; }

    public object[] BoundValues { get; private init; } = [];

    public bool IsMeta { get; private init; }

    /// <summary>Set for a prepare rejection (execution.md §3 steps 4–5).</summary>
    public PublicError? Rejection { get; private init; }

    public CancellationToken Cancellation => _cancel.Token;

    public static WorkItem Call(string id, byte[] rawId, Capability capability, object[] boundValues, string? traceParent, string? traceState, CancellationToken connection) =>
        new(id, rawId, connection) { Capability = capability, BoundValues = boundValues, TraceParent = traceParent, TraceState = traceState };

    /// <summary>The W3C trace context the gateway sent with the call (logging.md §2), if any.</summary>
    public string? TraceParent { get; private init; }

    public string? TraceState { get; private init; }

    public static WorkItem Meta(string id, byte[] rawId, CancellationToken connection) =>
        new(id, rawId, connection) { IsMeta = true };

    public static WorkItem Rejected(string id, byte[] rawId, string capability, PublicError error, string detail, CancellationToken connection) =>
        new(id, rawId, connection) { Rejection = error, RejectionDetail = detail, CapabilityName = capability };

    /// <summary>The private detail of a prepare rejection.</summary>
    public string RejectionDetail { get; private init; } = "";

    /// <summary>The capability name as requested (for detail-log records of rejections).</summary>
    public string CapabilityName { get; private init; } = "";

    /// <summary>A worker takes the item; false when it was cancelled while waiting (then it is dropped silently).</summary>
    public bool TryStart() => Interlocked.CompareExchange(ref _state, 1, 0) == 0;

    /// <summary>
    /// The gateway's cancel frame: a queued item will be dropped, a running one is cancelled. Returns true when the
    /// item was still queued (it will never run).
    /// </summary>
    public bool Cancel()
    {
        var wasQueued = Interlocked.CompareExchange(ref _state, 2, 0) == 0;
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }

        return wasQueued;
    }

    public void Dispose() => _cancel.Dispose();
}
