using Onprest.Contracts.Errors;
using Onprest.Contracts.Tunnel;

namespace Onprest.Gateway.Tunnel;

/// <summary>
/// The gateway's agents (docs/agent-pool.md): one slot per configured public key, at most one live connection per slot
/// (a second one with a key already connected is refused with 409), calls routed to the eligible agent with the fewest
/// calls in flight, and the metadata of the most recently connected agent advertised. With one key this is the
/// single agent of docs/tunnel-protocol.md.
/// </summary>
internal sealed class AgentTunnel : IAgentTunnel
{
    private readonly TunnelTimings _timings;
    private readonly TimeProvider _time;
    private readonly int[] _reserved;
    private readonly AgentMember?[] _members;
    private readonly Lock _gate = new();
    private long _sequence;
    private uint _rotation;
    private AgentRoutes _routes = AgentRoutes.Empty;

    public AgentTunnel(TunnelTimings timings, TimeProvider time, int slots = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        _timings = timings;
        _time = time;
        _reserved = new int[slots];
        _members = new AgentMember?[slots];
    }

    public int Slots => _members.Length;

    public bool IsConnected => ConnectedAgents > 0;

    public int ConnectedAgents
    {
        get
        {
            var count = 0;
            foreach (var member in Volatile.Read(ref _routes).Connected)
            {
                count += member.Connection.IsClosed ? 0 : 1;
            }

            return count;
        }
    }

    public AgentMetadata? Metadata => Volatile.Read(ref _routes).Advertised?.Cached?.Metadata;

    /// <summary>The most recently attached connection (tests of the single-agent form).</summary>
    internal AgentConnection? Current => Volatile.Read(ref _routes).Newest?.Connection;

    public Task<AgentCallResult> CallAsync(string requestId, string capability, ReadOnlyMemory<byte> paramsJson, string? traceParent, string? traceState, CancellationToken callerAborted) =>
        CallAsync(requestId, capability, RequestFrame.TryBuild(requestId, capability, paramsJson, traceParent, traceState), callerAborted);

    public Task<AgentCallResult> CallValidatedAsync(string requestId, string capability, ReadOnlyMemory<byte> validatedParamsJson, string? traceParent, string? traceState, CancellationToken callerAborted) =>
        CallAsync(requestId, capability, RequestFrame.TryBuildFromValidated(requestId, capability, validatedParamsJson.Span, traceParent, traceState), callerAborted);

    private async Task<AgentCallResult> CallAsync(string requestId, string capability, byte[]? frame, CancellationToken callerAborted)
    {
        // a frame the agent would have to refuse is never sent.
        if (frame is null || frame.Length > TunnelProtocol.MaxMessageBytes)
        {
            return new AgentCallResult.Failure(PublicErrors.InvalidJsonBody);
        }

        var member = Pick(capability, excluded: null);
        if (member is null)
        {
            return new AgentCallResult.Failure(PublicErrors.AgentOffline);
        }

        // One 30 s budget from the first hand-over, whichever agent answers.
        using var timeout = new CancellationTokenSource(_timings.CallTimeout, _time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, callerAborted);
        var reply = await member.Connection.SendAsync(requestId, frame, deadline.Token).ConfigureAwait(false);

        // A call is sent again only when its agent proved it never ran it (a drained close, docs/agent-pool.md); a call
        // on an agent that is lost may have run, so it ends with 503 and is never repeated elsewhere. A drained agent
        // is closed, so the next pick is another one; a rolling restart may drain each agent once.
        for (var tries = 1; ReferenceEquals(reply, AgentReply.NotExecuted) && tries < _members.Length; tries++)
        {
            if (Pick(capability, excluded: member) is not { } other)
            {
                break;
            }

            member = other;
            reply = await member.Connection.SendAsync(requestId, frame, deadline.Token).ConfigureAwait(false);
        }

        if (reply.Error is not null)
        {
            return new AgentCallResult.Failure(reply.Error);
        }

        if (reply.Result is null || !SuccessValidator.TryReadCount(reply.Result, out var count))
        {
            return new AgentCallResult.Failure(SuccessValidator.FailureFor(KindOf(member.Connection, capability)));
        }

        return new AgentCallResult.Success(reply.Result, count);
    }

    /// <summary>A call on one connection with the 30 s budget, combined with the caller's own disconnect (the metadata fetch).</summary>
    internal async Task<AgentReply> SendWithDeadlineAsync(AgentConnection connection, string requestId, byte[] frame, CancellationToken callerAborted)
    {
        using var timeout = new CancellationTokenSource(_timings.CallTimeout, _time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, callerAborted);
        return await connection.SendAsync(requestId, frame, deadline.Token).ConfigureAwait(false);
    }

    /// <summary>Claims the slot of key <paramref name="slot"/>; false while an agent with that key is connected.</summary>
    internal bool TryReserve(int slot = 0) => Interlocked.CompareExchange(ref _reserved[slot], 1, 0) == 0;

    internal void ReleaseReservation(int slot = 0) => Volatile.Write(ref _reserved[slot], 0);

    /// <summary>A new connection starts with no metadata of its own (docs/tunnel-protocol.md step 8).</summary>
    internal void Attach(AgentConnection connection, int slot = 0)
    {
        lock (_gate)
        {
            _members[slot] = new AgentMember(connection, slot, ++_sequence, null);
            Publish();
        }
    }

    internal void Detach(AgentConnection connection)
    {
        // Called when the connection is marked closed and again when its handler ends: the second call must not
        // release a slot that a newer connection holds by then.
        if (!connection.TryDetach())
        {
            return;
        }

        lock (_gate)
        {
            var slot = Array.FindIndex(_members, m => m is not null && ReferenceEquals(m.Connection, connection));
            if (slot < 0)
            {
                return;
            }

            _members[slot] = null;
            Publish();
            ReleaseReservation(slot);
        }
    }

    /// <summary>True while <paramref name="connection"/> is attached and open (the metadata fetch stops otherwise).</summary>
    internal bool IsAttached(AgentConnection connection)
    {
        if (connection.IsClosed)
        {
            return false;
        }

        foreach (var member in Volatile.Read(ref _routes).Connected)
        {
            if (ReferenceEquals(member.Connection, connection))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Caches metadata only while <paramref name="connection"/> is still attached (docs/tunnel-protocol.md).</summary>
    internal bool TryCache(AgentConnection connection, AgentMetadata metadata)
    {
        var cached = CachedMetadata.Of(metadata);
        lock (_gate)
        {
            var slot = Array.FindIndex(_members, m => m is not null && ReferenceEquals(m.Connection, connection));
            if (slot < 0 || connection.IsClosed)
            {
                return false;
            }

            _members[slot] = _members[slot]! with { Cached = cached };
            Publish();
            return true;
        }
    }

    /// <summary>The response kind <paramref name="connection"/>'s metadata gives <paramref name="capability"/>, as cached now.</summary>
    private string? KindOf(AgentConnection connection, string capability)
    {
        foreach (var member in Volatile.Read(ref _routes).Connected)
        {
            if (ReferenceEquals(member.Connection, connection))
            {
                return member.Cached?.KindOf(capability);
            }
        }

        return null;
    }

    /// <summary>The open, eligible agent with the fewest calls in flight; ties go round the pool.</summary>
    private AgentMember? Pick(string capability, AgentMember? excluded)
    {
        var candidates = Volatile.Read(ref _routes).For(capability);
        if (candidates.Length == 1)
        {
            var only = candidates[0];
            return only.Connection.IsClosed || ReferenceEquals(only, excluded) ? null : only;
        }

        AgentMember? best = null;
        var fewest = int.MaxValue;
        var start = candidates.Length == 0 ? 0 : (int)(Interlocked.Increment(ref _rotation) % (uint)candidates.Length);
        for (var i = 0; i < candidates.Length; i++)
        {
            var member = candidates[(start + i) % candidates.Length];
            if (member.Connection.IsClosed || ReferenceEquals(member, excluded))
            {
                continue;
            }

            var inFlight = member.Connection.InFlight;
            if (inFlight < fewest)
            {
                best = member;
                fewest = inFlight;
            }
        }

        return best;
    }

    private void Publish() => Volatile.Write(ref _routes, AgentRoutes.Build(_members));
}

/// <summary>One connected agent: its connection, its key's slot, its connection order and its metadata once cached.</summary>
internal sealed record AgentMember(AgentConnection Connection, int Slot, long Sequence, CachedMetadata? Cached);

/// <summary>
/// An immutable routing table, rebuilt on every connect, disconnect and metadata fetch (docs/agent-pool.md): the
/// advertised agent is the most recently connected one whose metadata is cached; a capability is routed only to
/// agents whose definition of it is identical to the advertised one.
/// </summary>
internal sealed class AgentRoutes
{
    public static readonly AgentRoutes Empty = new([], null, null, new Dictionary<string, AgentMember[]>(StringComparer.Ordinal));

    private readonly Dictionary<string, AgentMember[]> _byCapability;
    private readonly AgentMember[] _advertisedOnly;

    private AgentRoutes(AgentMember[] connected, AgentMember? newest, AgentMember? advertised, Dictionary<string, AgentMember[]> byCapability)
    {
        Connected = connected;
        Newest = newest;
        Advertised = advertised;
        _byCapability = byCapability;
        _advertisedOnly = advertised is null ? [] : [advertised];
    }

    public AgentMember[] Connected { get; }

    public AgentMember? Newest { get; }

    public AgentMember? Advertised { get; }

    /// <summary>
    /// Before any metadata is cached every agent may take a call (as a single agent always could); after that, the
    /// agents holding the advertised definition — and a name the advertised agent does not define goes to it alone,
    /// which answers it as unknown.
    /// </summary>
    public AgentMember[] For(string capability) =>
        Advertised is null ? Connected
        : _byCapability.TryGetValue(capability, out var members) ? members
        : _advertisedOnly;

    public static AgentRoutes Build(AgentMember?[] slots)
    {
        var connected = slots.OfType<AgentMember>().OrderBy(m => m.Sequence).ToArray();
        if (connected.Length == 0)
        {
            return Empty;
        }

        var advertised = connected.LastOrDefault(m => m.Cached is not null);
        var byCapability = new Dictionary<string, AgentMember[]>(StringComparer.Ordinal);
        if (advertised?.Cached is { } reference)
        {
            foreach (var (capability, definition) in reference.Definitions)
            {
                byCapability[capability] = connected
                    .Where(m => m.Cached is not null && m.Cached.Definitions.TryGetValue(capability, out var other) && other == definition)
                    .ToArray();
            }
        }

        return new AgentRoutes(connected, connected[^1], advertised, byCapability);
    }
}
