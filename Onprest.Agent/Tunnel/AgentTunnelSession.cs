using System.Net.WebSockets;
using Onprest.Agent.Dispatch;
using Onprest.Contracts.Tunnel;

namespace Onprest.Agent.Tunnel;

/// <summary>
/// Serves one gateway connection (docs/tunnel-protocol.md; docs/agent-databases.md): one reader (text only, 16 MiB after
/// reassembly), one writer draining the session's responses with a 5 s deadline per write, a watchdog for 60 s of
/// silence, and a clean close (1000, 250 ms grace).
/// </summary>
internal sealed class AgentTunnelSession
{
    private readonly WebSocket _socket;
    private readonly ActivityStream _activity;
    private readonly IGatewaySession _session;
    private readonly AgentEventWriter _events;
    private readonly TunnelTimings _timings;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _end = new();
    private readonly TaskCompletionSource _readerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _reason;
    private int _closeStarted;
    private volatile bool _accepting = true;

    public AgentTunnelSession(WebSocket socket, ActivityStream activity, IGatewaySession session, AgentEventWriter events, TunnelTimings timings, TimeProvider time)
    {
        _socket = socket;
        _activity = activity;
        _session = session;
        _events = events;
        _timings = timings;
        _time = time;
    }

    /// <summary>True once a response frame was written (one of the signs of a healthy session).</summary>
    public bool Answered { get; private set; }

    /// <summary>Waits for shutdown rollbacks at most this long (docs/agent-databases.md).</summary>
    public static readonly TimeSpan ShutdownWait = TimeSpan.FromSeconds(10);

    /// <summary>Runs until the connection ends; returns the <c>error</c> text for <c>gateway_disconnected</c>.</summary>
    public async Task<string> ServeAsync(CancellationToken stopping)
    {
        var reader = Task.Run(ReadLoopAsync, CancellationToken.None);
        var writer = Task.Run(WriteLoopAsync, CancellationToken.None);
        var watchdog = Task.Run(WatchAsync, CancellationToken.None);
        var stop = Task.Delay(Timeout.Infinite, stopping);
        await Task.WhenAny(reader, writer, watchdog, stop).ConfigureAwait(false);

        if (stopping.IsCancellationRequested && _reason is null)
        {
            // Shutdown: stop taking frames, cancel and roll back in-flight work (bounded), then close with 1000.
            End("agent stopping");
            _accepting = false;
            await DisposeSessionAsync(ShutdownWait).ConfigureAwait(false);
            await CloseAsync().ConfigureAwait(false);
        }
        else
        {
            _accepting = false;
            await CloseAsync().ConfigureAwait(false);
            await DisposeSessionAsync(Timeout.InfiniteTimeSpan).ConfigureAwait(false);
        }

        await _end.CancelAsync().ConfigureAwait(false);
        _socket.Abort();
        await Task.WhenAll(Quietly(reader), Quietly(writer), Quietly(watchdog)).ConfigureAwait(false);
        _socket.Dispose();
        return _reason ?? "connection closed";
    }

    /// <summary>Waits for a loop that has ended; its failure was already recorded as the session's reason.</summary>
    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
        }
    }

    private async Task DisposeSessionAsync(TimeSpan limit)
    {
        try
        {
            await _session.DisposeAsync().AsTask().WaitAsync(limit, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Rollbacks still running past the limit are abandoned to the database (the connection is gone anyway).
        }
    }

    private void End(string reason) => Interlocked.CompareExchange(ref _reason, reason, null);

    private async Task ReadLoopAsync()
    {
        try
        {
            var buffer = new byte[16 * 1024];
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
                            End("gateway message exceeds 16777216 bytes");
                            return;
                        }

                        Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, TunnelProtocol.MaxMessageBytes + 1L));
                    }

                    received = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None).ConfigureAwait(false);
                    if (received.MessageType == WebSocketMessageType.Close)
                    {
                        End("gateway closed the connection");
                        await AnswerCloseAsync().ConfigureAwait(false);
                        return;
                    }

                    if (received.MessageType == WebSocketMessageType.Binary)
                    {
                        End("gateway sent a binary message");
                        return;
                    }

                    length += received.Count;
                }
                while (!received.EndOfMessage);

                if (length > TunnelProtocol.MaxMessageBytes)
                {
                    End("gateway message exceeds 16777216 bytes");
                    return;
                }

                if (!_accepting)
                {
                    continue;
                }

                // The session keeps nothing that points into the buffer past OnFrame.
                if (_session.OnFrame(buffer.AsMemory(0, length)) == FrameDisposition.CloseConnection)
                {
                    End("connection closed after an invalid gateway frame");
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
        {
            End("connection lost");
        }
        catch (OperationCanceledException)
        {
            // This side aborted the socket (a missed write deadline, shutdown), which recorded its own reason.
        }
        catch (Exception ex)
        {
            // Nothing a gateway sends may end the agent: an unforeseen failure drops this connection only.
            End("connection closed after an unexpected error: " + ex.GetType().Name);
        }
        finally
        {
            _readerDone.TrySetResult();
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            await foreach (var frame in _session.Responses.ReadAllAsync(_end.Token).ConfigureAwait(false))
            {
                if (!await WriteAsync(frame).ConfigureAwait(false))
                {
                    return;
                }
            }

            // The session completed its response queue: it overflowed (docs/agent-databases.md) or the session ended.
            End("response queue is full");
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<bool> WriteAsync(ReadOnlyMemory<byte> frame)
    {
        await _sendLock.WaitAsync(_end.Token).ConfigureAwait(false);
        try
        {
            using var deadline = new CancellationTokenSource(_timings.WriteDeadline, _time);
            await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, deadline.Token).ConfigureAwait(false);
            Answered = true;
            return true;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            var error = ex is OperationCanceledException ? "frame write exceeded 5s" : "frame write failed";
            if (_reason is null)
            {
                _events.GatewayWriteFailed(error);
            }

            End(error);
            _socket.Abort();
            return false;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task WatchAsync()
    {
        var tick = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, Math.Min(TimeSpan.TicksPerSecond, _timings.SilenceLimit.Ticks / 10)));
        try
        {
            while (!_end.IsCancellationRequested)
            {
                await Task.Delay(tick, _time, _end.Token).ConfigureAwait(false);
                if (_activity.Silence >= _timings.SilenceLimit)
                {
                    // 60 s without any frame (ping or message) is a lost connection.
                    End("no frame from the gateway for 60s");
                    _socket.Abort();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task AnswerCloseAsync()
    {
        if (Interlocked.Exchange(ref _closeStarted, 1) != 0 || _socket.State != WebSocketState.CloseReceived)
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
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Close code 1000; the socket is dropped if the gateway has not completed the close within 250 ms.</summary>
    private async Task CloseAsync()
    {
        if (Interlocked.Exchange(ref _closeStarted, 1) != 0)
        {
            return;
        }

        try
        {
            if (_socket.State == WebSocketState.Open && await _sendLock.WaitAsync(_timings.CloseGrace).ConfigureAwait(false))
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

                await _readerDone.Task.WaitAsync(_timings.CloseGrace, _time).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or TimeoutException or IOException or ObjectDisposedException)
        {
        }
        finally
        {
            _socket.Abort();
        }
    }
}
