using System.Collections.Concurrent;
using System.Text;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Capabilities.Params;
using Onprest.Agent.Dispatch;
using Onprest.Agent.Execution;
using static Onprest.Agent.Tests.Dispatch.SessionFixtures;

namespace Onprest.Agent.Tests.Dispatch;

/// <summary>
/// Calls the tunnel's reader starts itself (docs/agent-databases.md): on an engine that waits asynchronously, a small
/// frame for a capability without a <c>pattern</c> is prepared and started before the reader takes the next frame;
/// everything else is prepared on another thread.
/// </summary>
public sealed class GatewaySessionStartOnReaderTests
{
    private static AgentConfiguration Configuration() => SessionFixtures.Configuration(
        2,
        Capability("typed", null, new ParameterSpec { Name = "id", Type = ParamType.Integer, Required = true }),
        Capability("text", null, new ParameterSpec { Name = "s", Type = ParamType.String, Required = true }),
        Capability("matched", null, Matched()));

    private static ParameterSpec Matched()
    {
        Assert.True(PatternCompiler.TryCompile("^[a-z]+$", out var pattern));
        return new ParameterSpec { Name = "s", Type = ParamType.String, Required = true, PatternText = "^[a-z]+$", Pattern = pattern };
    }

    [Fact]
    public async Task A_call_on_an_asynchronous_engine_starts_before_the_reader_takes_the_next_frame()
    {
        var executor = new ThreadRecordingExecutor { YieldsWhileWaiting = true };
        await using var session = new GatewaySessionFactory(Configuration(), executor, null).Open();

        Assert.Equal(FrameDisposition.Continue, session.OnFrame(Utf8(Request("r1", "typed", """{"id":42}"""))));

        // No wait: the call is already running, on this thread, with its params read.
        var start = Assert.Single(executor.Starts);
        Assert.Equal(Environment.CurrentManagedThreadId, start.Thread);
        Assert.Equal([42L], start.Values);

        executor.ReleaseAll();
        Assert.Equal("r1", IdOf(await NextAsync(session)));
    }

    [Fact]
    public async Task A_call_on_a_synchronous_engine_never_runs_on_the_reader()
    {
        var executor = new ThreadRecordingExecutor { YieldsWhileWaiting = false };
        await using var session = new GatewaySessionFactory(Configuration(), executor, null).Open();

        session.OnFrame(Utf8(Request("r1", "typed", """{"id":42}""")));

        Assert.Equal([42L], await StartedOnAnotherThreadAsync(session, executor, "r1"));
    }

    [Fact]
    public async Task A_frame_over_the_limit_is_prepared_off_the_reader()
    {
        var executor = new ThreadRecordingExecutor { YieldsWhileWaiting = true };
        await using var session = new GatewaySessionFactory(Configuration(), executor, null).Open();
        var value = new string('x', GatewaySession.ReaderFrameLimit);

        session.OnFrame(Utf8(Request("big", "text", $$"""{"s":"{{value}}"}""")));

        Assert.Equal([value], await StartedOnAnotherThreadAsync(session, executor, "big"));
    }

    [Fact]
    public async Task A_pattern_call_read_in_place_keeps_its_params_after_the_reader_reuses_the_buffer()
    {
        var executor = new ThreadRecordingExecutor { YieldsWhileWaiting = true };
        await using var session = new GatewaySessionFactory(Configuration(), executor, null).Open();
        var buffer = Encoding.UTF8.GetBytes(Request("p1", "matched", """{"s":"abc"}"""));

        session.OnFrame(buffer);
        // What the tunnel's reader does with its buffer: the next message overwrites it.
        buffer.AsSpan().Fill((byte)' ');

        Assert.Equal(["abc"], await StartedOnAnotherThreadAsync(session, executor, "p1"));
    }

    [Fact]
    public async Task Rejections_decided_on_the_reader_are_answered_like_any_other()
    {
        var executor = new ThreadRecordingExecutor { YieldsWhileWaiting = true };
        await using var session = new GatewaySessionFactory(Configuration(), executor, null).Open();

        session.OnFrame(Utf8(Request("u1", "undefined")));
        session.OnFrame(Utf8(Request("v1", "typed", """{"id":"x"}""")));

        var answers = new[] { await NextAsync(session), await NextAsync(session) }.ToDictionary(IdOf, ErrorCode);
        Assert.Equal("GATEWAY_CAPABILITY_NOT_FOUND", answers["u1"]);
        Assert.Equal("AGENT_VALIDATION_FAILED", answers["v1"]);
        Assert.Empty(executor.Starts);
    }

    /// <summary>
    /// Waits for the one call to start — without yielding this thread, so it cannot be the one that runs the call —,
    /// checks that it started on another thread, releases it, reads its answer and returns its bound values.
    /// </summary>
    private static async Task<object[]> StartedOnAnotherThreadAsync(IGatewaySession session, ThreadRecordingExecutor executor, string id)
    {
        Assert.True(SpinWait.SpinUntil(() => !executor.Starts.IsEmpty, TimeSpan.FromSeconds(10)));
        var start = Assert.Single(executor.Starts);
        Assert.NotEqual(Environment.CurrentManagedThreadId, start.Thread);
        executor.ReleaseAll();
        Assert.Equal(id, IdOf(await NextAsync(session)));
        return start.Values;
    }

    /// <summary>Records the thread each call starts on and its bound values, then waits until released.</summary>
    private sealed class ThreadRecordingExecutor : ICapabilityExecutor
    {
        private readonly ConcurrentBag<TaskCompletionSource<ExecutionOutcome>> _waiting = [];

        public bool YieldsWhileWaiting { get; init; }

        public ConcurrentQueue<(int Thread, object[] Values)> Starts { get; } = new();

        public Task<ExecutionOutcome> ExecuteAsync(Capability capability, object[] boundValues, string requestId, CancellationToken cancellationToken)
        {
            // Registered before the start is visible, so a test that saw the start can always release the call; a
            // cancelled call (the session disposed) ends, so no test can hang on one it did not release.
            var completion = new TaskCompletionSource<ExecutionOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add(completion);
            Starts.Enqueue((Environment.CurrentManagedThreadId, boundValues));
            return completion.Task.WaitAsync(cancellationToken);
        }

        public void ReleaseAll()
        {
            foreach (var call in _waiting)
            {
                call.TrySetResult(new ExecutionOutcome.Success("""{"rows":[],"count":0}"""u8.ToArray()));
            }
        }
    }
}
