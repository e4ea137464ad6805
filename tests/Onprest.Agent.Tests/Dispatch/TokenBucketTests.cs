using Onprest.Agent.Capabilities;
using Onprest.Agent.Dispatch;
using Onprest.Contracts.RateLimiting;

namespace Onprest.Agent.Tests.Dispatch;

public sealed class TokenBucketTests
{
    private const long Minute = 60_000_000_000;

    [Fact]
    public void Burst_10_then_one_more_exactly_1000_ms_after_emptying_not_at_999()
    {
        var clock = new ManualMonotonicClock();
        var bucket = new TokenBucket(new TokenRate(60, Minute, 10), clock);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(bucket.TryTake());
        }

        Assert.False(bucket.TryTake());
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(bucket.TryTake());
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(bucket.TryTake());
        Assert.False(bucket.TryTake());
    }

    [Fact]
    public void Two_hundred_concurrent_takers_against_burst_7_admit_exactly_7()
    {
        // The bucket is not thread-safe; the agent's buckets serialise every admission of one capability.
        var configuration = SessionFixtures.Configuration(4, SessionFixtures.Capability("limited", new RateLimitPolicy(1, 3_600_000_000_000, 7)));
        var buckets = new RateLimitBuckets(configuration, null, TimeProvider.System);
        var admitted = 0;
        using var start = new Barrier(8);
        var threads = Enumerable.Range(0, 8).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 25; i++)
            {
                if (buckets.TryAdmit("limited"))
                {
                    Interlocked.Increment(ref admitted);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(7, admitted);
    }

    [Fact]
    public void Fractions_of_a_token_are_kept()
    {
        var clock = new ManualMonotonicClock();
        var bucket = new TokenBucket(new TokenRate(3, 1_000_000_000, 1), clock);
        Assert.True(bucket.TryTake());

        // One token every 333,333,333.33 ns: two thirds of the way there twice is enough.
        clock.Advance(TimeSpan.FromTicks(2_222_222));
        Assert.False(bucket.TryTake());
        clock.Advance(TimeSpan.FromTicks(1_111_112));
        Assert.True(bucket.TryTake());
    }

    [Fact]
    public void Refill_is_capped_at_the_burst()
    {
        var clock = new ManualMonotonicClock();
        var bucket = new TokenBucket(new TokenRate(1000, 1_000_000, 2), clock);
        clock.Advance(TimeSpan.FromDays(3650));

        Assert.True(bucket.TryTake());
        Assert.True(bucket.TryTake());
        Assert.False(bucket.TryTake());
    }

    [Fact]
    public void A_clock_going_backwards_adds_nothing()
    {
        var clock = new ManualMonotonicClock();
        var bucket = new TokenBucket(new TokenRate(1, 1_000_000_000, 1), clock);
        Assert.True(bucket.TryTake());
        clock.Set(0);
        Assert.False(bucket.TryTake());
        clock.Set(1_000_000_000_000 + 999_999_999);
        Assert.False(bucket.TryTake());
        clock.Set(1_000_000_000_000 + 1_000_000_000);
        Assert.True(bucket.TryTake());
    }

    [Fact]
    public void Extreme_policies_never_overflow()
    {
        var clock = new ManualMonotonicClock();
        var bucket = new TokenBucket(new TokenRate(long.MaxValue, long.MaxValue, long.MaxValue), clock);
        Assert.True(bucket.TryTake());
        clock.Advance(TimeSpan.FromDays(36500));
        Assert.True(bucket.TryTake());

        var slow = new TokenBucket(new TokenRate(1, long.MaxValue, 1), clock);
        Assert.True(slow.TryTake());
        clock.Advance(TimeSpan.FromDays(365));
        Assert.False(slow.TryTake());
    }

    [Fact]
    public void Buckets_are_shared_across_sessions_of_one_factory()
    {
        var configuration = SessionFixtures.Configuration(4, SessionFixtures.Capability("limited", new RateLimitPolicy(1, 3_600_000_000_000, 1)));
        var factory = new GatewaySessionFactory(configuration, new ScriptedExecutor { Block = false }, null);
        var first = factory.Open();
        SessionFixtures.Send(first, SessionFixtures.Request("a", "limited"));
        var second = factory.Open();
        second.OnFrame(SessionFixtures.Utf8(SessionFixtures.Request("b", "limited")));

        Assert.Equal("AGENT_RATE_LIMITED", SessionFixtures.ErrorCode(SessionFixtures.Drain(second).Single()));
    }
}
