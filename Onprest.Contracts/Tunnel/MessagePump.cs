using System.Net.WebSockets;

namespace Onprest.Contracts.Tunnel;

/// <summary>
/// One tunnel WebSocket as both sides use it (docs/tunnel-protocol.md section 3): whole text messages of at most
/// 16 MiB read into one reused buffer, one send at a time with the write deadline, and the close handshake (code 1000;
/// the socket is dropped if the peer has not completed the close within the close grace). What a message means,
/// which queues feed the sends and what ends the connection stay with its owner (the gateway's
/// <c>AgentConnection</c>, the agent's <c>AgentTunnelSession</c>).
/// </summary>
public sealed class MessagePump : IDisposable
{
    private const int InitialReceiveBuffer = 16 * 1024;

    private readonly WebSocket _socket;
    private readonly TunnelTimings _timings;
    private readonly TimeProvider _time;
    private readonly Action<Exception> _sendFailed;

    // Serializes every outbound frame (messages and close frames): a WebSocket allows one send at a time.
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly TaskCompletionSource _readingEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _closeStarted;

    /// <param name="sendFailed">
    /// Called when a send fails or misses its deadline, before the socket is aborted (so the owner records its own
    /// reason before the reader sees the abort).
    /// </param>
    public MessagePump(WebSocket socket, TunnelTimings timings, TimeProvider time, Action<Exception> sendFailed)
    {
        _socket = socket;
        _timings = timings;
        _time = time;
        _sendFailed = sendFailed;
    }

    /// <summary>
    /// Reads until the connection ends, handing each complete text message to <paramref name="onMessage"/> (which
    /// returns false to stop reading). The buffer is reused: nothing may keep a reference into it after the call.
    /// A close frame is returned as <see cref="MessagePumpEnd.PeerClosed"/> without being answered
    /// (<see cref="AnswerCloseAsync"/>). Socket failures propagate; the owner reports the end of its reading with
    /// <see cref="ReadingEnded"/> either way.
    /// </summary>
    public async Task<MessagePumpEnd> ReadAsync(Func<ReadOnlyMemory<byte>, bool> onMessage)
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
                        return MessagePumpEnd.TooLarge;
                    }

                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, TunnelProtocol.MaxMessageBytes + 1L));
                }

                received = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return MessagePumpEnd.PeerClosed;
                }

                if (received.MessageType == WebSocketMessageType.Binary)
                {
                    // docs/tunnel-protocol.md: a binary message is a protocol error; the receiver closes the connection.
                    return MessagePumpEnd.Binary;
                }

                length += received.Count;
            }
            while (!received.EndOfMessage);

            if (length > TunnelProtocol.MaxMessageBytes)
            {
                return MessagePumpEnd.TooLarge;
            }

            if (!onMessage(buffer.AsMemory(0, length)))
            {
                return MessagePumpEnd.Stopped;
            }
        }
    }

    /// <summary>
    /// True once the peer's close carried code 1000 and the reason <see cref="TunnelProtocol.DrainedCloseReason"/>: an
    /// agent that stopped cleanly (docs/agent-pool.md). Read after <see cref="ReadAsync"/> returned
    /// <see cref="MessagePumpEnd.PeerClosed"/>.
    /// </summary>
    public bool PeerDrained =>
        _socket.CloseStatus == WebSocketCloseStatus.NormalClosure
        && string.Equals(_socket.CloseStatusDescription, TunnelProtocol.DrainedCloseReason, StringComparison.Ordinal);

    /// <summary>The owner's reading is over (after any close it answered): <see cref="CloseAsync"/> stops waiting for it.</summary>
    public void ReadingEnded() => _readingEnded.TrySetResult();

    /// <summary>
    /// One text message within the write deadline. False when it failed or was late: the owner was told
    /// (<c>sendFailed</c>) and the socket is aborted. Throws <see cref="OperationCanceledException"/> when
    /// <paramref name="stopping"/> fires while waiting for the previous send.
    /// </summary>
    public async Task<bool> SendAsync(ReadOnlyMemory<byte> message, CancellationToken stopping)
    {
        await _sendLock.WaitAsync(stopping).ConfigureAwait(false);
        try
        {
            using var deadline = new CancellationTokenSource(_timings.WriteDeadline, _time);
            await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, deadline.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            _sendFailed(ex);
            _socket.Abort();
            return false;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Completes a close the peer started (code 1000), once, unless this side already began closing.</summary>
    public async Task AnswerCloseAsync()
    {
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
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }

    /// <summary>
    /// Closes with code 1000 (and <paramref name="reason"/>, e.g. <see cref="TunnelProtocol.DrainedCloseReason"/>), once;
    /// waits up to the close grace for the reading to end (the peer's close), then drops the socket.
    /// </summary>
    public async Task CloseAsync(string? reason = null)
    {
        if (Interlocked.Exchange(ref _closeStarted, 1) != 0)
        {
            return;
        }

        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived && await _sendLock.WaitAsync(_timings.CloseGrace).ConfigureAwait(false))
            {
                try
                {
                    using var grace = new CancellationTokenSource(_timings.CloseGrace, _time);
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, reason, grace.Token).ConfigureAwait(false);
                }
                finally
                {
                    _sendLock.Release();
                }
            }

            await _readingEnded.Task.WaitAsync(_timings.CloseGrace, _time).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or TimeoutException or IOException or ObjectDisposedException)
        {
        }
        finally
        {
            _socket.Abort();
        }
    }

    /// <summary>Drops the connection at once.</summary>
    public void Abort() => _socket.Abort();

    /// <summary>Releases the socket (call once the reading and every send have ended).</summary>
    public void Dispose() => _socket.Dispose();
}
