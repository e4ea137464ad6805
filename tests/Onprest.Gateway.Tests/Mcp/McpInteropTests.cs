using System.Runtime.CompilerServices;
using System.Text.Json;
using Onprest.Gateway.Configuration;
using Onprest.Gateway.OpenApi;
using Onprest.Gateway.Tests.OpenApi;
using Onprest.Gateway.Tests.Testing;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Tests.Mcp;

/// <summary>mcp.md §8: the official TypeScript SDK client against the gateway on a real loopback port, with a fake agent.</summary>
public sealed class McpInteropTests
{
    private static string InteropFolder([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Interop");

    [Fact]
    public async Task Typescript_sdk_client_connects_lists_and_calls_tools()
    {
        var node = ExternalProcess.FindOnPath("node");
        if (node is null)
        {
            Assert.Skip("node is not installed; the MCP TypeScript SDK interop test needs Node.js 20 or later");
        }

        var folder = InteropFolder();
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@modelcontextprotocol", "sdk")))
        {
            var npm = ExternalProcess.FindOnPath("npm") ?? throw new InvalidOperationException("node is installed but npm is not");
            var install = await ExternalProcess.RunAsync(npm, ["ci", "--no-audit", "--no-fund"], folder, timeout: TimeSpan.FromMinutes(5));
            Assert.True(install.ExitCode == 0, "npm ci failed: " + install.Stderr);
        }

        var port = ExternalProcess.FreePort();
        await using var factory = new GatewayFactory(TestKeys.Options(o => o with { Addr = "127.0.0.1:" + port, Listen = new ListenAddress("127.0.0.1", port) }));
        factory.Agent.Metadata = new AgentMetadata(
            new OpenApiFinalizer(factory.Options).Finalize(OpenApiDocuments.AgentBytes),
            new Dictionary<string, string> { ["get_customer"] = "select", ["update_email"] = "mutation" });
        factory.Agent.Handler = (capability, _) => capability switch
        {
            "get_customer" => FakeAgentTunnel.Success("{\"rows\":[{\"id\":7,\"name\":\"Ada\"}],\"count\":1}", 1),
            "update_email" => FakeAgentTunnel.Failure("AGENT_QUERY_TIMEOUT", "query exceeded policy.timeout"),
            _ => FakeAgentTunnel.Failure("GATEWAY_CAPABILITY_NOT_FOUND", "capability is not defined"),
        };
        factory.UseKestrel();
        factory.StartServer();

        var run = await ExternalProcess.RunAsync(node, ["client.mjs", $"http://127.0.0.1:{port}/mcp", TestKeys.AllKey], folder, timeout: TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, "client failed: " + run.Stderr + run.Stdout);

        var summary = JsonDocument.Parse(run.Stdout.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal("onprest-gateway", summary.GetProperty("server").GetProperty("name").GetString());
        Assert.Equal(["get_customer", "update_email"], summary.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
        var success = summary.GetProperty("success");
        Assert.Equal("{\"rows\":[{\"id\":7,\"name\":\"Ada\"}],\"count\":1}", success.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal(1, success.GetProperty("structuredContent").GetProperty("count").GetInt32());
        var failure = summary.GetProperty("failure");
        Assert.True(failure.GetProperty("isError").GetBoolean());
        Assert.Equal("AGENT_QUERY_TIMEOUT", failure.GetProperty("structuredContent").GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(-32602, summary.GetProperty("undefinedTool").GetProperty("code").GetInt32());

        var calls = factory.Stdout.Events("request");
        Assert.Equal(3, calls.Count);
        Assert.All(calls, e => Assert.Equal("mcp", e.GetProperty("protocol").GetString()));
    }
}
