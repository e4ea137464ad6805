using Onprest.Contracts.Errors;
using Onprest.Contracts.Tunnel;

namespace Onprest.Gateway.Tunnel;

/// <summary>
/// The gateway's single agent slot (docs/tunnel-protocol.md): at most one connection, never silently replaced,
/// and the metadata and response kinds of that connection only.
/// </summary>
internal sealed class AgentTunnel : IAgentTunnel
{
    private readonly TunnelTimings _timings;
    private readonly TimeProvider _time;
    private int _slot;
    private AgentConnection? _current;
    private CachedMetadata? _metadata;

    public AgentTunnel(TunnelTimings timings, TimeProvider time)
    {
        _timings = timings;
        _time = time;
    }

    public bool IsConnected => Volatile.Read(ref _current) is { IsClosed: false };

    public AgentMetadata? Metadata
    {
        get
        {
            var cached = Volatile.Read(ref _metadata);
            return cached is not null && ReferenceEquals(cached.Connection, Volatile.Read(ref _current)) ? cached.Metadata : null;
        }
    }

    internal AgentConnection? Current => Volatile.Read(ref _current);

    public async Task<AgentCallResult> CallAsync(string requestId, string capability, ReadOnlyMemory<byte> paramsJson, string? traceParent, string? traceState, CancellationToken callerAborted)
    {
        // a frame the agent would have to refuse is never sent.
        var frame = RequestFrame.TryBuild(requestId, capability, paramsJson, traceParent, traceState);
        if (frame is null || frame.Length > TunnelProtocol.MaxMessageBytes)
        {
            return new AgentCallResult.Failure(PublicErrors.InvalidJsonBody);
        }

        var connection = Current;
        if (connection is null || connection.IsClosed)
        {
            return new AgentCallResult.Failure(PublicErrors.AgentOffline);
        }

        var reply = await SendWithDeadlineAsync(connection, requestId, frame, callerAborted).ConfigureAwait(false);
        if (reply.Error is not null)
        {
            return new AgentCallResult.Failure(reply.Error);
        }

        if (reply.Result is null || !SuccessValidator.TryReadCount(reply.Result, out var count))
        {
            return new AgentCallResult.Failure(SuccessValidator.FailureFor(ResponseKindOf(connection, capability)));
        }

        return new AgentCallResult.Success(reply.Result, count);
    }

    /// <summary>The 30 s budget from hand-over, combined with the caller's own disconnect.</summary>
    internal async Task<AgentReply> SendWithDeadlineAsync(AgentConnection connection, string requestId, byte[] frame, CancellationToken callerAborted)
    {
        using var timeout = new CancellationTokenSource(_timings.CallTimeout, _time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, callerAborted);
        return await connection.SendAsync(requestId, frame, deadline.Token).ConfigureAwait(false);
    }

    /// <summary>Claims the single slot; false while another agent holds it.</summary>
    internal bool TryReserve() => Interlocked.CompareExchange(ref _slot, 1, 0) == 0;

    internal void ReleaseReservation() => Volatile.Write(ref _slot, 0);

    /// <summary>docs/tunnel-protocol.md step 8: a new connection starts with empty metadata and response kinds.</summary>
    internal void Attach(AgentConnection connection)
    {
        Volatile.Write(ref _metadata, null);
        Volatile.Write(ref _current, connection);
    }

    internal void Detach(AgentConnection connection)
    {
        // Called when the connection is marked closed and again when its handler ends: the second call must not
        // release a slot that a newer connection holds by then.
        if (!connection.TryDetach())
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _current, null, connection) == connection)
        {
            Volatile.Write(ref _metadata, null);
        }

        ReleaseReservation();
    }

    /// <summary>Caches metadata only while <paramref name="connection"/> is still the current one (docs/tunnel-protocol.md).</summary>
    internal bool TryCache(AgentConnection connection, AgentMetadata metadata)
    {
        if (!ReferenceEquals(Current, connection) || connection.IsClosed)
        {
            return false;
        }

        Volatile.Write(ref _metadata, new CachedMetadata(connection, metadata));
        return ReferenceEquals(Current, connection);
    }

    private string? ResponseKindOf(AgentConnection connection, string capability)
    {
        var cached = Volatile.Read(ref _metadata);
        return cached is not null && ReferenceEquals(cached.Connection, connection)
            && cached.Metadata.ResponseKinds.TryGetValue(capability, out var kind) ? kind : null;
    }

    private sealed record CachedMetadata(AgentConnection Connection, AgentMetadata Metadata);
}
