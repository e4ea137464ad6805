using Onprest.EndToEnd.Tests.Infrastructure;

namespace Onprest.EndToEnd.Tests.Observability;

/// <summary>
/// A gateway with its admin listener on and an agent with its metrics endpoint on (SQLite target), both on free
/// loopback ports, as an operator would run them behind a private network.
/// </summary>
/// <remarks>One system for the whole collection: the test classes use capabilities and keys of their own, so their counts stay apart.</remarks>
[CollectionDefinition(Name)]
public sealed class ObservedSystemCollection : ICollectionFixture<ObservedSystemFixture>
{
    public const string Name = "observed system";
}

/// <inheritdoc cref="ObservedSystemCollection"/>
public sealed class ObservedSystemFixture : IAsyncLifetime
{
    private OnprestSystem? _system;

    internal OnprestSystem System => _system ?? throw new InvalidOperationException("system not started");

    public int AdminPort { get; } = FreePort.Next();

    public int AgentMetricsPort { get; } = FreePort.Next();

    public HttpClient Admin { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _system = await OnprestSystem.StartAsync(
            folder => new SqliteTarget(folder),
            gatewayEnvironment: new Dictionary<string, string?> { ["GATEWAY_ADMIN_ADDR"] = $"127.0.0.1:{AdminPort}" },
            agentEnvironment: new Dictionary<string, string?> { ["AGENT_METRICS_ADDR"] = $"127.0.0.1:{AgentMetricsPort}" });
        Admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{AdminPort}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async ValueTask DisposeAsync()
    {
        Admin?.Dispose();
        if (_system is not null)
        {
            await _system.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
