using Microsoft.Extensions.Time.Testing;
using Onprest.Agent.Dispatch;
using Onprest.Agent.Tests.Dispatch;
using Onprest.Agent.Tunnel;
using Onprest.Contracts.Tunnel;
using Onprest.Tests.Shared;

namespace Onprest.Agent.Tests.Tunnel;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Waits_start_at_1_s_double_to_30_s_and_stay_there()
    {
        var backoff = new ReconnectBackoff(TunnelTimings.Default, () => 0);

        var waits = Enumerable.Range(0, 8).Select(_ => backoff.Next().TotalSeconds).ToArray();

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], waits);
    }

    [Fact]
    public void Jitter_shortens_a_wait_by_at_most_a_fifth()
    {
        var backoff = new ReconnectBackoff(TunnelTimings.Default, () => 0.999999);

        Assert.InRange(backoff.Next().TotalSeconds, 0.8, 0.81);
        Assert.InRange(backoff.Next().TotalSeconds, 1.6, 1.61);

        var random = new ReconnectBackoff(TunnelTimings.Default);
        for (var i = 0; i < 1000; i++)
        {
            random.Reset();
            Assert.InRange(random.Next(), TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public void A_healthy_session_starts_the_sequence_over()
    {
        var backoff = new ReconnectBackoff(TunnelTimings.Default, () => 0);
        for (var i = 0; i < 6; i++)
        {
            backoff.Next();
        }

        backoff.Reset();

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next());
    }

    [Theory]
    [InlineData(0, true, true)]
    [InlineData(29.999, false, false)]
    [InlineData(30, false, true)]
    public void Healthy_means_one_answer_or_30_s_connected(double seconds, bool answered, bool healthy) =>
        Assert.Equal(healthy, new ReconnectBackoff(TunnelTimings.Default).IsHealthy(TimeSpan.FromSeconds(seconds), answered));

    /// <summary>The loop itself, on a fake clock: an unreachable gateway is dialled after 1, 2, 4 … s.</summary>
    [Fact]
    public async Task The_loop_waits_the_doubling_delays_between_failed_attempts()
    {
        using var refusing = new RefusingPort();
        var port = refusing.Port;
        var clock = new CountingClock(new FakeTimeProvider(DateTimeOffset.UtcNow));
        var output = new CapturedLines();
        using var stop = new CancellationTokenSource();
        var sessions = new GatewaySessionFactory(SessionFixtures.Standard(1), new ScriptedExecutor(), null);
        var loop = new GatewayConnectionLoop(new Uri($"ws://127.0.0.1:{port}/ws/agent"), Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), sessions, new AgentEventWriter(output, clock), TunnelTimings.Default, clock, () => 0);
        var run = Task.Run(() => loop.RunAsync(stop.Token));

        await output.WaitForAsync("gateway_connect_failed", 1);
        foreach (var (seconds, attempt) in new[] { (1, 2), (2, 3), (4, 4), (8, 5), (16, 6), (30, 7), (30, 8) })
        {
            // The loop is waiting (its delay timer exists); just short of the wait nothing happens, at the wait the
            // next attempt is made.
            await SessionFixtures.WaitUntilAsync(() => clock.Timers == attempt - 1);
            clock.Advance(TimeSpan.FromSeconds(seconds) - TimeSpan.FromMilliseconds(1));
            await Task.Delay(50, TestContext.Current.CancellationToken);
            Assert.Equal(attempt - 1, output.Names().Count(n => n == "gateway_connect_failed"));
            clock.Advance(TimeSpan.FromMilliseconds(1));
            await output.WaitForAsync("gateway_connect_failed", attempt);
        }

        await stop.CancelAsync();
        Assert.Equal(0, await run);
    }

    /// <summary>A fake clock that counts the timers made from it (each wait of the loop makes one).</summary>
    private sealed class CountingClock(FakeTimeProvider inner) : TimeProvider
    {
        private int _timers;

        public int Timers => Volatile.Read(ref _timers);

        public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override long GetTimestamp() => inner.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            // Counted only once the fake clock holds the timer: counted before, a test that saw the count could
            // advance the clock first, and the timer, made afterwards, would be due a full wait after the advance.
            var timer = inner.CreateTimer(callback, state, dueTime, period);
            Interlocked.Increment(ref _timers);
            return timer;
        }

        public void Advance(TimeSpan by) => inner.Advance(by);
    }
}
