using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Execution;
using Onprest.Agent.Sql;
using Onprest.Contracts.Errors;
using Onprest.Agent.Dispatch;

namespace Onprest.Agent.Tests.Dispatch;

/// <summary>Configurations, a scripted executor and frame helpers for the admission tests.</summary>
internal static class SessionFixtures
{
    public static Capability Capability(string name, RateLimitPolicy? rateLimit = null, params ParameterSpec[] parameters) => new()
    {
        Name = name,
        Sql = "SELECT 1",
        Operation = SqlOperation.Select,
        Prepared = new RewrittenSql("SELECT 1", parameters.Select(p => p.Name).ToList()),
        Policy = new EffectivePolicy { RateLimit = rateLimit },
        Parameters = parameters,
    };

    public static AgentConfiguration Configuration(int n, params Capability[] capabilities) => new()
    {
        Service = new ServiceInfo("t", "1", ""),
        GatewayUrl = new Uri("ws://127.0.0.1:1/ws/agent"),
        AgentPrivateKeySeed = new byte[32],
        Database = new DatabaseSettings { Driver = DatabaseDriver.Sqlite, Path = "/nonexistent.db" },
        Capabilities = capabilities.OrderBy(c => c.Name, StringComparer.Ordinal).ToList(),
        ConfigurationFolder = "/tmp",
        MaxConcurrentRequests = n,
    };

    public static AgentConfiguration Standard(int n) => Configuration(
        n,
        Capability("get"),
        Capability("limited", new RateLimitPolicy(60, 60_000_000_000, 7)),
        Capability("typed", null, new ParameterSpec { Name = "id", Type = ParamType.Integer, Required = true }));

    public static ReadOnlyMemory<byte> Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static string Request(string id, string capability = "get", string parameters = "{}") =>
        $$"""{"id":"{{id}}","capability":"{{capability}}","params":{{parameters}}}""";

    public static string Cancel(string id) => $$"""{"type":"cancel","id":"{{id}}"}""";

    /// <summary>
    /// Hands a frame to the session and waits until its call is prepared (calls are prepared off the reader, in
    /// parallel); tests that depend on the order of admission send their frames this way.
    /// </summary>
    public static FrameDisposition Send(IGatewaySession session, string frame)
    {
        var disposition = session.OnFrame(Utf8(frame));
        Settle(session);
        return disposition;
    }

    /// <summary>Waits until no call of the session is still being prepared.</summary>
    public static void Settle(IGatewaySession session)
    {
        if (session is GatewaySession gateway)
        {
            Assert.True(SpinWait.SpinUntil(() => gateway.Preparing == 0, TimeSpan.FromSeconds(10)), "calls still being prepared");
        }
    }

    /// <summary>Every response queued once all calls are prepared, as text.</summary>
    public static List<string> Drain(IGatewaySession session)
    {
        Settle(session);
        var list = new List<string>();
        while (session.Responses.TryRead(out var frame))
        {
            list.Add(Encoding.UTF8.GetString(frame.Span));
        }

        return list;
    }

    public static async Task<string> NextAsync(IGatewaySession session)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var frame = await session.Responses.ReadAsync(timeout.Token);
        return Encoding.UTF8.GetString(frame.Span);
    }

    public static string ErrorCode(string response) =>
        JsonDocument.Parse(response).RootElement.GetProperty("error").GetProperty("code").GetString()!;

    public static string IdOf(string response) => JsonDocument.Parse(response).RootElement.GetProperty("id").GetString()!;

    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}

/// <summary>
/// An executor whose calls block until the test releases them (or they are cancelled, answering
/// <c>AGENT_QUERY_TIMEOUT</c> like a cancelled SELECT).
/// </summary>
internal sealed class ScriptedExecutor : ICapabilityExecutor
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ExecutionOutcome>> _calls = new();

    public bool Block { get; init; } = true;

    /// <summary>Poses as an asynchronous engine, whose calls the session may start on the tunnel's reader.</summary>
    public bool YieldsWhileWaiting { get; init; }

    public ConcurrentQueue<string> Started { get; } = new();

    public ConcurrentQueue<string> Cancelled { get; } = new();

    public int Running => _calls.Count;

    public async Task<ExecutionOutcome> ExecuteAsync(Capability capability, object[] boundValues, string requestId, CancellationToken cancellationToken)
    {
        Started.Enqueue(requestId);
        if (!Block)
        {
            return new ExecutionOutcome.Success(Encoding.UTF8.GetBytes($$"""{"rows":[],"count":{{boundValues.Length}}}"""));
        }

        var completion = new TaskCompletionSource<ExecutionOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _calls[requestId] = completion;
        try
        {
            return await completion.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Cancelled.Enqueue(requestId);
            return new ExecutionOutcome.Failure(PublicErrors.QueryTimeout);
        }
        finally
        {
            _calls.TryRemove(requestId, out _);
        }
    }

    public void Release(string requestId, string result = """{"rows":[],"count":0}""") =>
        _calls[requestId].TrySetResult(new ExecutionOutcome.Success(Encoding.UTF8.GetBytes(result)));

    /// <summary>Releases the call once it has started; false while it has not (yet).</summary>
    public bool TryRelease(string requestId) =>
        _calls.TryGetValue(requestId, out var call) && call.TrySetResult(new ExecutionOutcome.Success(Encoding.UTF8.GetBytes("""{"rows":[],"count":0}""")));

    public void ReleaseAll()
    {
        foreach (var id in _calls.Keys)
        {
            Release(id);
        }
    }
}

/// <summary>A monotonic clock tests move by hand (1 tick = 1 ns).</summary>
internal sealed class ManualMonotonicClock : TimeProvider
{
    private long _now = 1_000_000_000_000;

    public override long TimestampFrequency => 1_000_000_000;

    public override long GetTimestamp() => Interlocked.Read(ref _now);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _now, by.Ticks * 100);

    public void Set(long timestamp) => Interlocked.Exchange(ref _now, timestamp);
}
