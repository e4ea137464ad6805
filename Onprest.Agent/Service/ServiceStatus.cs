namespace Onprest.Agent.Service;

/// <summary>
/// The facts <c>service status</c> prints (docs/cli.md). <see cref="State"/> is the manager's own word
/// (<c>active</c>, <c>running</c>, …), <c>not-installed</c>, or <c>unknown</c> when the manager cannot be asked;
/// the other members are null when not known.
/// </summary>
internal sealed record ServiceStatus(
    bool Installed,
    string State,
    int? ProcessId = null,
    string? ConfigPath = null,
    string? ExecutablePath = null,
    string? Unit = null)
{
    public const string NotInstalledState = "not-installed";

    public const string UnknownState = "unknown";

    public static ServiceStatus NotInstalled { get; } = new(false, NotInstalledState);
}
