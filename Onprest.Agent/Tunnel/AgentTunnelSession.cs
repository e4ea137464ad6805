using System.Net.WebSockets;
using Onprest.Agent.Dispatch;
using Onprest.Contracts.Tunnel;

namespace Onprest.Agent.Tunnel;

/// <summary>
/// Serves one gateway connection (docs/tunnel-protocol.md; docs/agent-databases.md): one reader (text only, 16 MiB after
/// reassembly), one writer draining the session's responses with a 5 s deadline per write, a watchdog for 60 s of
/// silence, and a clean close (1000, 250 ms grace). Reading, the write deadline and the close handshake are the wire's
/// <see cref="MessagePump"/>.
/// </summary>
internal sealed class AgentTunnelSession
{
    private readonly MessagePump _pump;
    private readonly ActivityStream _activity;
    private readonly IGatewaySession _session;
    private readonly AgentEventWriter _events;
    private readonly TunnelTimings _timings;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _end = new();
    private readonly Func<ReadOnlyMemory<byte>, bool> _onFrame;
    private string? _reason;
    private volatile bool _accepting = true;
    private volatile bool _writeFailed;

    public AgentTunnelSession(WebSocket socket, ActivityStream activity, IGatewaySession session, AgentEventWriter events, TunnelTimings timings, TimeProvider time)
    {
        _pump = new MessagePump(socket, timings, time, WriteFailed);
        _onFrame = OnFrame;
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
            // Shutdown (docs/agent-pool.md): stop taking frames, let the calls already taken finish and be answered,
            // then close with 1000 "drained" — the gateway may send what still waits to another agent. When that
            // takes longer than the wait, cancel and roll back what still runs and close without the promise.
            End("agent stopping");
            _accepting = false;
            var drained = await _session.DrainAsync(ShutdownWait, _time).ConfigureAwait(false)
                && await WriterFinishedAsync(writer).ConfigureAwait(false);
            if (!drained)
            {
                await DisposeSessionAsync(ShutdownWait).ConfigureAwait(false);
            }

            await _pump.CloseAsync(drained ? TunnelProtocol.DrainedCloseReason : null).ConfigureAwait(false);
            if (drained)
            {
                // Nothing runs any more: disposing only releases the session's resources.
                await DisposeSessionAsync(ShutdownWait).ConfigureAwait(false);
            }
        }
        else
        {
            _accepting = false;
            await _pump.CloseAsync().ConfigureAwait(false);
            await DisposeSessionAsync(Timeout.InfiniteTimeSpan).ConfigureAwait(false);
        }

        await _end.CancelAsync().ConfigureAwait(false);
        _pump.Abort();
        await Task.WhenAll(Quietly(reader), Quietly(writer), Quietly(watchdog)).ConfigureAwait(false);
        _pump.Dispose();
        return _reason ?? "connection closed";
    }

    /// <summary>True when the writer wrote every response of a drained session (its queue completed) without a failure.</summary>
    private async Task<bool> WriterFinishedAsync(Task writer)
    {
        try
        {
            await writer.WaitAsync(_timings.WriteDeadline, _time).ConfigureAwait(false);
            return !_writeFailed;
        }
        catch (TimeoutException)
        {
            return false;
        }
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
            switch (await _pump.ReadAsync(_onFrame).ConfigureAwait(false))
            {
                case MessagePumpEnd.PeerClosed:
                    End("gateway closed the connection");
                    await _pump.AnswerCloseAsync().ConfigureAwait(false);
                    break;
                case MessagePumpEnd.Binary:
                    End("gateway sent a binary message");
                    break;
                case MessagePumpEnd.TooLarge:
                    End("gateway message exceeds 16777216 bytes");
                    break;
                default:
                    End("connection closed after an invalid gateway frame");
                    break;
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
            _pump.ReadingEnded();
        }
    }

    /// <summary>False (stop reading) when the session closes the connection after this frame.</summary>
    private bool OnFrame(ReadOnlyMemory<byte> frame)
    {
        // The session keeps nothing that points into the buffer past OnFrame.
        return !_accepting || _session.OnFrame(frame) != FrameDisposition.CloseConnection;
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
        if (!await _pump.SendAsync(frame, _end.Token).ConfigureAwait(false))
        {
            return false;
        }

        Answered = true;
        return true;
    }

    /// <summary>A failed or late write ends the session (the pump then drops the socket).</summary>
    private void WriteFailed(Exception ex)
    {
        var error = ex is OperationCanceledException ? "frame write exceeded 5s" : "frame write failed";
        if (_reason is null)
        {
            _events.GatewayWriteFailed(error);
        }

        _writeFailed = true;
        End(error);
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
                    _pump.Abort();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
