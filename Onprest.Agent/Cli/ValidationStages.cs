namespace Onprest.Agent.Cli;

/// <summary>The stage names of <c>validate</c> (docs/cli.md) as they appear in JSON output.</summary>
internal static class ValidationStages
{
    public const string Config = "config";
    public const string Busy = "busy";
    public const string DetailLog = "detail_log";
    public const string DatabaseOpen = "database_open";
    public const string DatabasePing = "database_ping";
    public const string CapabilityExplain = "capability_explain";
    public const string Canceled = "canceled";
    public const string Internal = "internal";
}
