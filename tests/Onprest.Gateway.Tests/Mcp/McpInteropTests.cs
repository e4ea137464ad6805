using System.Text.Json;
using Onprest.Gateway.Configuration;
using Onprest.Gateway.OpenApi;
using Onprest.Gateway.Tests.OpenApi;
using Onprest.Gateway.Tests.Testing;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Tests.Mcp;

/// <summary>
/// docs/api.md: the official TypeScript SDK client and MCP Inspector's CLI against the gateway on a real loopback
/// port, with a fake agent. Skipped (with the reason printed) only when Node.js is not installed.
/// </summary>
public sealed class McpInteropTests
{
    [Fact]
    public async Task Typescript_sdk_client_connects_lists_and_calls_tools()
    {
        var node = await InteropPackages.NodeAsync();
        await using var factory = StartGateway(out var port);

        var run = await ExternalProcess.RunAsync(node, ["client.mjs", $"http://127.0.0.1:{port}/mcp", TestKeys.AllKey], InteropPackages.Folder, timeout: TimeSpan.FromMinutes(2));
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

    [Fact]
    public async Task Inspector_cli_lists_and_calls_tools()
    {
        var node = await InteropPackages.NodeAsync();
        await using var factory = StartGateway(out var port);
        // The CLI finds its own package.json relative to the working directory, so it runs from its build folder.
        var cliFolder = Path.Combine(InteropPackages.Folder, "node_modules", "@modelcontextprotocol", "inspector-cli", "build");
        string[] common = ["index.js", $"http://127.0.0.1:{port}/mcp", "--transport", "http", "--header", "Authorization: Bearer " + TestKeys.AllKey];

        var list = await ExternalProcess.RunAsync(node, [.. common, "--method", "tools/list"], cliFolder, timeout: TimeSpan.FromMinutes(2));
        Assert.True(list.ExitCode == 0, "inspector tools/list failed: " + list.Stderr + list.Stdout);
        var tools = JsonDocument.Parse(list.Stdout).RootElement.GetProperty("tools");
        Assert.Equal(["get_customer", "update_email"], tools.EnumerateArray().Select(t => t.GetProperty("name").GetString()));

        var call = await ExternalProcess.RunAsync(node, [.. common, "--method", "tools/call", "--tool-name", "get_customer", "--tool-arg", "customer_id=7"], cliFolder, timeout: TimeSpan.FromMinutes(2));
        Assert.True(call.ExitCode == 0, "inspector tools/call failed: " + call.Stderr + call.Stdout);
        var result = JsonDocument.Parse(call.Stdout).RootElement;
        Assert.Equal(1, result.GetProperty("structuredContent").GetProperty("count").GetInt32());
        Assert.Equal("get_customer", Assert.Single(factory.Agent.Calls).Capability);
    }

    /// <summary>A gateway on a free loopback port whose fake agent answers two capabilities.</summary>
    private static GatewayFactory StartGateway(out int port)
    {
        var listen = ExternalProcess.FreePort();
        port = listen;
        var factory = new GatewayFactory(TestKeys.Options(o => o with { Addr = "127.0.0.1:" + listen, Listen = new ListenAddress("127.0.0.1", listen) }));
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
        return factory;
    }
}
