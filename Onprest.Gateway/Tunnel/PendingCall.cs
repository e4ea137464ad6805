namespace Onprest.Gateway.Tunnel;

/// <summary>
/// One call on one connection and its send state (docs/tunnel-protocol.md): queued → sending → sent (→ canceling).
/// The lock keeps the caller's deadline and the writer from racing over whether a cancel frame is owed.
/// </summary>
internal sealed class PendingCall
{
    private readonly Lock _gate = new();
    // Synchronous continuations on purpose: the tunnel's reader completes the reply and goes straight on into the
    // caller's answer (a pass-through write into Kestrel's pipe, which never blocks), instead of waking another thread
    // for it — one thread hop less per call (bench/README.md). Nothing behind this await blocks, except the event log
    // once stdout has stopped draining for 16,384 lines (StdoutEventSink), which stalls every request path alike.
    private readonly TaskCompletionSource<AgentReply> _reply = new();
    private SendState _state = SendState.Queued;

    public PendingCall(string id, byte[] frame)
    {
        Id = id;
        Frame = frame;
    }

    private enum SendState
    {
        Queued,
        Sending,
        Sent,
        Dropped,
        CancelAfterSend,
        Canceling,
    }

    public string Id { get; }

    public byte[] Frame { get; }

    public Task<AgentReply> Reply => _reply.Task;

    /// <summary>The writer takes the call; false when it was abandoned while queued (the frame is never sent).</summary>
    public bool TryBeginSend()
    {
        lock (_gate)
        {
            if (_state != SendState.Queued)
            {
                return false;
            }

            _state = SendState.Sending;
            return true;
        }
    }

    /// <summary>The write completed; true when the caller gave up meanwhile and a cancel frame is owed now.</summary>
    public bool EndSend()
    {
        lock (_gate)
        {
            if (_state == SendState.CancelAfterSend)
            {
                _state = SendState.Canceling;
                return true;
            }

            _state = SendState.Sent;
            return false;
        }
    }

    /// <summary>The caller's deadline or disconnect; true when a cancel frame must be queued now (the frame was sent).</summary>
    public bool Abandon()
    {
        lock (_gate)
        {
            switch (_state)
            {
                case SendState.Queued:
                    _state = SendState.Dropped;
                    return false;
                case SendState.Sending:
                    _state = SendState.CancelAfterSend;
                    return false;
                case SendState.Sent:
                    _state = SendState.Canceling;
                    return true;
                default:
                    return false;
            }
        }
    }

    public void Complete(AgentReply reply) => _reply.TrySetResult(reply);
}
