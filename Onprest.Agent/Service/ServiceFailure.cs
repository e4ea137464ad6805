namespace Onprest.Agent.Service;

/// <summary>Why a service operation failed; each maps to one stderr line of docs/cli.md.</summary>
internal enum ServiceFailure
{
    /// <summary><c>service &lt;command&gt;: onprest-agent is not installed</c>.</summary>
    NotInstalled,

    /// <summary><c>service install: onprest-agent is already installed</c>.</summary>
    AlreadyInstalled,

    /// <summary><c>service &lt;command&gt;: &lt;reason&gt;</c>: permission, missing or failing manager, platform.</summary>
    Operational,
}
