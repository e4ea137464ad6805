using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Threading.Channels;
using Onprest.Contracts.Errors;

namespace Onprest.Gateway.Tunnel;

/// <summary>
/// One live agent WebSocket (docs/tunnel-protocol.md): a reader that correlates responses by id, a single writer that
/// always drains the <c>control</c> queue before the <c>send</c> queue (128 frames each), and the release of every
/// pending call the moment the connection ends. Reading, the write deadline and the close handshake are the wire's
/// <see cref="MessagePump"/>.
/// </summary>
internal sealed class AgentConnection
{
    public const int QueueCapacity = 128;

    private readonly MessagePump _pump;
    private readonly TunnelTimings _timings;
    private readonly TimeProvider _time;
    private readonly TunnelEvents _events;
    private readonly ConcurrentDictionary<string, PendingCall> _pending = new(StringComparer.Ordinal);
    private readonly Channel<PendingCall> _send = Channel.CreateBounded<PendingCall>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true });
    private readonly Channel<byte[]> _control = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true });

    // One token per queued frame in either queue, so the writer waits on a single primitive. Synchronous
    // continuations let the thread that queues a frame run the idle writer's next step itself: the frame goes out
    // without waking another thread first (one thread hop less per call; bench/README.md).
    private readonly Channel<bool> _framesAvailable = Channel.CreateUnbounded<bool>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });

    private readonly CancellationTokenSource _stop = new();
    private readonly Func<ReadOnlyMemory<byte>, bool> _onMessage;
    private readonly Action<AgentConnection>? _onClosed;
    private int _closed;
    private int _inFlight;
    private volatile bool _drained;
    private int _detached;

    /// <param name="closed">Called once, when the connection is marked closed (before its close handshake ends).</param>
    public AgentConnection(WebSocket socket, string remote, TunnelTimings timings, TimeProvider time, TunnelEvents events, Action<AgentConnection>? closed = null)
    {
        _onClosed = closed;
        _pump = new MessagePump(socket, timings, time, _ => MarkClosed());
        _onMessage = message =>
        {
            Dispatch(message.Span);
            return true;
        };
        Remote = remote;
        _timings = timings;
        _time = time;
        _events = events;
    }

    public string Remote { get; }

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Number of calls waiting for an answer (tests observe the release on disconnect).</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Calls on this connection currently awaiting a reply, from registration to their answer or release.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Runs the reader and the writer until the connection ends; every pending call is then released with 503.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var writer = Task.Run(WriteLoopAsync, CancellationToken.None);
        await using (stopping.Register(() => _ = DrainThenCloseAsync()))
        {
            try
            {
                await ReadLoopAsync().ConfigureAwait(false);
            }
            catch (WebSocketException)
            {
                // Aborted (keepalive, write failure, close grace) or the peer vanished: both end the connection.
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                _pump.ReadingEnded();
                MarkClosed();
                await _stop.CancelAsync().ConfigureAwait(false);
                await writer.ConfigureAwait(false);
                _pump.Abort();
            }
        }
    }

    /// <summary>
    /// Queues one request frame and waits for its answer. <paramref name="deadline"/> is the call's 30 s budget
    /// combined with the caller's own disconnect; when it fires the frame is dropped (queued) or a cancel frame is
    /// sent (sending/sent), and the call ends as 504.
    /// </summary>
    public async Task<AgentReply> SendAsync(string id, byte[] frame, CancellationToken deadline)
    {
        var call = new PendingCall(id, frame);
        if (!_pending.TryAdd(id, call))
        {
            return AgentReply.Failed(PublicErrors.GatewayInternal);
        }

        Interlocked.Increment(ref _inFlight);
        try
        {
            // MarkClosed sets the flag before draining the table, so a call registered concurrently is released here.
            if (IsClosed)
            {
                _pending.TryRemove(id, out _);
                return AgentReply.Offline;
            }

            try
            {
                await _send.Writer.WriteAsync(call, deadline).ConfigureAwait(false);
                _framesAvailable.Writer.TryWrite(true);
            }
            catch (OperationCanceledException)
            {
                _pending.TryRemove(id, out _);
                return AgentReply.TimedOut;
            }
            catch (ChannelClosedException)
            {
                _pending.TryRemove(id, out _);
                return AgentReply.Offline;
            }

            try
            {
                return await call.Reply.WaitAsync(deadline).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _pending.TryRemove(id, out _);
                if (call.Reply.IsCompletedSuccessfully)
                {
                    return call.Reply.Result;
                }

                if (call.Abandon())
                {
                    QueueCancel(id);
                }

                return AgentReply.TimedOut;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>
    /// on gateway shutdown, calls already in flight get up to the shutdown grace to be answered, then the
    /// connection is closed with 1000.
    /// </summary>
    private async Task DrainThenCloseAsync()
    {
        var started = _time.GetTimestamp();
        while (!IsClosed && !_pending.IsEmpty && _time.GetElapsedTime(started) < _timings.ShutdownGrace)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), _time).ConfigureAwait(false);
        }

        await CloseAsync().ConfigureAwait(false);
    }

    /// <summary>Closes with code 1000; the socket is dropped if the agent has not completed the close within 250 ms (docs/tunnel-protocol.md).</summary>
    public Task CloseAsync()
    {
        MarkClosed();
        return _pump.CloseAsync();
    }

    private void QueueCancel(string id)
    {
        // docs/tunnel-protocol.md: a cancel that does not fit on the full control queue closes the connection.
        if (_control.Writer.TryWrite(CancelFrame.Build(id)))
        {
            _framesAvailable.Writer.TryWrite(true);
        }
        else
        {
            _ = CloseAsync();
        }
    }

    private void MarkClosed()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _send.Writer.TryComplete();
        _control.Writer.TryComplete();
        // After a drained close every answer the agent will ever send has arrived: what still waits never ran.
        var release = _drained ? AgentReply.NotExecuted : AgentReply.Offline;
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var call))
            {
                call.Complete(release);
            }
        }

        // The agent's slot is free from the moment it is reported gone, not only after the close handshake: a
        // restarted agent is never refused with 409 while /healthz already says no agent is connected.
        _onClosed?.Invoke(this);
    }

    /// <summary>True the first time only: the tunnel releases this connection's slot exactly once.</summary>
    internal bool TryDetach() => Interlocked.Exchange(ref _detached, 1) == 0;

    private async Task WriteLoopAsync()
    {
        try
        {
            while (true)
            {
                await _framesAvailable.Reader.ReadAsync(_stop.Token).ConfigureAwait(false);
                if (_control.Reader.TryRead(out var cancel))
                {
                    if (!await WriteAsync(cancel).ConfigureAwait(false))
                    {
                        return;
                    }

                    continue;
                }

                if (!_send.Reader.TryRead(out var call) || !call.TryBeginSend())
                {
                    continue;
                }

                if (!await WriteAsync(call.Frame).ConfigureAwait(false))
                {
                    return;
                }

                if (call.EndSend())
                {
                    QueueCancel(call.Id);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One frame with the 5 s write deadline; a failed or late write closes the connection.</summary>
    private Task<bool> WriteAsync(byte[] frame) => IsClosed ? Task.FromResult(false) : _pump.SendAsync(frame, _stop.Token);

    private async Task ReadLoopAsync()
    {
        var end = await _pump.ReadAsync(_onMessage).ConfigureAwait(false);
        switch (end)
        {
            case MessagePumpEnd.PeerClosed:
                _drained = _pump.PeerDrained;
                MarkClosed();
                await _pump.AnswerCloseAsync().ConfigureAwait(false);
                return;
            case MessagePumpEnd.Binary:
                // docs/tunnel-protocol.md: a binary message is a protocol error; the receiver closes the connection.
                _events.AgentBadMessage("agent sent a binary message");
                break;
            default:
                // Too large: the handler above never stops the reading.
                _events.AgentBadMessage("agent message exceeds 16777216 bytes");
                break;
        }

        await CloseAsync().ConfigureAwait(false);
    }

    private void Dispatch(ReadOnlySpan<byte> message)
    {
        var response = ResponseFrame.Parse(message, out var error);
        if (response is null)
        {
            _events.AgentBadMessage(error);
            return;
        }

        // docs/tunnel-protocol.md: an unknown id, or one already finished, is ignored.
        if (response.Id is not null && _pending.TryRemove(response.Id, out var call))
        {
            call.Complete(response.Error is not null ? AgentReply.Failed(response.Error) : AgentReply.Succeeded(response.Result));
        }
    }
}
