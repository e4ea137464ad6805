using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Onprest.Gateway.Auth;
using Onprest.Gateway.Tests.Testing;

namespace Onprest.Gateway.Tests.Auth;

public sealed class AuthenticationFloodTests
{
    [Fact]
    public async Task A_flood_of_wrong_keys_gets_429_with_at_most_four_hash_checks_at_once()
    {
        using var gate = new ManualResetEventSlim();
        var inside = 0;
        var peak = 0;
        using var factory = new GatewayFactory();
        var client = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton(provider => new ApiKeyVerifier(factory.Options, provider.GetRequiredService<AuthenticationCache>(), (token, hash) =>
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
            })))).CreateClient();

        HttpRequestMessage Request(string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/openapi.json");
            request.Headers.TryAddWithoutValidation("X-API-Key", key);
            return request;
        }

        // A valid key verified before the flood stays cached and keeps working during it.
        Assert.Equal(503, (int)(await client.SendAsync(Request(TestKeys.AllKey), TestContext.Current.CancellationToken)).StatusCode);

        var flood = Enumerable.Range(0, 4).Select(i => Task.Run(() => client.SendAsync(Request("wrong-" + i)))).ToList();
        SpinWait.SpinUntil(() => Volatile.Read(ref inside) == 4, TimeSpan.FromSeconds(30));
        var busy = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => client.SendAsync(Request("more-wrong-" + i), TestContext.Current.CancellationToken)));
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

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
