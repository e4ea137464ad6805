using Onprest.Gateway.Auth;
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
}
