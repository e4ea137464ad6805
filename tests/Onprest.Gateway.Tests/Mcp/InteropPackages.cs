using System.Runtime.CompilerServices;
using Onprest.Gateway.Tests.Testing;

namespace Onprest.Gateway.Tests.Mcp;

/// <summary>
/// The Node.js side of the MCP interop tests (Mcp/Interop: the official TypeScript SDK and the inspector CLI),
/// installed with <c>npm ci</c> once per test run. Test classes run in parallel, and two <c>npm ci</c> in one folder
/// delete each other's files, so every test that needs the packages waits for the one install.
/// </summary>
internal static class InteropPackages
{
    private static readonly SemaphoreSlim Install = new(1, 1);

    public static string Folder => FolderOf();

    /// <summary>The node executable once the packages are in place; skips the test when Node.js is not installed.</summary>
    public static async Task<string> NodeAsync()
    {
        var node = ExternalProcess.FindOnPath("node");
        if (node is null)
        {
            Assert.Skip("node is not installed; the MCP interop tests need Node.js 20 or later");
        }

        await Install.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!Installed())
            {
                var npm = ExternalProcess.FindOnPath("npm") ?? throw new InvalidOperationException("node is installed but npm is not");
                var install = await ExternalProcess.RunAsync(npm, ["ci", "--no-audit", "--no-fund"], Folder, timeout: TimeSpan.FromMinutes(5));
                Assert.True(install.ExitCode == 0, "npm ci failed: " + install.Stderr);
            }
        }
        finally
        {
            Install.Release();
        }

        return node;
    }

    private static bool Installed() =>
        File.Exists(Path.Combine(Folder, "node_modules", "@modelcontextprotocol", "sdk", "package.json"))
        && File.Exists(Path.Combine(Folder, "node_modules", "@modelcontextprotocol", "inspector-cli", "package.json"));

    private static string FolderOf([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Interop");
}
