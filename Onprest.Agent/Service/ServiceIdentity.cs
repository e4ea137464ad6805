namespace Onprest.Agent.Service;

/// <summary>How the agent is registered with every service manager (cli.md §5.1).</summary>
internal static class ServiceIdentity
{
    public const string Name = "onprest-agent";

    public const string DisplayName = "Onprest Agent";

    public const string Description = "Onprest on-prem capability agent";
}
