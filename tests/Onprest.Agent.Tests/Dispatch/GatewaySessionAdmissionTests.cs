using Onprest.Agent.Capabilities;
using Onprest.Agent.Execution;
using static Onprest.Agent.Tests.Dispatch.SessionFixtures;
using Onprest.Agent.Dispatch;

namespace Onprest.Agent.Tests.Dispatch;

public sealed class GatewaySessionAdmissionTests
{
    [Fact]
    public async Task An_id_still_running_is_answered_invalid_gateway_request()
    {
        var executor = new ScriptedExecutor();
        await using var session = Open(executor, 2);
        session.OnFrame(Utf8(Request("dup")));
        await WaitUntilAsync(() => executor.Running == 1);
        session.OnFrame(Utf8(Request("dup")));

        Assert.Equal(["""{"id":"dup","error":{"code":"AGENT_INTERNAL_ERROR","message":"invalid gateway request"}}"""], Drain(session));
        executor.ReleaseAll();
        Assert.Equal("""{"id":"dup","result":{"rows":[],"count":0}}""", await NextAsync(session));

        // Once finished, the id may be used again.
        session.OnFrame(Utf8(Request("dup")));
        await WaitUntilAsync(() => executor.Running == 1);
        executor.ReleaseAll();
        Assert.Equal("dup", IdOf(await NextAsync(session)));
    }

    [Fact]
    public async Task An_id_still_queued_is_answered_invalid_gateway_request()
    {
        var executor = new ScriptedExecutor();
        await using var session = Open(executor, 1);
        session.OnFrame(Utf8(Request("run")));
        await WaitUntilAsync(() => executor.Running == 1);
        session.OnFrame(Utf8(Request("queued")));
        session.OnFrame(Utf8(Request("queued")));

        Assert.Equal("AGENT_INTERNAL_ERROR", ErrorCode(Assert.Single(Drain(session))));
        executor.ReleaseAll();
    }

    [Fact]
    public async Task An_undefined_capability_is_a_prepare_rejection_answered_after_earlier_work()
    {
        var executor = new ScriptedExecutor();
        await using var session = Open(executor, 1);
        session.OnFrame(Utf8(Request("first")));
        await WaitUntilAsync(() => executor.Running == 1);
        session.OnFrame(Utf8(Request("second", "nope")));

        Assert.Empty(Drain(session));
        executor.Release("first");
        Assert.Equal("first", IdOf(await NextAsync(session)));
        Assert.Equal("""{"id":"second","error":{"code":"GATEWAY_CAPABILITY_NOT_FOUND","message":"capability is not defined"}}""", await NextAsync(session));
    }

    [Theory]
    [InlineData("{}", "required param missing: id")]
    [InlineData("{\"id\":\"x\"}", "id: must be integer")]
    [InlineData("{\"id\":1,\"other\":2}", "unknown param: other")]
    public async Task Invalid_params_are_answered_with_the_validation_message(string parameters, string message)
    {
        var executor = new ScriptedExecutor();
        await using var session = Open(executor, 1);
        session.OnFrame(Utf8(Request("v", "typed", parameters)));

        Assert.Equal("{\"id\":\"v\",\"error\":{\"code\":\"AGENT_VALIDATION_FAILED\",\"message\":\"" + message + "\"}}", await NextAsync(session));
        Assert.Empty(executor.Started);
    }

    [Fact]
    public async Task Valid_params_are_bound_in_placeholder_order()
    {
        var executor = new ScriptedExecutor { Block = false };
        await using var session = Open(executor, 1);
        session.OnFrame(Utf8(Request("ok", "typed", "{\"id\":9223372036854775807}")));

        Assert.Equal("""{"id":"ok","result":{"rows":[],"count":1}}""", await NextAsync(session));
    }

    [Fact]
    public async Task N_running_plus_N_waiting_then_exactly_the_rest_get_AGENT_BUSY()
    {
        var executor = new ScriptedExecutor();
        await using var session = Open(executor, 2);
        Send(session, Request("r1"));
        Send(session, Request("r2"));
        await WaitUntilAsync(() => executor.Running == 2);
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(FrameDisposition.Continue, Send(session, Request("q" + i)));
        }

        var busy = Drain(session);
        Assert.Equal(6, busy.Count);
        Assert.All(busy, r => Assert.Equal("AGENT_BUSY", ErrorCode(r)));
        Assert.Equal(["q2", "q3", "q4", "q5", "q6", "q7"], busy.Select(IdOf));
        Assert.Contains("\"message\":\"agent request queue is full\"", busy[0], StringComparison.Ordinal);

        executor.ReleaseAll();
        await WaitUntilAsync(() => executor.Started.Count == 4);
        executor.ReleaseAll();
        var answered = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            answered.Add(IdOf(await NextAsync(session)));
        }

        Assert.Equal(["q0", "q1", "r1", "r2"], answered.Order());
    }

    [Fact]
    public async Task A_full_queue_answers_prepare_rejections_and_meta_busy_too()
    {
        var executor = new ScriptedExecutor();
        await using var session = Open(executor, 1);
        Send(session, Request("r"));
        await WaitUntilAsync(() => executor.Running == 1);
        Send(session, Request("w"));
        Send(session, Request("undefined", "nope"));
        Send(session, Request("bad", "typed", "{}"));
        Send(session, Request("m", "meta"));

        Assert.Equal(["AGENT_BUSY", "AGENT_BUSY", "AGENT_BUSY"], Drain(session).Select(ErrorCode));
        executor.ReleaseAll();
    }

    [Fact]
    public async Task Rate_limited_calls_are_answered_at_once_ahead_of_queued_work()
    {
        var executor = new ScriptedExecutor();

        // A clock that stands still: the frames are admitted one at a time and no token may refill meanwhile.
        await using var session = new GatewaySessionFactory(Standard(100), executor, null, new ManualMonotonicClock()).Open();
        for (var i = 0; i < 200; i++)
        {
            Send(session, Request("l" + i, "limited"));
        }

        var immediate = Drain(session);
        Assert.Equal(193, immediate.Count);
        Assert.All(immediate, r => Assert.EndsWith("""{"code":"AGENT_RATE_LIMITED","message":"agent rate limit exceeded"}}""", r, StringComparison.Ordinal));
        await WaitUntilAsync(() => executor.Started.Count == 7);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => "l" + i).Order(), executor.Started.Order());
        executor.ReleaseAll();
    }

    [Fact]
    public async Task Another_capability_is_unaffected_by_a_rate_limit()
    {
        var executor = new ScriptedExecutor { Block = false };
        await using var session = Open(executor, 50);
        for (var i = 0; i < 8; i++)
        {
            session.OnFrame(Utf8(Request("l" + i, "limited")));
        }

        session.OnFrame(Utf8(Request("g", "get")));
        await WaitUntilAsync(() => executor.Started.Contains("g"));
    }

    [Fact]
    public async Task A_token_used_by_a_busy_call_is_not_returned()
    {
        var executor = new ScriptedExecutor();
        var configuration = SessionFixtures.Configuration(1, SessionFixtures.Capability("limited", new RateLimitPolicy(1, 3_600_000_000_000, 3)));
        await using var session = new GatewaySessionFactory(configuration, executor, null).Open();
        Send(session, Request("a", "limited"));
        await WaitUntilAsync(() => executor.Running == 1);
        Send(session, Request("b", "limited"));
        Send(session, Request("c", "limited"));
        Send(session, Request("d", "limited"));

        Assert.Equal(["AGENT_BUSY", "AGENT_RATE_LIMITED"], Drain(session).Select(ErrorCode));
        executor.ReleaseAll();
    }

    [Fact]
    public async Task Prepare_rejections_and_meta_never_use_tokens()
    {
        var executor = new ScriptedExecutor { Block = false };
        var limited = SessionFixtures.Capability("limited", new RateLimitPolicy(1, 3_600_000_000_000, 1), new ParameterSpec { Name = "x", Type = ParamType.Integer, Required = true });
        await using var session = new GatewaySessionFactory(SessionFixtures.Configuration(4, limited), executor, null).Open();
        session.OnFrame(Utf8(Request("bad1", "limited", "{}")));
        session.OnFrame(Utf8(Request("bad2", "limited", "{\"x\":\"y\"}")));
        session.OnFrame(Utf8(Request("m", "meta")));
        session.OnFrame(Utf8(Request("good", "limited", "{\"x\":1}")));

        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(IdOf(await NextAsync(session)));
        }

        Assert.Contains("good", executor.Started);
        session.OnFrame(Utf8(Request("again", "limited", "{\"x\":1}")));
        Assert.Equal("AGENT_RATE_LIMITED", ErrorCode(await NextAsync(session)));
    }

    [Fact]
    public async Task Cancelling_a_queued_call_drops_it_without_a_response_or_database_access()
    {
        var executor = new ScriptedExecutor();
        await using var session = Open(executor, 1);
        Send(session, Request("running"));
        await WaitUntilAsync(() => executor.Running == 1);
        Send(session, Request("queued"));
        Send(session, Cancel("queued"));

        // The id is free again at once, but the dropped item holds its waiting slot until a worker discards it.
        Send(session, Request("queued", "nope"));
        Assert.Equal(["""{"id":"queued","error":{"code":"AGENT_BUSY","message":"agent request queue is full"}}"""], Drain(session));
        executor.Release("running");
        Assert.Equal("running", IdOf(await NextAsync(session)));

        // The worker that sent "running" discards the dropped item next (the response may reach us before it does).
        await WaitUntilAsync(() => ((GatewaySession)session).Waiting == 0);
        Send(session, Request("queued", "nope"));

        Assert.Equal("""{"id":"queued","error":{"code":"GATEWAY_CAPABILITY_NOT_FOUND","message":"capability is not defined"}}""", await NextAsync(session));
        Assert.DoesNotContain("queued", executor.Started);
    }

    [Fact]
    public async Task Cancelling_a_queued_prepare_rejection_sends_nothing()
    {
        var executor = new ScriptedExecutor();
        await using var session = Open(executor, 1);
        session.OnFrame(Utf8(Request("running")));
        await WaitUntilAsync(() => executor.Running == 1);
        session.OnFrame(Utf8(Request("rejected", "nope")));
        session.OnFrame(Utf8(Cancel("rejected")));
        executor.Release("running");

        Assert.Equal("running", IdOf(await NextAsync(session)));
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Empty(Drain(session));
    }

    [Fact]
    public async Task Cancelling_a_running_call_cancels_it_and_its_response_is_still_sent()
    {
        var executor = new ScriptedExecutor();
        await using var session = Open(executor, 1);
        session.OnFrame(Utf8(Request("running")));
        await WaitUntilAsync(() => executor.Running == 1);
        session.OnFrame(Utf8(Cancel("running")));

        Assert.Equal("""{"id":"running","error":{"code":"AGENT_QUERY_TIMEOUT","message":"query exceeded policy.timeout"}}""", await NextAsync(session));
        Assert.Equal(["running"], executor.Cancelled);
    }

    [Fact]
    public async Task A_running_call_keeps_its_id_after_a_cancel_until_it_finishes()
    {
        var executor = new ScriptedExecutor();
        var gate = new TaskCompletionSource();
        var slow = new SlowCancelExecutor(gate);
        await using var session = Open(slow, 2);
        session.OnFrame(Utf8(Request("slow")));
        await slow.Started.Task.WaitAsync(TestContext.Current.CancellationToken);
        session.OnFrame(Utf8(Cancel("slow")));
        session.OnFrame(Utf8(Request("slow")));

        Assert.Equal("AGENT_INTERNAL_ERROR", ErrorCode(await NextAsync(session)));
        gate.SetResult();
        Assert.Equal("slow", IdOf(await NextAsync(session)));
    }

    [Fact]
    public async Task Disposing_the_session_cancels_running_calls_drops_queued_ones_and_sends_nothing()
    {
        var executor = new ScriptedExecutor();
        var session = Open(executor, 1);
        Send(session, Request("running"));
        await WaitUntilAsync(() => executor.Running == 1);
        Send(session, Request("queued"));

        await session.DisposeAsync();

        Assert.Equal(["running"], executor.Cancelled);
        Assert.DoesNotContain("queued", executor.Started);
        Assert.Empty(Drain(session));
        Assert.True(session.Responses.Completion.IsCompleted);
        Assert.Equal(FrameDisposition.CloseConnection, Send(session, Request("late")));
    }

    [Fact]
    public async Task Hundreds_of_calls_are_each_answered_once_with_their_own_id()
    {
        var executor = new ScriptedExecutor { Block = false };
        await using var session = Open(executor, 16);
        var answered = new HashSet<string>();
        for (var batch = 0; batch < 10; batch++)
        {
            for (var i = 0; i < 32; i++)
            {
                session.OnFrame(Utf8(Request($"b{batch}-{i}")));
            }

            for (var i = 0; i < 32; i++)
            {
                Assert.True(answered.Add(IdOf(await NextAsync(session))));
            }
        }

        Assert.Equal(320, answered.Count);
    }

    [Fact]
    public async Task A_response_over_16_MiB_is_replaced_by_AGENT_QUERY_FAILED()
    {
        await using var session = Open(new HugeResultExecutor(), 1);
        session.OnFrame(Utf8(Request("huge")));

        Assert.Equal("""{"id":"huge","error":{"code":"AGENT_QUERY_FAILED","message":"database query failed"}}""", await NextAsync(session));
    }

    private static IGatewaySession Open(ICapabilityExecutor executor, int n) => GatewaySessionFrameTests.Open(executor, n);

    private sealed class SlowCancelExecutor(TaskCompletionSource gate) : ICapabilityExecutor
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<ExecutionOutcome> ExecuteAsync(Capability capability, object[] boundValues, string requestId, CancellationToken cancellationToken)
        {
            Started.TrySetResult();
            await gate.Task;
            return new ExecutionOutcome.Failure(Onprest.Contracts.Errors.PublicErrors.QueryTimeout);
        }
    }

    private sealed class HugeResultExecutor : ICapabilityExecutor
    {
        public Task<ExecutionOutcome> ExecuteAsync(Capability capability, object[] boundValues, string requestId, CancellationToken cancellationToken)
        {
            var result = new byte[16 * 1024 * 1024];
            result.AsSpan().Fill((byte)' ');
            "{\"count\":0}"u8.CopyTo(result);
            return Task.FromResult<ExecutionOutcome>(new ExecutionOutcome.Success(result));
        }
    }
}

public sealed class GatewaySessionAdmissionOrderTests
{
    /// <summary>
    /// Frames that fail several admission checks at once get the answer of the earliest (docs/agent-databases.md):
    /// repeated id (2) before meta (3), undefined (4), params (5), rate limit (6) and queue (7).
    /// </summary>
    [Theory]
    [InlineData("meta", "{}", "AGENT_INTERNAL_ERROR")]
    [InlineData("nope", "{}", "AGENT_INTERNAL_ERROR")]
    [InlineData("typed", "{}", "AGENT_INTERNAL_ERROR")]
    [InlineData("limited", "{}", "AGENT_INTERNAL_ERROR")]
    public async Task A_repeated_id_wins_over_every_later_check(string capability, string parameters, string code)
    {
        var executor = new ScriptedExecutor();
        await using var session = GatewaySessionFrameTests.Open(executor, 1);
        session.OnFrame(SessionFixtures.Utf8(SessionFixtures.Request("same")));
        await SessionFixtures.WaitUntilAsync(() => executor.Running == 1);
        session.OnFrame(SessionFixtures.Utf8(SessionFixtures.Request("other")));
        session.OnFrame(SessionFixtures.Utf8(SessionFixtures.Request("same", capability, parameters)));

        Assert.Equal([code], SessionFixtures.Drain(session).Select(SessionFixtures.ErrorCode));
        executor.ReleaseAll();
    }

    [Fact]
    public async Task Validation_comes_before_the_rate_limit_and_the_rate_limit_before_the_queue()
    {
        var executor = new ScriptedExecutor();
        var limited = SessionFixtures.Capability("limited", new RateLimitPolicy(1, 3_600_000_000_000, 1), new Onprest.Agent.Capabilities.ParameterSpec { Name = "x", Type = Onprest.Agent.Capabilities.ParamType.Integer });
        await using var session = new GatewaySessionFactory(SessionFixtures.Configuration(1, limited, SessionFixtures.Capability("get")), executor, null).Open();
        SessionFixtures.Send(session, SessionFixtures.Request("run", "get"));
        await SessionFixtures.WaitUntilAsync(() => executor.Running == 1);
        SessionFixtures.Send(session, SessionFixtures.Request("fill", "get"));

        // Queue full: an invalid call is still a prepare rejection (answered BUSY because it cannot be queued) and
        // uses no token; the valid one then takes the only token and is answered BUSY; the next is rate limited.
        SessionFixtures.Send(session, SessionFixtures.Request("invalid", "limited", "{\"x\":\"y\"}"));
        SessionFixtures.Send(session, SessionFixtures.Request("valid", "limited", "{\"x\":1}"));
        SessionFixtures.Send(session, SessionFixtures.Request("again", "limited", "{\"x\":1}"));

        Assert.Equal(
            ["invalid:AGENT_BUSY", "valid:AGENT_BUSY", "again:AGENT_RATE_LIMITED"],
            SessionFixtures.Drain(session).Select(r => SessionFixtures.IdOf(r) + ":" + SessionFixtures.ErrorCode(r)));
        executor.ReleaseAll();
    }
}
