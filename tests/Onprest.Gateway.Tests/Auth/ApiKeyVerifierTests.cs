using Microsoft.AspNetCore.Http;
using Onprest.Gateway.Auth;
using Onprest.Gateway.Configuration;
using Onprest.Gateway.Network;
using Onprest.Gateway.Tests.Testing;

namespace Onprest.Gateway.Tests.Auth;

public sealed class ApiKeyVerifierTests
{
    private static readonly System.Net.IPAddress Source = System.Net.IPAddress.Parse("198.51.100.7");

    [Fact]
    public void Verifies_with_bcrypt_and_returns_the_first_matching_key()
    {
        var verifier = new ApiKeyVerifier(TestKeys.Options(), new AuthenticationCache(new ManualTimeProvider()), new SourcePartition(TestKeys.Options()));
        Assert.Same(TestKeys.Customer, verifier.Verify(TestKeys.CustomerKey, Source).Key);
        Assert.Same(TestKeys.All, verifier.Verify(TestKeys.AllKey, Source).Key);
        var wrong = verifier.Verify("wrong", Source);
        Assert.Null(wrong.Key);
        Assert.Equal(401, wrong.Status);
        Assert.Equal("invalid api key", wrong.Error!.Message);
    }

    [Fact]
    public void A_cached_success_does_no_hash_work_and_failures_are_not_cached()
    {
        var checks = 0;
        var verifier = new ApiKeyVerifier(TestKeys.Options(), new AuthenticationCache(new ManualTimeProvider()), new SourcePartition(TestKeys.Options()), (token, hash) =>
        {
            Interlocked.Increment(ref checks);
            return BCrypt.Net.BCrypt.Verify(token, hash);
        });
        verifier.Verify(TestKeys.AllKey, Source);
        var afterFirst = checks;
        verifier.Verify(TestKeys.AllKey, Source);
        Assert.Equal(afterFirst, checks);

        verifier.Verify("wrong", Source);
        var afterWrong = checks;
        verifier.Verify("wrong", Source);
        Assert.Equal(afterWrong + 3, checks);
    }

    [Fact]
    public async Task A_fifth_concurrent_miss_is_busy_at_once_while_cached_keys_keep_working()
    {
        using var gate = new ManualResetEventSlim();
        var inside = 0;
        var cache = new AuthenticationCache(new ManualTimeProvider());
        var verifier = new ApiKeyVerifier(TestKeys.Options(), cache, new SourcePartition(TestKeys.Options()), (token, hash) =>
        {
            if (token.StartsWith("slow", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref inside);
                gate.Wait(TestContext.Current.CancellationToken);
                return false;
            }

            return BCrypt.Net.BCrypt.Verify(token, hash);
        });
        Assert.NotNull(verifier.Verify(TestKeys.AllKey, Source).Key);

        // Four different tokens from four sources: requests with one token would share a single verification.
        var holders = Enumerable.Range(0, 4).Select(i => Task.Factory.StartNew(() => verifier.Verify("slow" + i, System.Net.IPAddress.Parse("192.0.2." + (i + 1))), TaskCreationOptions.LongRunning)).ToArray();
        SpinWait.SpinUntil(() => Volatile.Read(ref inside) == 4, TimeSpan.FromSeconds(30));
        Assert.Equal(4, Volatile.Read(ref inside));

        var busy = verifier.Verify("another-wrong-key", Source);
        Assert.Equal(429, busy.Status);
        Assert.Equal("authentication is busy; retry later", busy.Error!.Message);
        Assert.Equal(429, verifier.Verify(TestKeys.CustomerKey, Source).Status);
        Assert.Same(TestKeys.All, verifier.Verify(TestKeys.AllKey, Source).Key);

        gate.Set();
        var results = await Task.WhenAll(holders);
        Assert.All(results, r => Assert.Equal(401, r.Status));
        Assert.Same(TestKeys.Customer, verifier.Verify(TestKeys.CustomerKey, Source).Key);
    }

    [Fact]
    public void A_cached_hit_returns_the_same_success_every_time()
    {
        var verifier = new ApiKeyVerifier(TestKeys.Options(), new AuthenticationCache(new ManualTimeProvider()), new SourcePartition(TestKeys.Options()));
        var first = verifier.Verify(TestKeys.CustomerKey, Source);
        var second = verifier.Verify(TestKeys.CustomerKey, Source);
        Assert.Same(first, second);
        Assert.Equal(200, second.Status);
        Assert.Null(second.Error);
    }

    [Fact]
    public void A_token_longer_than_the_stack_buffer_is_verified_and_cached_the_same_way()
    {
        var longToken = new string('k', TokenDigest.MaxStackTokenBytes * 4);
        var checks = 0;
        var verifier = new ApiKeyVerifier(TestKeys.Options(), new AuthenticationCache(new ManualTimeProvider()), new SourcePartition(TestKeys.Options()), (token, hash) =>
        {
            Interlocked.Increment(ref checks);
            return token == longToken && hash == TestKeys.Nothing.KeyHash;
        });
        Assert.Same(TestKeys.Nothing, verifier.Verify(longToken, Source).Key);
        var afterFirst = checks;
        Assert.Same(TestKeys.Nothing, verifier.Verify(longToken, Source).Key);
        Assert.Equal(afterFirst, checks);
        Assert.Null(verifier.Verify(longToken.AsSpan(1), Source).Key);
    }

    [Fact]
    public void A_cached_hit_allocates_nothing()
    {
        var verifier = new ApiKeyVerifier(TestKeys.Options(), new AuthenticationCache(new ManualTimeProvider()), new SourcePartition(TestKeys.Options()));
        var token = TestKeys.AllKey.AsMemory();
        Assert.Same(TestKeys.All, verifier.Verify(token.Span, Source).Key);
        for (var i = 0; i < 100; i++)
        {
            verifier.Verify(token.Span, Source);
        }

        var hits = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            hits += ReferenceEquals(verifier.Verify(token.Span, Source).Key, TestKeys.All) ? 1 : 0;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1000, hits);
        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData("Authorization", "Bearer " + TestKeys.AllKey)]
    [InlineData("X-API-Key", TestKeys.AllKey)]
    public void Reading_the_header_and_a_cached_hit_allocate_nothing(string header, string value)
    {
        var verifier = new ApiKeyVerifier(TestKeys.Options(), new AuthenticationCache(new ManualTimeProvider()), new SourcePartition(TestKeys.Options()));
        var headers = new HeaderDictionary { [header] = value };
        Assert.True(ApiKeyHeaders.TryReadToken(headers, out var warm));
        Assert.Same(TestKeys.All, verifier.Verify(warm, Source).Key);
        for (var i = 0; i < 100; i++)
        {
            ReadAndVerify(verifier, headers);
        }

        var hits = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            hits += ReferenceEquals(ReadAndVerify(verifier, headers), TestKeys.All) ? 1 : 0;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1000, hits);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_key_with_an_id_is_compared_with_its_own_entry_only()
    {
        var (id, key) = ApiKeyFormat.Create();
        var entry = new ApiKeyEntry("named", BCrypt.Net.BCrypt.HashPassword(key, 4), ["*"], id);
        var options = TestKeys.Options(o => o with { ApiKeys = [TestKeys.All, entry, TestKeys.Customer] });
        var checks = new List<string>();
        var verifier = new ApiKeyVerifier(options, new AuthenticationCache(new ManualTimeProvider()), new SourcePartition(options), (token, hash) =>
        {
            lock (checks)
            {
                checks.Add(hash);
            }

            return BCrypt.Net.BCrypt.Verify(token, hash);
        });

        Assert.Same(entry, verifier.Verify(key, Source).Key);
        Assert.Equal([entry.KeyHash], checks);

        checks.Clear();
        Assert.Equal(401, verifier.Verify(ApiKeyFormat.Prefix + id + "_wrong-secret", Source).Status);
        Assert.Equal([entry.KeyHash], checks);

        // An id no entry carries is treated like a key without one (an entry may have been configured without its id).
        checks.Clear();
        Assert.Equal(401, verifier.Verify(ApiKeyFormat.Prefix + "0000000000000000_whatever", Source).Status);
        Assert.Equal([TestKeys.All.KeyHash, TestKeys.Customer.KeyHash], checks);

        // A token without the prefix is compared with the entries that have no id, in order, and never with the named one.
        checks.Clear();
        Assert.Same(TestKeys.Customer, verifier.Verify(TestKeys.CustomerKey, Source).Key);
        Assert.Equal([TestKeys.All.KeyHash, TestKeys.Customer.KeyHash], checks);
    }

    [Fact]
    public void When_every_entry_has_an_id_a_token_without_a_known_id_costs_no_hash_work()
    {
        var (id, key) = ApiKeyFormat.Create();
        var options = TestKeys.Options(o => o with { ApiKeys = [new ApiKeyEntry("named", BCrypt.Net.BCrypt.HashPassword(key, 4), ["*"], id)] });
        var checks = 0;
        var verifier = new ApiKeyVerifier(options, new AuthenticationCache(new ManualTimeProvider()), new SourcePartition(options), (_, _) =>
        {
            Interlocked.Increment(ref checks);
            return false;
        });

        Assert.Equal(401, verifier.Verify(TestKeys.AllKey, Source).Status);
        Assert.Equal(401, verifier.Verify(ApiKeyFormat.Prefix + "0000000000000000_whatever", Source).Status);
        Assert.Equal(0, checks);
    }

    [Fact]
    public async Task One_source_holds_at_most_one_slot_and_other_sources_still_verify()
    {
        using var gate = new ManualResetEventSlim();
        var inside = 0;
        var verifier = new ApiKeyVerifier(TestKeys.Options(), new AuthenticationCache(new ManualTimeProvider()), new SourcePartition(TestKeys.Options()), (token, hash) =>
        {
            if (token == "slow")
            {
                Interlocked.Increment(ref inside);
                gate.Wait(TestContext.Current.CancellationToken);
                return false;
            }

            return BCrypt.Net.BCrypt.Verify(token, hash);
        });

        var attacker = System.Net.IPAddress.Parse("2001:db8:1:2::10");
        var holder = Task.Factory.StartNew(() => verifier.Verify("slow", attacker), TaskCreationOptions.LongRunning);
        SpinWait.SpinUntil(() => Volatile.Read(ref inside) == 1, TimeSpan.FromSeconds(30));

        // The same source (another address of its /64 included) is busy at once, without hash work...
        // (other wrong keys: a request with the very same token would wait for the running verification instead).
        Assert.Equal(429, verifier.Verify("another-wrong-key", attacker).Status);
        Assert.Equal(429, verifier.Verify("yet-another-wrong-key", System.Net.IPAddress.Parse("2001:db8:1:2::99")).Status);
        Assert.Equal(1, Volatile.Read(ref inside));

        // ...while another /64 and an IPv4 source get slots and verify valid keys.
        Assert.Same(TestKeys.Customer, verifier.Verify(TestKeys.CustomerKey, System.Net.IPAddress.Parse("2001:db8:1:3::10")).Key);
        Assert.Same(TestKeys.All, verifier.Verify(TestKeys.AllKey, System.Net.IPAddress.Parse("192.0.2.55")).Key);

        gate.Set();
        Assert.Equal(401, (await holder).Status);
        Assert.Equal(401, verifier.Verify("wrong", attacker).Status);
    }

    [Fact]
    public async Task Concurrent_requests_with_the_same_new_key_share_one_verification_and_none_is_busy()
    {
        using var gate = new ManualResetEventSlim();
        var checks = 0;
        var verifier = new ApiKeyVerifier(TestKeys.Options(), new AuthenticationCache(new ManualTimeProvider()), new SourcePartition(TestKeys.Options()), (token, hash) =>
        {
            Interlocked.Increment(ref checks);
            gate.Wait(TestContext.Current.CancellationToken);
            return BCrypt.Net.BCrypt.Verify(token, hash);
        });

        var first = Task.Factory.StartNew(() => verifier.Verify(TestKeys.AllKey, Source), TaskCreationOptions.LongRunning);
        SpinWait.SpinUntil(() => Volatile.Read(ref checks) == 1, TimeSpan.FromSeconds(30));
        var joined = new List<Task<ApiKeyOutcome>>();
        for (var i = 0; i < 50; i++)
        {
            verifier.Verify(TestKeys.AllKey, Source, out var pending);
            joined.Add(Assert.IsType<Task<ApiKeyOutcome>>(pending, exactMatch: false));
        }

        // A different key from the same source is not joined: it is busy, because the source's slot is taken.
        Assert.Equal(429, verifier.Verify("other-wrong-key", Source, out var none).Status);
        Assert.Null(none);

        gate.Set();
        Assert.Same(TestKeys.All, (await first).Key);
        Assert.All(await Task.WhenAll(joined), outcome => Assert.Same(TestKeys.All, outcome.Key));
        Assert.Equal(1, checks);
    }

    private static ApiKeyEntry? ReadAndVerify(ApiKeyVerifier verifier, HeaderDictionary headers) =>
        ApiKeyHeaders.TryReadToken(headers, out var token) ? verifier.Verify(token, Source).Key : null;
}
