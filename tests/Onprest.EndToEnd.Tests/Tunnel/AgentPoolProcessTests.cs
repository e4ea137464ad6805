using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Onprest.EndToEnd.Tests.Infrastructure;

namespace Onprest.EndToEnd.Tests.Tunnel;

/// <summary>
/// Two published agents behind one published gateway (docs/agent-pool.md), under a steady stream of calls: a rolling
/// change of capability.yaml fails no call, and a killed agent fails only the calls it held.
/// </summary>
public sealed class AgentPoolProcessTests
{
    private const string NewCapability = """
          get_customer_name:
            description: Only the name of one customer.
            sql: select name from e2e_customers where id = :id
            params:
              id: {type: integer, required: true, minimum: 1}
            result:
              name: {type: string}
        """;

    [Fact]
    public async Task Restarting_the_agents_one_by_one_with_a_new_capability_fails_no_call_and_serves_the_new_capability_at_once()
    {
        await using var system = await OnprestSystem.StartAsync(folder => new SqliteTarget(folder), agents: 2);
        await system.StartAgentAsync(1, waitForMetadata: false);
        await WaitForAgentsAsync(system, 2);

        await using var load = CallLoad.Start(system, workers: 6);
        for (var agent = 0; agent < 2; agent++)
        {
            await load.WaitForSuccessesAsync(100);
            await File.AppendAllTextAsync(system.CapabilityFileAt(agent), "\n" + NewCapability + "\n", TestContext.Current.CancellationToken);
            Assert.Equal(0, await system.AgentAt(agent).StopAsync(TimeSpan.FromSeconds(20)));
            await load.WaitForSuccessesAsync(100);
            await system.StartAgentAsync(agent, waitForMetadata: false);
            await WaitForAgentsAsync(system, 2);

            // The restarted agent is the newest: its capability is advertised and callable as soon as it is cached.
            await WaitUntilAsync(async () => (await system.CallJsonAsync("get_customer_name", """{"id":1}""")).Status == 200, TimeSpan.FromSeconds(20));
        }

        await load.WaitForSuccessesAsync(100);
        var outcome = await load.StopAsync();
        Assert.True(outcome.Failures.IsEmpty, $"{outcome.Failures.Count} of {outcome.Successes + outcome.Failures.Count} calls failed: {string.Join(", ", outcome.Failures.Take(5))}");
        Assert.True(outcome.Successes >= 500, $"only {outcome.Successes} calls");
        var (status, body) = await system.CallJsonAsync("get_customer_name", """{"id":2}""");
        Assert.Equal(200, status);
        Assert.Equal(1, body.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_killed_agent_fails_only_the_calls_it_held_and_the_other_keeps_serving()
    {
        await using var system = await OnprestSystem.StartAsync(folder => new SqliteTarget(folder), agents: 2);
        await system.StartAgentAsync(1, waitForMetadata: false);
        await WaitForAgentsAsync(system, 2);

        await using var load = CallLoad.Start(system, workers: 6);
        await load.WaitForSuccessesAsync(200);
        await system.AgentAt(1).KillAsync();
        var killed = load.Successes;
        await load.WaitForSuccessesAsync(killed + 300);
        Assert.Equal(1, await ConnectedAgentsAsync(system));

        var outcome = await load.StopAsync();
        // At most the calls in flight on the killed agent fail (never more than the workers), each with 503.
        Assert.InRange(outcome.Failures.Count, 0, 6);
        Assert.All(outcome.Failures, f => Assert.Equal("503 GATEWAY_AGENT_OFFLINE", f));

        var rejoin = Stopwatch.StartNew();
        await system.StartAgentAsync(1, waitForMetadata: false);
        await WaitForAgentsAsync(system, 2);
        Assert.True(rejoin.Elapsed < TimeSpan.FromSeconds(20), $"rejoined after {rejoin.Elapsed}");
    }

    [Fact]
    public async Task Healthz_counts_the_agents_of_the_pool()
    {
        await using var system = await OnprestSystem.StartAsync(folder => new SqliteTarget(folder), agents: 2);
        using var one = JsonDocument.Parse(await system.Http.GetStringAsync("/healthz", TestContext.Current.CancellationToken));
        Assert.Equal(1, one.RootElement.GetProperty("agents_connected").GetInt32());
        Assert.Equal(2, one.RootElement.GetProperty("agents_configured").GetInt32());
        Assert.True(one.RootElement.GetProperty("agent_connected").GetBoolean());

        await system.StartAgentAsync(1, waitForMetadata: false);
        await WaitForAgentsAsync(system, 2);
    }

    private static async Task<int> ConnectedAgentsAsync(OnprestSystem system)
    {
        using var health = JsonDocument.Parse(await system.Http.GetStringAsync("/healthz"));
        return health.RootElement.GetProperty("agents_connected").GetInt32();
    }

    private static Task WaitForAgentsAsync(OnprestSystem system, int count) =>
        WaitUntilAsync(async () => await ConnectedAgentsAsync(system) == count, TimeSpan.FromSeconds(45));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < timeout, $"condition not met within {timeout}");
            await Task.Delay(50);
        }
    }

    /// <summary>Workers calling <c>get_customer</c> back to back, each with its own connection, recording every outcome.</summary>
    private sealed class CallLoad : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task[] _workers;
        private readonly ConcurrentQueue<string> _failures = new();
        private long _successes;

        private CallLoad(OnprestSystem system, int workers)
        {
            _workers = Enumerable.Range(0, workers).Select(i => Task.Run(() => RunAsync(system, i))).ToArray();
        }

        public long Successes => Interlocked.Read(ref _successes);

        public static CallLoad Start(OnprestSystem system, int workers) => new(system, workers);

        public async Task WaitForSuccessesAsync(long count)
        {
            var deadline = Stopwatch.StartNew();
            while (Successes < count)
            {
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), $"only {Successes} of {count} calls succeeded; failures: {string.Join(", ", _failures.Take(5))}");
                await Task.Delay(20);
            }
        }

        public async Task<(long Successes, ConcurrentQueue<string> Failures)> StopAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_workers);
            return (Successes, _failures);
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _stop.Dispose();
        }

        private async Task RunAsync(OnprestSystem system, int worker)
        {
            using var client = new HttpClient { BaseAddress = system.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", system.AllKey.Plaintext);
            var id = 1 + worker % 3;
            while (!_stop.IsCancellationRequested)
            {
                using var content = new StringContent($$"""{"id":{{id}}}""", System.Text.Encoding.UTF8, "application/json");
                using var response = await client.PostAsync("/api/v1/capabilities/get_customer", content);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _successes);
                    continue;
                }

                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                _failures.Enqueue($"{(int)response.StatusCode} {body.RootElement.GetProperty("error").GetProperty("code").GetString()}");
            }
        }
    }
}
