using Onprest.Agent.Databases;

namespace Onprest.Agent.Execution;

/// <summary>The outcome of <see cref="DatabaseChecks.RunAsync"/>: an open, checked engine, or the failed stage.</summary>
public sealed class DatabaseCheckResult : IAsyncDisposable
{
    public DatabaseCheckResult(IDatabaseEngine? engine, DatabaseCheckFailure? failure)
    {
        Engine = engine;
        Failure = failure;
    }

    /// <summary>Set on success; the caller owns it (dispose it, or hand it to the executor).</summary>
    public IDatabaseEngine? Engine { get; private set; }

    public DatabaseCheckFailure? Failure { get; }

    public bool Succeeded => Failure is null;

    /// <summary>Takes ownership of the engine (it is then not disposed with this result).</summary>
    public IDatabaseEngine DetachEngine()
    {
        var engine = Engine ?? throw new InvalidOperationException("no engine: the checks failed");
        Engine = null;
        return engine;
    }

    public async ValueTask DisposeAsync()
    {
        if (Engine is not null)
        {
            await Engine.DisposeAsync();
            Engine = null;
        }
    }
}
