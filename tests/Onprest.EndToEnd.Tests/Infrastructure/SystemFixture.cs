namespace Onprest.EndToEnd.Tests.Infrastructure;

/// <summary>One running system shared by the tests of a class (starting one costs a few seconds).</summary>
public abstract class SystemFixture : IAsyncLifetime
{
    private OnprestSystem? _system;

    internal OnprestSystem System => _system ?? throw new InvalidOperationException(SkipReason ?? "system not started");

    /// <summary>Why this engine's tests cannot run here (e.g. no server configured), or null.</summary>
    public string? SkipReason { get; private set; }

    internal abstract Func<string, DatabaseTarget>? CreateTarget(out string? skipReason);

    protected virtual int MaxConcurrentRequests => 16;

    public async ValueTask InitializeAsync()
    {
        var factory = CreateTarget(out var reason);
        if (factory is null)
        {
            SkipReason = reason;
            return;
        }

        _system = await OnprestSystem.StartAsync(factory, MaxConcurrentRequests);
    }

    public async ValueTask DisposeAsync()
    {
        if (_system is not null)
        {
            await _system.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>SQLite runs everywhere: a file in the system's folder.</summary>
public sealed class SqliteSystemFixture : SystemFixture
{
    // Enough running and waiting slots for the 500-call concurrency test.
    protected override int MaxConcurrentRequests => 256;

    internal override Func<string, DatabaseTarget>? CreateTarget(out string? skipReason)
    {
        skipReason = null;
        return folder => new SqliteTarget(folder);
    }
}
