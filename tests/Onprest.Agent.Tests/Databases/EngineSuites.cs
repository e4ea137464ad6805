using Onprest.Agent.Capabilities;
using Onprest.Agent.Tests.Support;
using Onprest.Contracts.Errors;

namespace Onprest.Agent.Tests.Databases;

/// <summary>The engine suite on an in-process SQLite file, plus the read-only connections of readonly capabilities.</summary>
public sealed class SqliteEngineTests() : EngineSuite(new SqliteTarget())
{
    [Fact]
    public async Task Readonly_capability_runs_on_a_connection_that_cannot_write()
    {
        var t = await TableAsync();

        // SQLite has no functions with side effects, so no SELECT can write; the statement is handed to the executor
        // as if the scanner had let a write through, to show the connection itself refuses it.
        var write = TestCapabilities.Select($"INSERT INTO {t} (id, email, qty) VALUES (9, 'x@example.com', 1)", null);
        var record = AssertFailure(await RunAsync(write, []), PublicErrors.QueryFailed);
        Assert.StartsWith("readonly session refused a write: result 8", record.GetProperty("detail").GetString());
        Assert.Equal(3L, await CountAsync(t));

        AssertSuccess(await RunAsync(write with { Policy = new EffectivePolicy { Readonly = false } }, []), "{\"rows\":[],\"count\":0}");
        Assert.Equal(4L, await CountAsync(t));
    }
}

/// <summary>The engine suite on a PostgreSQL 15 container (Testcontainers; skipped without Docker).</summary>
public sealed class PostgresContainerEngineTests() : EngineSuite(new PostgresContainerTarget());

/// <summary>The engine suite on a SQL Server container (Testcontainers; skipped without Docker): SQL Server is only testable there.</summary>
public sealed class SqlServerContainerEngineTests() : EngineSuite(new SqlServerContainerTarget());
