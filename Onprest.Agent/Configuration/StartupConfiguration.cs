using Onprest.Agent.Capabilities;
using Onprest.Agent.Capabilities.Loading;

namespace Onprest.Agent.Configuration;

/// <summary>
/// Start-up step 1 for run mode (docs/agent-databases.md): resolve, read and lint capability.yaml; on failure
/// write exactly one stderr line <c>agent init: &lt;public message&gt;</c> (never the internal decode detail).
/// </summary>
internal static class StartupConfiguration
{
    /// <returns>The configuration, or null after writing the failure line (the caller exits 1).</returns>
    public static AgentConfiguration? Load(string? configFlag, string? capabilityFileFlag, TextWriter stderr) =>
        Load(CapabilityFileLocator.Resolve(configFlag, capabilityFileFlag), stderr);

    public static AgentConfiguration? Load(string path, TextWriter stderr)
    {
        var result = CapabilityFileLoader.Load(path);
        if (result.IsValid)
        {
            return result.Configuration;
        }

        stderr.Write("agent init: " + result.Error.Explanation + "\n");
        stderr.Flush();
        return null;
    }
}
