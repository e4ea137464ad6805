using System.Data.Common;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Databases;

namespace Onprest.Agent.Tests.Databases;

/// <summary>One database the shared engine suite runs against, with the SQL that differs per engine.</summary>
public abstract class EngineTarget
{
    public abstract string Name { get; }

    /// <summary>Null when the engine is not available here; then <see cref="SkipReason"/> says why.</summary>
    public abstract DatabaseSettings? Owner { get; }

    public virtual DatabaseSettings? Reader => null;

    public virtual DatabaseSettings? Writer => null;

    public abstract string SkipReason { get; }

    public virtual bool IsServer => true;

    /// <summary>Makes the database available (containers start here); afterwards <see cref="Owner"/> is final.</summary>
    public virtual Task PrepareAsync() => Task.CompletedTask;

    /// <summary>The engine's n-th positional placeholder (1-based).</summary>
    public abstract string P(int n);

    /// <summary>A SELECT returning one row with column <c>x</c> after about <paramref name="seconds"/> seconds.</summary>
    public abstract string SleepSelect(int seconds);

    /// <summary>An UPDATE of <paramref name="table"/> (every row's qty + 1) that runs for about <paramref name="seconds"/> seconds.</summary>
    public abstract string SleepUpdate(string table, int seconds);

    public virtual string IntType => "INTEGER";

    public virtual string TextType => "VARCHAR(100)";

    public virtual string ScratchTableName(string test) => $"t_{test}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();

    /// <summary>Creates <c>parent(id)</c>-style tables used by the suite: <c>&lt;t&gt;</c> and <c>&lt;t&gt;_p</c>.</summary>
    public virtual IEnumerable<string> CreateTables(string t) =>
    [
        $"CREATE TABLE {t}_p (id {IntType} PRIMARY KEY)",
        $"CREATE TABLE {t} (id {IntType} PRIMARY KEY, email {TextType} NOT NULL UNIQUE, name {TextType}, qty {IntType} NOT NULL CHECK (qty >= 0), parent_id {IntType} REFERENCES {t}_p(id))",
        $"INSERT INTO {t}_p (id) VALUES (1)",
        $"INSERT INTO {t} (id, email, name, qty, parent_id) VALUES (1, 'ada@example.com', 'Ada', 5, 1), (2, 'grace@example.com', NULL, 7, NULL), (3, 'linus@example.com', 'Linus', 0, 1)",
    ];

    public virtual IEnumerable<string> DropTables(string t) => [$"DROP TABLE IF EXISTS {t}", $"DROP TABLE IF EXISTS {t}_p"];

    /// <summary>Runs statements as the owner.</summary>
    public async Task AdminAsync(IEnumerable<string> statements)
    {
        await using var engine = DatabaseEngineFactory.Create(Owner!, 2);
        await using var connection = await engine.OpenAsync(CancellationToken.None);
        foreach (var sql in statements)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Reads one scalar as the owner.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var engine = DatabaseEngineFactory.Create(Owner!, 2);
        await using var connection = await engine.OpenAsync(CancellationToken.None);
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    protected static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
