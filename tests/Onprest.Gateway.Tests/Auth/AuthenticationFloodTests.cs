using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Onprest.Gateway.Auth;
using Onprest.Gateway.Network;
using Onprest.Gateway.Tests.Testing;

namespace Onprest.Gateway.Tests.Auth;

public sealed class AuthenticationFloodTests
{
    [Fact]
    public async Task A_flood_of_wrong_keys_from_many_sources_gets_429_with_at_most_four_hash_checks_at_once()
    {
        using var gate = new ManualResetEventSlim();
        var inside = 0;
        var peak = 0;
        using var factory = new GatewayFactory();
        var host = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton(provider => new ApiKeyVerifier(factory.Options, provider.GetRequiredService<AuthenticationCache>(), new SourcePartition(factory.Options), (token, hash) =>
            {
                if (token == TestKeys.AllKey)
                {
                    return BCrypt.Net.BCrypt.Verify(token, hash);
                }

                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref peak, now);
                gate.Wait(TimeSpan.FromSeconds(30));
                Interlocked.Decrement(ref inside);
                return false;
            }))));
        var client = host.CreateClient();
        HttpClient From(string peer)
        {
            var sourced = host.CreateClient();
            sourced.DefaultRequestHeaders.Add(GatewayFactory.PeerHeader, peer);
            return sourced;
        }

        HttpRequestMessage Request(string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/openapi.json");
            request.Headers.TryAddWithoutValidation("X-API-Key", key);
            return request;
        }

        // A valid key verified before the flood stays cached and keeps working during it.
        Assert.Equal(503, (int)(await client.SendAsync(Request(TestKeys.AllKey), TestContext.Current.CancellationToken)).StatusCode);

        var flood = Enumerable.Range(0, 4).Select(i => Task.Run(() => From("192.0.2." + (i + 1)).SendAsync(Request("wrong-" + i)))).ToList();
        SpinWait.SpinUntil(() => Volatile.Read(ref inside) == 4, TimeSpan.FromSeconds(30));
        var busy = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => From("198.51.100." + (i % 100)).SendAsync(Request("more-wrong-" + i), TestContext.Current.CancellationToken)));
        foreach (var response in busy)
        {
            await HttpAssert.ErrorAsync(response, 429, "GATEWAY_RATE_LIMITED", "authentication is busy; retry later");
        }

        Assert.Equal(503, (int)(await client.SendAsync(Request(TestKeys.AllKey), TestContext.Current.CancellationToken)).StatusCode);
        gate.Set();
        foreach (var response in await Task.WhenAll(flood))
        {
            await HttpAssert.ErrorAsync(response, 401, "GATEWAY_AUTH_FAILED", "invalid api key");
        }

        Assert.Equal(4, peak);
    }

    [Fact]
    public async Task Keys_are_verified_only_by_the_routes_that_need_them_after_the_allow_list_and_rate_limit()
    {
        var checks = 0;
        using var factory = new GatewayFactory(TestKeys.Options(o => o with
        {
            IpAllowList = [System.Net.IPNetwork.Parse("198.51.100.0/24")],
        }));
        var host = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton(provider => new ApiKeyVerifier(factory.Options, provider.GetRequiredService<AuthenticationCache>(), new SourcePartition(factory.Options), (_, _) =>
            {
                Interlocked.Increment(ref checks);
                return false;
            }))));

        HttpRequestMessage Request(string path, string peer)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("X-API-Key", "wrong-key");
            request.Headers.TryAddWithoutValidation(GatewayFactory.PeerHeader, peer);
            return request;
        }

        var client = host.CreateClient();
        Assert.Equal(200, (int)(await client.SendAsync(Request("/healthz", "198.51.100.1"), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(404, (int)(await client.SendAsync(Request("/nowhere", "198.51.100.1"), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(403, (int)(await client.SendAsync(Request("/openapi.json", "203.0.113.9"), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(0, checks);

        Assert.Equal(401, (int)(await client.SendAsync(Request("/openapi.json", "198.51.100.1"), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(TestKeys.Options().ApiKeys.Count, checks);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
