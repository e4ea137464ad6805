using System.Net;
using Onprest.Contracts.RateLimiting;
using Onprest.Gateway.Network;
using Onprest.Gateway.Tests.Testing;

namespace Onprest.Gateway.Tests.Network;

public sealed class SourceRateLimiterTests
{
    private static readonly IPAddress A = IPAddress.Parse("198.51.100.1");

    private static (SourceRateLimiter Limiter, ManualTimeProvider Time) Create(double rps, long burst)
    {
        var time = new ManualTimeProvider();
        return (new SourceRateLimiter(TestKeys.Options(o => o with { RateLimitRequestsPerSecond = rps, RateLimitBurst = burst }), time), time);
    }

    [Fact]
    public void Rps_1_burst_1_allows_one_then_refills_after_a_second()
    {
        var (limiter, time) = Create(1, 1);
        Assert.True(limiter.TryAcquire(A));
        Assert.False(limiter.TryAcquire(A));
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(limiter.TryAcquire(A));
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(limiter.TryAcquire(A));
    }

    [Fact]
    public void Ipv6_sources_share_one_bucket_per_64_by_default()
    {
        var (limiter, _) = Create(1, 2);
        // Two tokens for the whole /64, however many addresses of it a host uses.
        Assert.True(limiter.TryAcquire(IPAddress.Parse("2001:db8:aa:bb::1")));
        Assert.True(limiter.TryAcquire(IPAddress.Parse("2001:db8:aa:bb:ffff:ffff:ffff:ffff")));
        for (var i = 0; i < 1000; i++)
        {
            Assert.False(limiter.TryAcquire(IPAddress.Parse($"2001:db8:aa:bb::{i:x}:1")));
        }

        // The next /64 is another source; IPv4 addresses stay per address.
        Assert.True(limiter.TryAcquire(IPAddress.Parse("2001:db8:aa:bc::1")));
        Assert.True(limiter.TryAcquire(A));
        Assert.Equal(3, limiter.BucketCount);
    }

    [Theory]
    [InlineData(48, "2001:db8:aa:1::1", "2001:db8:aa:ffff::1", true)]
    [InlineData(48, "2001:db8:aa:1::1", "2001:db8:ab:1::1", false)]
    [InlineData(128, "2001:db8::1", "2001:db8::2", false)]
    [InlineData(1, "2001:db8::1", "7fff::1", true)]
    public void The_ipv6_prefix_is_configurable(int prefix, string first, string second, bool shared)
    {
        var time = new ManualTimeProvider();
        var limiter = new SourceRateLimiter(TestKeys.Options(o => o with { RateLimitRequestsPerSecond = 1, RateLimitBurst = 1, RateLimitIpv6Prefix = prefix }), time);
        Assert.True(limiter.TryAcquire(IPAddress.Parse(first)));
        Assert.Equal(!shared, limiter.TryAcquire(IPAddress.Parse(second)));
    }

    [Fact]
    public void A_source_rotating_through_its_64_cannot_grow_the_bucket_map()
    {
        var (limiter, _) = Create(1, 1);
        for (var i = 0; i < 50_000; i++)
        {
            limiter.TryAcquire(IPAddress.Parse($"2001:db8:0:1:{i % 65536:x}:{i / 65536:x}::1"));
        }

        Assert.Equal(1, limiter.BucketCount);
    }

    [Fact]
    public void Rps_10_burst_2_allows_exactly_two_immediate_requests()
    {
        var (limiter, _) = Create(10, 2);
        Assert.True(limiter.TryAcquire(A));
        Assert.True(limiter.TryAcquire(A));
        Assert.False(limiter.TryAcquire(A));
    }

    [Fact]
    public void Fractional_rates_refill_continuously()
    {
        var (limiter, time) = Create(0.5, 1);
        Assert.True(limiter.TryAcquire(A));
        time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(limiter.TryAcquire(A));
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(limiter.TryAcquire(A));
    }

    [Fact]
    public void Refill_never_exceeds_capacity()
    {
        var (limiter, time) = Create(100, 3);
        Assert.True(limiter.TryAcquire(A));
        time.Advance(TimeSpan.FromHours(1));
        Assert.True(limiter.TryAcquire(A));
        Assert.True(limiter.TryAcquire(A));
        Assert.True(limiter.TryAcquire(A));
        Assert.False(limiter.TryAcquire(A));
    }

    [Fact]
    public void Sources_have_separate_buckets()
    {
        var (limiter, _) = Create(1, 1);
        Assert.True(limiter.TryAcquire(A));
        Assert.False(limiter.TryAcquire(A));
        Assert.True(limiter.TryAcquire(IPAddress.Parse("198.51.100.2")));
    }

    [Fact]
    public void Fifty_thousand_distinct_sources_keep_the_map_bounded()
    {
        var (limiter, _) = Create(1, 1);
        for (var i = 0; i < 50_000; i++)
        {
            Assert.True(limiter.TryAcquire(new IPAddress(0x0A000000u + (uint)i)));
        }

        Assert.Equal(SourceRateLimiter.MaxBuckets, limiter.BucketCount);
    }

    [Fact]
    public void A_full_map_evicts_the_least_recently_used_bucket()
    {
        var (limiter, _) = Create(1, 1);
        Assert.True(limiter.TryAcquire(A));
        for (var i = 1; i < SourceRateLimiter.MaxBuckets; i++)
        {
            Assert.True(limiter.TryAcquire(new IPAddress(0x0A000000u + (uint)i)));
        }

        // A is the oldest; touching it makes another bucket the eviction candidate.
        Assert.False(limiter.TryAcquire(A));
        Assert.True(limiter.TryAcquire(IPAddress.Parse("192.0.2.200")));
        Assert.False(limiter.TryAcquire(A));
        Assert.Equal(SourceRateLimiter.MaxBuckets, limiter.BucketCount);
    }

    [Fact]
    public void Idle_buckets_are_swept_after_ten_minutes()
    {
        var (limiter, time) = Create(1, 1);
        for (var i = 0; i < 100; i++)
        {
            limiter.TryAcquire(new IPAddress(0x0A000000u + (uint)i));
        }

        time.Advance(TimeSpan.FromMinutes(9));
        limiter.TryAcquire(A);
        Assert.Equal(101, limiter.BucketCount);
        time.Advance(TimeSpan.FromMinutes(1));
        limiter.TryAcquire(A);
        Assert.Equal(1, limiter.BucketCount);
    }

    [Fact]
    public void Idle_time_grows_with_a_slow_refill()
    {
        // burst 1000 at 1 rps: idle after 2 × 1000 s, not 10 minutes.
        var (limiter, time) = Create(1, 1000);
        limiter.TryAcquire(IPAddress.Parse("192.0.2.1"));
        time.Advance(TimeSpan.FromSeconds(1999));
        limiter.TryAcquire(A);
        Assert.Equal(2, limiter.BucketCount);
        time.Advance(TimeSpan.FromSeconds(61));
        limiter.TryAcquire(A);
        Assert.Equal(1, limiter.BucketCount);
    }

    [Theory]
    [InlineData(10, 10_000_000, 1_000_000_000_000_000)]
    [InlineData(2.5, 2_500_000, 1_000_000_000_000_000)]
    [InlineData(1, 1_000_000, 1_000_000_000_000_000)]
    [InlineData(0.5, 1, 2_000_000_000)]
    [InlineData(0.3, 1, 3_333_333_333)]
    [InlineData(1e300, long.MaxValue, 1_000_000_000_000_000)]
    [InlineData(1e-300, 1, long.MaxValue)]
    public void A_rate_per_second_becomes_an_exact_fraction(double perSecond, long tokens, long perNanoseconds)
    {
        var rate = TokenRate.PerSecond(perSecond, 20);
        Assert.Equal((tokens, perNanoseconds, 20L), (rate.Tokens, rate.PerNanoseconds, rate.Burst));
    }

    [Fact]
    public void A_third_of_a_token_a_second_refills_to_the_nanosecond()
    {
        var (limiter, time) = Create(0.3, 1);
        Assert.True(limiter.TryAcquire(A));
        time.Advance(TimeSpan.FromTicks(33_333_333));
        Assert.False(limiter.TryAcquire(A));
        time.Advance(TimeSpan.FromTicks(1));
        Assert.True(limiter.TryAcquire(A));
    }

    [Fact]
    public void Extreme_rates_and_bursts_neither_overflow_nor_refill_early()
    {
        var (fast, fastTime) = Create(double.MaxValue, long.MaxValue);
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(fast.TryAcquire(A));
        }

        fastTime.Advance(TimeSpan.FromDays(36500));
        Assert.True(fast.TryAcquire(A));

        var (slow, slowTime) = Create(double.Epsilon, 1);
        Assert.True(slow.TryAcquire(A));
        slowTime.Advance(TimeSpan.FromDays(3650));
        Assert.False(slow.TryAcquire(A));
    }
}
