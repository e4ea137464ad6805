using Microsoft.AspNetCore.Http;
using Onprest.Gateway.Auth;
using Onprest.Gateway.Configuration;
using Onprest.Gateway.Tests.Testing;

namespace Onprest.Gateway.Tests.Auth;

public sealed class ApiKeyVerifierTests
{
    [Fact]
    public void Verifies_with_bcrypt_and_returns_the_first_matching_key()
    {
        var verifier = new ApiKeyVerifier(TestKeys.Options(), new AuthenticationCache(new ManualTimeProvider()));
        Assert.Same(TestKeys.Customer, verifier.Verify(TestKeys.CustomerKey).Key);
        Assert.Same(TestKeys.All, verifier.Verify(TestKeys.AllKey).Key);
        var wrong = verifier.Verify("wrong");
        Assert.Null(wrong.Key);
        Assert.Equal(401, wrong.Status);
        Assert.Equal("invalid api key", wrong.Error!.Message);
    }

    [Fact]
    public void A_cached_success_does_no_hash_work_and_failures_are_not_cached()
    {
        var checks = 0;
        var verifier = new ApiKeyVerifier(TestKeys.Options(), new AuthenticationCache(new ManualTimeProvider()), (token, hash) =>
        {
            Interlocked.Increment(ref checks);
            return BCrypt.Net.BCrypt.Verify(token, hash);
        });
        verifier.Verify(TestKeys.AllKey);
        var afterFirst = checks;
        verifier.Verify(TestKeys.AllKey);
        Assert.Equal(afterFirst, checks);

        verifier.Verify("wrong");
        var afterWrong = checks;
        verifier.Verify("wrong");
        Assert.Equal(afterWrong + 3, checks);
    }

    [Fact]
    public async Task A_fifth_concurrent_miss_is_busy_at_once_while_cached_keys_keep_working()
    {
        using var gate = new ManualResetEventSlim();
        var inside = 0;
        var cache = new AuthenticationCache(new ManualTimeProvider());
        var verifier = new ApiKeyVerifier(TestKeys.Options(), cache, (token, hash) =>
        {
            if (token == "slow")
            {
                Interlocked.Increment(ref inside);
                gate.Wait(TestContext.Current.CancellationToken);
                return false;
            }

            return BCrypt.Net.BCrypt.Verify(token, hash);
        });
        Assert.NotNull(verifier.Verify(TestKeys.AllKey).Key);

        var holders = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(() => verifier.Verify("slow"), TaskCreationOptions.LongRunning)).ToArray();
        SpinWait.SpinUntil(() => Volatile.Read(ref inside) == 4, TimeSpan.FromSeconds(30));
        Assert.Equal(4, Volatile.Read(ref inside));

        var busy = verifier.Verify("another-wrong-key");
        Assert.Equal(429, busy.Status);
        Assert.Equal("authentication is busy; retry later", busy.Error!.Message);
        Assert.Equal(429, verifier.Verify(TestKeys.CustomerKey).Status);
        Assert.Same(TestKeys.All, verifier.Verify(TestKeys.AllKey).Key);

        gate.Set();
        var results = await Task.WhenAll(holders);
        Assert.All(results, r => Assert.Equal(401, r.Status));
        Assert.Same(TestKeys.Customer, verifier.Verify(TestKeys.CustomerKey).Key);
    }

    [Fact]
    public void A_cached_hit_returns_the_same_success_every_time()
    {
        var verifier = new ApiKeyVerifier(TestKeys.Options(), new AuthenticationCache(new ManualTimeProvider()));
        var first = verifier.Verify(TestKeys.CustomerKey);
        var second = verifier.Verify(TestKeys.CustomerKey);
        Assert.Same(first, second);
        Assert.Equal(200, second.Status);
        Assert.Null(second.Error);
    }

    [Fact]
    public void A_token_longer_than_the_stack_buffer_is_verified_and_cached_the_same_way()
    {
        var longToken = new string('k', TokenDigest.MaxStackTokenBytes * 4);
        var checks = 0;
        var verifier = new ApiKeyVerifier(TestKeys.Options(), new AuthenticationCache(new ManualTimeProvider()), (token, hash) =>
        {
            Interlocked.Increment(ref checks);
            return token == longToken && hash == TestKeys.Nothing.KeyHash;
        });
        Assert.Same(TestKeys.Nothing, verifier.Verify(longToken).Key);
        var afterFirst = checks;
        Assert.Same(TestKeys.Nothing, verifier.Verify(longToken).Key);
        Assert.Equal(afterFirst, checks);
        Assert.Null(verifier.Verify(longToken.AsSpan(1)).Key);
    }

    [Fact]
    public void A_cached_hit_allocates_nothing()
    {
        var verifier = new ApiKeyVerifier(TestKeys.Options(), new AuthenticationCache(new ManualTimeProvider()));
        var token = TestKeys.AllKey.AsMemory();
        Assert.Same(TestKeys.All, verifier.Verify(token.Span).Key);
        for (var i = 0; i < 100; i++)
        {
            verifier.Verify(token.Span);
        }

        var hits = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            hits += ReferenceEquals(verifier.Verify(token.Span).Key, TestKeys.All) ? 1 : 0;
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
        var verifier = new ApiKeyVerifier(TestKeys.Options(), new AuthenticationCache(new ManualTimeProvider()));
        var headers = new HeaderDictionary { [header] = value };
        Assert.True(ApiKeyHeaders.TryReadToken(headers, out var warm));
        Assert.Same(TestKeys.All, verifier.Verify(warm).Key);
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

    private static ApiKeyEntry? ReadAndVerify(ApiKeyVerifier verifier, HeaderDictionary headers) =>
        ApiKeyHeaders.TryReadToken(headers, out var token) ? verifier.Verify(token).Key : null;
}
