using System.Text;
using Onprest.Agent.Dispatch;
using static Onprest.Agent.Tests.Dispatch.SessionFixtures;

namespace Onprest.Agent.Tests.Dispatch;

/// <summary>A clean stop (docs/agent-pool.md): what was taken finishes and is answered; what comes later never runs.</summary>
public sealed class GatewaySessionDrainTests
{
    [Fact]
    public async Task Draining_answers_running_and_queued_calls_drops_later_frames_unanswered_then_completes_the_responses()
    {
        var executor = new ScriptedExecutor();
        await using var session = GatewaySessionFrameTests.Open(executor, 1);
        Send(session, Request("running"));
        await WaitUntilAsync(() => executor.Running == 1);
        Send(session, Request("queued"));

        var drain = session.DrainAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
        Assert.Equal(FrameDisposition.Continue, session.OnFrame(Utf8(Request("late"))));
        Assert.False(drain.IsCompleted);
        executor.Release("running");
        var released = false;
        await WaitUntilAsync(() => released = released || executor.TryRelease("queued"));

        Assert.True(await drain);
        var answered = new List<string>();
        await foreach (var frame in session.Responses.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            answered.Add(IdOf(Encoding.UTF8.GetString(frame.Span)));
        }

        Assert.Equal(["running", "queued"], answered);
        Assert.Equal(["running", "queued"], executor.Started);
    }

    [Fact]
    public async Task A_drain_that_outlasts_its_limit_reports_false_and_disposing_then_cancels_the_call()
    {
        var executor = new ScriptedExecutor();
        var session = GatewaySessionFrameTests.Open(executor, 1);
        Send(session, Request("stuck"));
        await WaitUntilAsync(() => executor.Running == 1);

        Assert.False(await session.DrainAsync(TimeSpan.FromMilliseconds(50), TimeProvider.System));
        await session.DisposeAsync();

        Assert.Equal(["stuck"], executor.Cancelled);
        Assert.False(await session.DrainAsync(TimeSpan.FromSeconds(1), TimeProvider.System));
    }
}
