using Onprest.Agent.Capabilities;
using Onprest.Agent.Capabilities.Params;
using static Onprest.Agent.Tests.Dispatch.SessionFixtures;
using Onprest.Agent.Dispatch;

namespace Onprest.Agent.Tests.Dispatch;

/// <summary>No slow per-call work on the tunnel's reader: a call whose validation is slow never holds other frames.</summary>
public sealed class GatewaySessionReaderTests
{
    /// <summary>
    /// A pattern whose check is slow: about 2 s for 600 characters on a 2-core machine (0.2 s for 150, whose check a
    /// fast call on a loaded machine can lose to), longer than the 1 s pong limit the tunnel test relies on.
    /// </summary>
    internal const string SlowPattern = "(a|aa){1,1000}b";

    internal static Capability SlowCapability()
    {
        Assert.True(PatternCompiler.TryCompile(SlowPattern, out var pattern));
        return Capability("slow", null, new ParameterSpec { Name = "s", Type = ParamType.String, PatternText = SlowPattern, Pattern = pattern });
    }

    internal static string SlowValue(int length = 600) => new('a', length);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_call_that_validates_slowly_does_not_hold_the_next_call(bool asynchronousEngine)
    {
        // One worker: if validation ran in admission, the slow call's rejection would be queued first and answered first.
        // An asynchronous engine starts cheap calls on the reader; a pattern check is never one of them.
        await using var session = new GatewaySessionFactory(SessionFixtures.Configuration(1, SlowCapability(), Capability("get")), new ScriptedExecutor { Block = false, YieldsWhileWaiting = asynchronousEngine }, null).Open();

        Assert.Equal(FrameDisposition.Continue, session.OnFrame(Utf8(Request("slow", "slow", $$"""{"s":"{{SlowValue()}}"}"""))));
        Assert.Equal(FrameDisposition.Continue, session.OnFrame(Utf8(Request("get", "get"))));
        Assert.Equal(FrameDisposition.Continue, session.OnFrame(Utf8(Request("meta", "meta"))));

        var first = await NextAsync(session);
        var second = await NextAsync(session);
        Assert.Equal(["get", "meta"], new[] { IdOf(first), IdOf(second) }.Order());
        Assert.Equal(1, session is GatewaySession s ? s.InFlight : -1);

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var slow = System.Text.Encoding.UTF8.GetString((await session.Responses.ReadAsync(patience.Token)).Span);
        Assert.Equal("slow", IdOf(slow));
        Assert.Equal("AGENT_VALIDATION_FAILED", ErrorCode(slow));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_repeated_id_and_a_cancel_see_a_call_still_being_prepared(bool asynchronousEngine)
    {
        await using var session = new GatewaySessionFactory(SessionFixtures.Configuration(1, SlowCapability(), Capability("get")), new ScriptedExecutor { Block = false, YieldsWhileWaiting = asynchronousEngine }, null).Open();

        session.OnFrame(Utf8(Request("slow", "slow", $$"""{"s":"{{SlowValue()}}"}""")));
        session.OnFrame(Utf8(Request("slow", "get")));
        Assert.Equal("AGENT_INTERNAL_ERROR", ErrorCode(await NextAsync(session)));

        session.OnFrame(Utf8(Cancel("slow")));
        session.OnFrame(Utf8(Request("after", "get")));
        Assert.Equal("after", IdOf(await NextAsync(session)));

        // The cancelled call is never answered; its id is free again at once.
        await WaitUntilAsync(() => ((GatewaySession)session).InFlight == 0);
        // Waited for asynchronously: this test may be running inside the preparation that answered "after".
        await WaitUntilAsync(() => ((GatewaySession)session).Preparing == 0);
        Assert.False(session.Responses.TryRead(out _));
    }
}
