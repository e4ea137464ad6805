using System.Diagnostics;
using System.Text.Json;
using Onprest.EndToEnd.Tests.Infrastructure;

namespace Onprest.EndToEnd.Tests.WholeSystem;

/// <summary>
/// The official MCP TypeScript SDK client (npm <c>@modelcontextprotocol/sdk</c>, the interop package of the gateway
/// tests) against the published gateway, through the tunnel, to the published agent on SQLite.
/// </summary>
public sealed class McpSdkClientTests(SqliteSystemFixture fixture) : IClassFixture<SqliteSystemFixture>
{
    [Fact]
    public async Task The_typescript_sdk_client_lists_and_calls_tools_through_the_tunnel()
    {
        var node = FindOnPath("node");
        var npm = FindOnPath("npm");
        if (node is null || npm is null)
        {
            Assert.Skip("node/npm are not installed; this test needs Node.js 20 or later");
        }

        // A private copy: the gateway test project may be installing into the shared folder at the same time.
        var source = RepositoryPaths.Combine("tests", "Onprest.Gateway.Tests", "Mcp", "Interop");
        var folder = Directory.CreateTempSubdirectory("onprest-mcp-sdk-").FullName;
        foreach (var file in new[] { "package.json", "package-lock.json", "client.mjs" })
        {
            File.Copy(Path.Combine(source, file), Path.Combine(folder, file));
        }

        try
        {
            var install = await RunAsync(npm, ["ci", "--no-audit", "--no-fund"], folder, TimeSpan.FromMinutes(5));
            Assert.True(install.Exit == 0, "npm ci failed: " + install.Stderr);
            var run = await RunAsync(node, ["client.mjs", $"http://127.0.0.1:{fixture.System.Port}/mcp", fixture.System.AllKey.Plaintext, """{"id":1}"""], folder, TimeSpan.FromMinutes(2));
            Assert.True(run.Exit == 0, run.Stderr);

            using var summary = JsonDocument.Parse(run.Stdout.Trim().Split('\n')[^1]);
            var root = summary.RootElement;
            var tools = root.GetProperty("tools").EnumerateArray().Select(t => t.GetString()).ToList();
            Assert.Contains("get_customer", tools);
            Assert.DoesNotContain("internal_report", tools);
            var success = root.GetProperty("success");
            Assert.False(success.TryGetProperty("isError", out var isError) && isError.GetBoolean());
            Assert.Equal("Ada Lovelace", success.GetProperty("structuredContent").GetProperty("rows")[0].GetProperty("name").GetString());
            var failure = root.GetProperty("failure");
            Assert.True(failure.GetProperty("isError").GetBoolean());
            Assert.Equal("AGENT_VALIDATION_FAILED", failure.GetProperty("structuredContent").GetProperty("error").GetProperty("code").GetString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string file, string[] arguments, string folder, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
