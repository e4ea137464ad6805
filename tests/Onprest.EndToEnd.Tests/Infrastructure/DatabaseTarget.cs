namespace Onprest.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A real database the system runs against: the <c>database:</c> section of the capability file, the dialect's
/// SQL for the test capabilities, and a way for the test to read the table directly (to prove what was committed).
/// </summary>
internal abstract class DatabaseTarget : IAsyncDisposable
{
    /// <summary>The engine name as in <c>database.driver</c>.</summary>
    public abstract string Driver { get; }

    /// <summary>The YAML lines of the <c>database:</c> section (indented by two spaces), for a file in <paramref name="configFolder"/>.</summary>
    public abstract string DatabaseSection(string configFolder);

    /// <summary>A statement that keeps the database busy for several seconds (a "slow" capability).</summary>
    public abstract string SlowSelect { get; }

    /// <summary>Creates fresh <c>customers</c> rows (ids 1..3, unique e-mail) for one test.</summary>
    public abstract Task ResetAsync();

    /// <summary>Reads one customer's e-mail directly from the database.</summary>
    public abstract Task<string?> ReadEmailAsync(long id);

    public abstract ValueTask DisposeAsync();
}
