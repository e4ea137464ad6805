namespace Onprest.AppHost;

/// <summary>
/// Writes the agent's capability file for an AppHost run: examples/capability.postgres.yaml with the allocated
/// database endpoint, this run's agent key and the local gateway URL.
/// </summary>
internal static class CapabilityFileTemplate
{
    public static async Task<string> WriteAsync(string appHostDirectory, string dbHost, int dbPort, string agentPrivateKey, int gatewayPort, CancellationToken cancellationToken)
    {
        var template = Path.Combine(appHostDirectory, "..", "examples", "capability.postgres.yaml");
        var lines = await File.ReadAllLinesAsync(template, cancellationToken);
        var output = new List<string>(lines.Length);
        foreach (var line in lines)
        {
            var trimmed = line.TrimStart();
            output.Add(trimmed switch
            {
                _ when trimmed.StartsWith("url:", StringComparison.Ordinal) => $"  url: ws://localhost:{gatewayPort}/ws/agent",
                _ when trimmed.StartsWith("allow_insecure_non_loopback_ws:", StringComparison.Ordinal) => "  allow_insecure_non_loopback_ws: false",
                _ when trimmed.StartsWith("agent_private_key:", StringComparison.Ordinal) => $"  agent_private_key: {agentPrivateKey}",
                _ when trimmed.StartsWith("host:", StringComparison.Ordinal) => $"  host: {dbHost}",
                _ when trimmed.StartsWith("port:", StringComparison.Ordinal) => $"  port: {dbPort}",
                _ => line,
            });
        }

        var folder = Path.Combine(Path.GetTempPath(), "onprest-apphost");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "capability.yaml");
        await File.WriteAllLinesAsync(path, output, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            // The file holds the agent's private key and the database password.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }
}
