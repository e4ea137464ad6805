using System.Diagnostics;
using System.Text.Json;

namespace Onprest.EndToEnd.Tests.Infrastructure;

/// <summary>Key material made by the real <c>onprest-gateway</c> CLI (docs/cli.md), as an operator would.</summary>
internal static class GatewayCli
{
    public static async Task<(string PrivateKey, string PublicKey)> CreateAgentSecretAsync()
    {
        using var json = JsonDocument.Parse(await RunAsync("create-agent-secret"));
        return (json.RootElement.GetProperty("agent_private_key").GetString()!, json.RootElement.GetProperty("agent_public_key").GetString()!);
    }

    /// <summary>Returns the plaintext key and the <c>GATEWAY_API_KEYS_JSON</c> entry built from the printed members.</summary>
    public static async Task<ApiKey> CreateKeyAsync(string name, string capabilities)
    {
        var output = await RunAsync("create-key", "--name", name, "--capabilities", capabilities);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        var entry = JsonSerializer.Serialize(new Dictionary<string, JsonElement>
        {
            ["name"] = root.GetProperty("name").Clone(),
            ["key_hash"] = root.GetProperty("key_hash").Clone(),
            ["capabilities"] = root.GetProperty("capabilities").Clone(),
        });
        return new ApiKey(name, root.GetProperty("api_key").GetString()!, entry);
    }

    public static async Task<string> RunAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo(PublishedBinaries.Gateway) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = Path.Combine(Path.GetTempPath(), "onprest-e2e-extract");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? stdout : throw new InvalidOperationException($"onprest-gateway {arguments[0]} exited {process.ExitCode}: {stderr}");
    }
}

/// <summary>A caller's API key: <paramref name="Plaintext"/> is what callers send; <paramref name="ConfigEntry"/> goes into the gateway.</summary>
internal sealed record ApiKey(string Name, string Plaintext, string ConfigEntry);
