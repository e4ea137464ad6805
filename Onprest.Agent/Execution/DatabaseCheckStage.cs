namespace Onprest.Agent.Execution;

/// <summary>The database stages of <c>validate</c> (docs/cli.md) and start-up steps 3–5 (docs/agent-databases.md), with their public messages.</summary>
public static class DatabaseCheckStage
{
    public const string DatabaseOpen = "database_open";
    public const string DatabasePing = "database_ping";
    public const string CapabilityExplain = "capability_explain";
    public const string Canceled = "canceled";
    public const string Internal = "internal";

    public static string MessageFor(string stage) => stage switch
    {
        DatabaseOpen => "database could not be opened",
        DatabasePing => "database is unreachable",
        CapabilityExplain => "capability EXPLAIN validation failed",
        Canceled => "validation canceled",
        _ => "validation could not complete",
    };
}
