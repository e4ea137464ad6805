using System.Collections.Concurrent;
using System.Text;
using Onprest.Contracts.Errors;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Tests.Testing;

/// <summary>An in-process agent: answers calls from a handler and records what reached it.</summary>
public sealed class FakeAgentTunnel : IAgentTunnel
{
    private bool _connected = true;
    private AgentMetadata? _metadata;

    /// <summary>When set, reading <see cref="IsConnected"/> or <see cref="Metadata"/> throws it (exception-guard tests).</summary>
    public Exception? Broken { get; set; }

    public bool IsConnected
    {
        get => Broken is null ? _connected : throw Broken;
        set => _connected = value;
    }

    /// <summary>Agent slots (keys); more than 1 makes it a pool.</summary>
    public int Slots { get; set; } = 1;

    /// <summary>Open agent connections; by default 1 while <see cref="IsConnected"/>.</summary>
    public int? Connected { get; set; }

    public int ConnectedAgents => Connected ?? (IsConnected ? 1 : 0);

    public AgentMetadata? Metadata
    {
        get => Broken is null ? _metadata : throw Broken;
        set => _metadata = value;
    }

    public ConcurrentQueue<(string RequestId, string Capability, string Params, string? TraceParent)> Calls { get; } = new();

    public Func<string, string, AgentCallResult> Handler { get; set; } = (_, _) => Success("{\"rows\":[{\"id\":1,\"name\":\"Ada\"}],\"count\":1}", 1);

    public Task<AgentCallResult> CallAsync(string requestId, string capability, ReadOnlyMemory<byte> paramsJson, string? traceParent, string? traceState, CancellationToken callerAborted)
    {
        var text = Encoding.UTF8.GetString(paramsJson.Span);
        Calls.Enqueue((requestId, capability, text, traceParent));
        return Task.FromResult(_connected ? Handler(capability, text) : new AgentCallResult.Failure(PublicErrors.AgentOffline));
    }

    public static AgentCallResult Success(string json, long count) => new AgentCallResult.Success(Encoding.UTF8.GetBytes(json), count);

    public static AgentCallResult Failure(string code, string message) => new AgentCallResult.Failure(new PublicError(code, message));
}
