namespace Onprest.AppHost;

/// <summary>
/// Writes the agent's capability file for an AppHost run: examples/capability.postgres.yaml or
/// examples/capability.sqlite.yaml with the allocated database endpoint, this run's agent key and the gateway URL.
/// </summary>
internal static class CapabilityFileTemplate
{
    public static async Task<string> WriteAsync(string appHostDirectory, string runFolder, SeededDatabase database, string agentPrivateKey, int gatewayPort, CancellationToken cancellationToken)
    {
        var examples = Path.Combine(appHostDirectory, "..", "examples");
        var postgres = database.Postgres?.Resource.PrimaryEndpoint;
        var template = Path.Combine(examples, postgres is null ? "capability.sqlite.yaml" : "capability.postgres.yaml");
        var lines = await File.ReadAllLinesAsync(template, cancellationToken);
        var output = new List<string>(lines.Length);
        foreach (var line in lines)
        {
            var trimmed = line.TrimStart();
            output.Add(trimmed switch
            {
                _ when trimmed.StartsWith("url:", StringComparison.Ordinal) => $"  url: ws://127.0.0.1:{gatewayPort}/ws/agent",
                _ when trimmed.StartsWith("allow_insecure_non_loopback_ws:", StringComparison.Ordinal) => "  allow_insecure_non_loopback_ws: false",
                _ when trimmed.StartsWith("agent_private_key:", StringComparison.Ordinal) => $"  agent_private_key: {agentPrivateKey}",
                _ when postgres is not null && trimmed.StartsWith("host:", StringComparison.Ordinal) => $"  host: {postgres.Host}",
                _ when postgres is not null && trimmed.StartsWith("port:", StringComparison.Ordinal) => $"  port: {postgres.Port}",
                // The SQLite template names crm.db next to itself; the run folder holds both.
                _ when database.SqlitePath is not null && trimmed.StartsWith("path:", StringComparison.Ordinal) => $"  path: {Path.GetFileName(database.SqlitePath)}",
                _ => line,
            });
        }

        var path = Path.Combine(runFolder, "capability.yaml");
        await File.WriteAllLinesAsync(path, output, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            // The file holds the agent's private key and the database password.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }
}
