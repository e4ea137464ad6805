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
    // 32 running and 32 waiting slots: more than the 32 connections of the concurrency test can have in flight.
    protected override int MaxConcurrentRequests => 32;

    internal override Func<string, DatabaseTarget>? CreateTarget(out string? skipReason)
    {
        skipReason = null;
        return folder => new SqliteTarget(folder);
    }
}

/// <summary>The CI PostgreSQL server (skipped with a printed reason where none is configured).</summary>
public sealed class PostgresSystemFixture : SystemFixture
{
    protected override int MaxConcurrentRequests => 32;

    internal override Func<string, DatabaseTarget>? CreateTarget(out string? skipReason)
    {
        var settings = ServerDatabaseSettings.FromEnvironment("POSTGRES", out skipReason);
        return settings is null ? null : _ => new PostgresTarget(settings);
    }
}

/// <summary>The CI MariaDB server, engine <c>mysql</c> (skipped with a printed reason where none is configured).</summary>
public sealed class MariaDbSystemFixture : SystemFixture
{
    protected override int MaxConcurrentRequests => 32;

    internal override Func<string, DatabaseTarget>? CreateTarget(out string? skipReason)
    {
        var settings = ServerDatabaseSettings.FromEnvironment("MYSQL", out skipReason);
        return settings is null ? null : _ => new MariaDbTarget(settings);
    }
}
