namespace Onprest.Agent.Service;

/// <summary>The <c>service</c> subcommands of docs/cli.md.</summary>
internal enum ServiceVerb
{
    Install,
    Start,
    Stop,
    Status,
    Uninstall,
    Help,
}
