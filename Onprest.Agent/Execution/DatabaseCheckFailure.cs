namespace Onprest.Agent.Execution;

/// <summary>
/// A failed database stage. <see cref="Message"/> is the public stage message of docs/cli.md (for
/// <c>capability_explain</c> the text form is <c>capability "&lt;name&gt;" EXPLAIN validation failed</c>, see
/// <see cref="TextMessage"/>); <see cref="Detail"/> is already redacted (docs/configuration.md) and is for private logs only.
/// </summary>
public sealed record DatabaseCheckFailure(string Stage, string? Capability, string Message, string Detail)
{
    /// <summary>The message for the text output line <c>validate: &lt;message&gt;</c>.</summary>
    public string TextMessage => Stage == DatabaseCheckStage.CapabilityExplain && Capability is not null
        ? $"capability \"{Capability}\" EXPLAIN validation failed"
        : Message;
}
