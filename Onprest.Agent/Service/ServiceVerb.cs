namespace Onprest.Agent.Service;

/// <summary>The <c>service</c> subcommands of cli.md §5.2.</summary>
internal enum ServiceVerb
{
    Install,
    Start,
    Stop,
    Status,
    Uninstall,
    Help,
}
