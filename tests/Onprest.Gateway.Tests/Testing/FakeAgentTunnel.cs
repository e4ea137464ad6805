using System.Collections.Concurrent;
using System.Text;
using Onprest.Contracts.Errors;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Tests.Testing;

/// <summary>An in-process agent: answers calls from a handler and records what reached it.</summary>
public sealed class FakeAgentTunnel : IAgentTunnel
{
    public bool IsConnected { get; set; } = true;

    public AgentMetadata? Metadata { get; set; }

    public ConcurrentQueue<(string RequestId, string Capability, string Params)> Calls { get; } = new();

    public Func<string, string, AgentCallResult> Handler { get; set; } = (_, _) => Success("{\"rows\":[{\"id\":1,\"name\":\"Ada\"}],\"count\":1}", 1);

    public Task<AgentCallResult> CallAsync(string requestId, string capability, ReadOnlyMemory<byte> paramsJson, string? traceParent, string? traceState, CancellationToken callerAborted)
    {
        var text = Encoding.UTF8.GetString(paramsJson.Span);
        Calls.Enqueue((requestId, capability, text));
        return Task.FromResult(IsConnected ? Handler(capability, text) : new AgentCallResult.Failure(PublicErrors.AgentOffline));
    }

    public static AgentCallResult Success(string json, long count) => new AgentCallResult.Success(Encoding.UTF8.GetBytes(json), count);

    public static AgentCallResult Failure(string code, string message) => new AgentCallResult.Failure(new PublicError(code, message));
}
