using System.Buffers;
using System.Text.Json;
using Onprest.Agent.Capabilities;
using Onprest.Contracts.Errors;

namespace Onprest.Agent.Dispatch;

/// <summary>
/// One admitted request waiting for or held by a worker (docs/agent-databases.md): a call to execute, the metadata call,
/// or a prepare rejection answered in turn. Cancelling it drops it while queued and cancels it while running.
/// A call arrives <see cref="Pending"/>: it holds its params (in a pooled copy of the frame and the document read from
/// it, or a copy of their own) until the session has prepared it (capability, params, rate limit) — on a thread pool
/// thread, or on the tunnel's reader for a call that may start there (docs/tunnel.md).
/// </summary>
internal sealed class WorkItem : IDisposable, IThreadPoolWorkItem
{
    private readonly CancellationTokenSource _cancel;
    private int _state;
    private JsonDocument? _document;
    private byte[]? _frame;
    private Action<WorkItem>? _prepare;

    private WorkItem(string id, byte[] rawId, CancellationToken connection)
    {
        Id = id;
        RawId = rawId;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(connection);
    }

    public string Id { get; }

    public byte[] RawId { get; }

    public Capability? Capability { get; private set; }

    public object[] BoundValues { get; private set; } = [];

    /// <summary>The params of a pending call; valid until <see cref="ReleaseFrame"/>.</summary>
    public JsonElement? Params { get; private init; }

    /// <summary>True once <see cref="Cancel"/> dropped the item before a worker took it.</summary>
    public bool CancelledWhileQueued => Volatile.Read(ref _state) == 2;

    public bool IsMeta { get; private init; }

    /// <summary>Set for a prepare rejection (docs/agent-databases.md steps 4–5).</summary>
    public PublicError? Rejection { get; private set; }

    public CancellationToken Cancellation => _cancel.Token;

    /// <summary>
    /// A call still to be prepared. It owns <paramref name="frame"/> (rented from <see cref="ArrayPool{T}.Shared"/>)
    /// and <paramref name="document"/>, which was read from it, until <see cref="ReleaseFrame"/>; both are null when
    /// the params are read before the frame's buffer is reused, or are a copy of their own.
    /// </summary>
    public static WorkItem Pending(string id, byte[] rawId, string capability, JsonElement? parameters, string? traceParent, string? traceState, JsonDocument? document, byte[]? frame, CancellationToken connection) =>
        new(id, rawId, connection) { CapabilityName = capability, Params = parameters, TraceParent = traceParent, TraceState = traceState, _document = document, _frame = frame };

    /// <summary>The W3C trace context the gateway sent with the call (docs/configuration.md), if any.</summary>
    public string? TraceParent { get; private init; }

    public string? TraceState { get; private init; }

    public static WorkItem Meta(string id, byte[] rawId, CancellationToken connection) =>
        new(id, rawId, connection) { IsMeta = true, CapabilityName = "meta" };

    /// <summary>The prepared call: what a worker will execute.</summary>
    public void Prepared(Capability capability, object[] boundValues)
    {
        Capability = capability;
        BoundValues = boundValues;
    }

    /// <summary>A prepare rejection (docs/agent-databases.md steps 4–5), answered when a worker takes the item.</summary>
    public void Reject(PublicError error, string detail)
    {
        Rejection = error;
        RejectionDetail = detail;
    }

    /// <summary>The private detail of a prepare rejection.</summary>
    public string RejectionDetail { get; private set; } = "";

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

    /// <summary>Queues the preparation on the thread pool (the item is its own work item: nothing more is allocated).</summary>
    public void Dispatch(Action<WorkItem> prepare)
    {
        _prepare = prepare;
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    void IThreadPoolWorkItem.Execute() => _prepare!(this);

    /// <summary>Gives the frame back once the params are read (idempotent).</summary>
    public void ReleaseFrame()
    {
        Interlocked.Exchange(ref _document, null)?.Dispose();
        var frame = Interlocked.Exchange(ref _frame, null);
        if (frame is not null)
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    public void Dispose()
    {
        ReleaseFrame();
        _cancel.Dispose();
    }
}
