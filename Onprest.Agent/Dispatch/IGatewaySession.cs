using System.Threading.Channels;

namespace Onprest.Agent.Dispatch;

/// <summary>What the tunnel must do after handing a frame to the session.</summary>
public enum FrameDisposition
{
    Continue,
    /// <summary>Close the connection without any response (invalid wire id, full response queue).</summary>
    CloseConnection,
}

/// <summary>
/// The execution side of one gateway connection (docs/agent-databases.md): admission, the bounded waiting queue,
/// N workers, cancellation and the response queue. The tunnel feeds it text frames and drains
/// <see cref="Responses"/> with its single writer. Disposing it is a connection loss: queued calls are
/// dropped, running calls cancelled and running DML rolled back; no more responses are produced.
/// </summary>
public interface IGatewaySession : IAsyncDisposable
{
    /// <summary>Handles one complete UTF-8 text message from the gateway (docs/tunnel-protocol.md). Never blocks on the database.</summary>
    FrameDisposition OnFrame(ReadOnlyMemory<byte> utf8Json);

    /// <summary>Serialized response frames (UTF-8 JSON objects), in completion order; capacity max(64, 2N+1).</summary>
    ChannelReader<ReadOnlyMemory<byte>> Responses { get; }

    /// <summary>
    /// A clean stop (docs/agent-pool.md): frames from now on are dropped without running or answering; calls already
    /// queued or running finish and are answered; then <see cref="Responses"/> completes. False when that took longer
    /// than <paramref name="limit"/> (or the session was already ending): the caller then disposes the session, which
    /// cancels what still runs.
    /// </summary>
    Task<bool> DrainAsync(TimeSpan limit, TimeProvider time);
}

/// <summary>Creates one <see cref="IGatewaySession"/> per gateway connection.</summary>
public interface IGatewaySessionFactory
{
    IGatewaySession Open();
}
