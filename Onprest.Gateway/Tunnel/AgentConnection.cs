using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Threading.Channels;
using Onprest.Contracts.Errors;

namespace Onprest.Gateway.Tunnel;

/// <summary>
/// One live agent WebSocket (docs/tunnel-protocol.md): a reader that correlates responses by id, a single writer that
/// always drains the <c>control</c> queue before the <c>send</c> queue (128 frames each) with a 5 s deadline per
/// write, and the release of every pending call the moment the connection ends.
/// </summary>
internal sealed class AgentConnection
{
    public const int QueueCapacity = 128;
    private const int InitialReceiveBuffer = 16 * 1024;

    private readonly WebSocket _socket;
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

    // Serializes every outbound frame (writer frames and close frames): a WebSocket allows one send at a time.
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _readerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<AgentConnection>? _onClosed;
    private int _closed;
    private int _closeStarted;
    private int _detached;

    /// <param name="closed">Called once, when the connection is marked closed (before its close handshake ends).</param>
    public AgentConnection(WebSocket socket, string remote, TunnelTimings timings, TimeProvider time, TunnelEvents events, Action<AgentConnection>? closed = null)
    {
        _onClosed = closed;
        _socket = socket;
        Remote = remote;
        _timings = timings;
        _time = time;
        _events = events;
    }

    public string Remote { get; }

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Number of calls waiting for an answer (tests observe the release on disconnect).</summary>
    public int PendingCount => _pending.Count;

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
                _readerDone.TrySetResult();
                MarkClosed();
                await _stop.CancelAsync().ConfigureAwait(false);
                await writer.ConfigureAwait(false);
                _socket.Abort();
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
    public async Task CloseAsync()
    {
        if (Interlocked.Exchange(ref _closeStarted, 1) != 0)
        {
            return;
        }

        MarkClosed();
        try
        {
            if (await _sendLock.WaitAsync(_timings.CloseGrace).ConfigureAwait(false))
            {
                try
                {
                    using var grace = new CancellationTokenSource(_timings.CloseGrace, _time);
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, grace.Token).ConfigureAwait(false);
                }
                finally
                {
                    _sendLock.Release();
                }
            }

            await _readerDone.Task.WaitAsync(_timings.CloseGrace, _time).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or TimeoutException or ObjectDisposedException)
        {
        }
        finally
        {
            _socket.Abort();
        }
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
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var call))
            {
                call.Complete(AgentReply.Offline);
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
    private async Task<bool> WriteAsync(byte[] frame)
    {
        if (IsClosed)
        {
            return false;
        }

        await _sendLock.WaitAsync(_stop.Token).ConfigureAwait(false);
        try
        {
            using var deadline = new CancellationTokenSource(_timings.WriteDeadline, _time);
            await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, deadline.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            MarkClosed();
            _socket.Abort();
            return false;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[InitialReceiveBuffer];
        while (true)
        {
            var length = 0;
            ValueWebSocketReceiveResult received;
            do
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length > TunnelProtocol.MaxMessageBytes)
                    {
                        _events.AgentBadMessage("agent message exceeds 16777216 bytes");
                        await CloseAsync().ConfigureAwait(false);
                        return;
                    }

                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, TunnelProtocol.MaxMessageBytes + 1L));
                }

                received = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await AnswerCloseAsync().ConfigureAwait(false);
                    return;
                }

                if (received.MessageType == WebSocketMessageType.Binary)
                {
                    // docs/tunnel-protocol.md: a binary message is a protocol error; the receiver closes the connection.
                    _events.AgentBadMessage("agent sent a binary message");
                    await CloseAsync().ConfigureAwait(false);
                    return;
                }

                length += received.Count;
            }
            while (!received.EndOfMessage);

            if (length > TunnelProtocol.MaxMessageBytes)
            {
                _events.AgentBadMessage("agent message exceeds 16777216 bytes");
                await CloseAsync().ConfigureAwait(false);
                return;
            }

            Dispatch(buffer.AsSpan(0, length));
        }
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

    private async Task AnswerCloseAsync()
    {
        MarkClosed();
        if (_socket.State != WebSocketState.CloseReceived || Interlocked.Exchange(ref _closeStarted, 1) != 0)
        {
            return;
        }

        try
        {
            if (await _sendLock.WaitAsync(_timings.WriteDeadline).ConfigureAwait(false))
            {
                try
                {
                    using var deadline = new CancellationTokenSource(_timings.WriteDeadline, _time);
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, deadline.Token).ConfigureAwait(false);
                }
                finally
                {
                    _sendLock.Release();
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}
