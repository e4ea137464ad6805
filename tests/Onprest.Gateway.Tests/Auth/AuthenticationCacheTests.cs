using Onprest.Gateway.Auth;
using Onprest.Gateway.Configuration;
using Onprest.Gateway.Tests.Testing;

namespace Onprest.Gateway.Tests.Auth;

public sealed class AuthenticationCacheTests
{
    private static readonly ApiKeyOutcome AllSuccess = ApiKeyOutcome.Success(TestKeys.All);
    private static readonly ApiKeyOutcome CustomerSuccess = ApiKeyOutcome.Success(TestKeys.Customer);

    private static TokenDigest Digest(string token) => TokenDigest.Of(token);

    private static ApiKeyEntry? KeyOf(ApiKeyOutcome? outcome) => outcome?.Key;

    [Fact]
    public void Entries_live_five_minutes_from_insertion_and_hits_do_not_extend_them()
    {
        var time = new ManualTimeProvider();
        var cache = new AuthenticationCache(time);
        cache.Add(Digest("a"), AllSuccess);
        time.Advance(TimeSpan.FromMinutes(4));
        Assert.Same(TestKeys.All, KeyOf(cache.Find(Digest("a"))));
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Same(TestKeys.All, KeyOf(cache.Find(Digest("a"))));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(cache.Find(Digest("a")));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Holds_at_most_1024_entries_and_evicts_the_least_recently_used()
    {
        var cache = new AuthenticationCache(new ManualTimeProvider());
        for (var i = 0; i < ApiKeyDefaults.CacheCapacity; i++)
        {
            cache.Add(Digest("k" + i), AllSuccess);
        }

        Assert.NotNull(cache.Find(Digest("k0")));
        cache.Add(Digest("new"), CustomerSuccess);
        Assert.Equal(ApiKeyDefaults.CacheCapacity, cache.Count);
        Assert.NotNull(cache.Find(Digest("k0")));
        Assert.Null(cache.Find(Digest("k1")));
        Assert.Same(TestKeys.Customer, KeyOf(cache.Find(Digest("new"))));
    }

    [Fact]
    public void Expired_entries_are_purged_on_insertion()
    {
        var time = new ManualTimeProvider();
        var cache = new AuthenticationCache(time);
        for (var i = 0; i < 10; i++)
        {
            cache.Add(Digest("k" + i), AllSuccess);
        }

        time.Advance(TimeSpan.FromMinutes(5));
        cache.Add(Digest("fresh"), AllSuccess);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Digests_are_compared_by_value()
    {
        var cache = new AuthenticationCache(new ManualTimeProvider());
        cache.Add(Digest("a"), AllSuccess);
        Assert.NotNull(cache.Find(Digest("a")));
        Assert.Null(cache.Find(Digest("b")));
    }

    [Fact]
    public void A_hit_returns_the_very_outcome_that_was_added()
    {
        var cache = new AuthenticationCache(new ManualTimeProvider());
        cache.Add(Digest("a"), AllSuccess);
        Assert.Same(AllSuccess, cache.Find(Digest("a")));
    }

    [Fact]
    public void Failures_cannot_be_cached()
    {
        var cache = new AuthenticationCache(new ManualTimeProvider());
        Assert.Throws<ArgumentException>(() => cache.Add(Digest("a"), ApiKeyOutcome.Invalid));
        Assert.Throws<ArgumentException>(() => cache.Add(Digest("a"), ApiKeyOutcome.Busy));
        Assert.Equal(0, cache.Count);
    }
}
