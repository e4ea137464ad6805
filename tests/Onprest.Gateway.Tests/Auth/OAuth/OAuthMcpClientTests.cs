using System.Text.Json;
using Onprest.Gateway.Tests.Mcp;
using Onprest.Gateway.Tests.Testing;

namespace Onprest.Gateway.Tests.Auth.OAuth;

/// <summary>
/// The official MCP TypeScript SDK client discovers the gateway's authorization through the 401 challenge and the
/// protected resource metadata, gets a client-credentials token for the resource from the test issuer and calls
/// tools with it. Skipped (with the reason printed) only when Node.js is not installed.
/// </summary>
public sealed class OAuthMcpClientTests
{
    [Fact]
    public async Task The_typescript_sdk_completes_the_authorization_flow_and_calls_a_tool()
    {
        var node = await InteropPackages.NodeAsync();
        var folder = InteropPackages.Folder;

        await using var issuer = await TestIssuer.StartAsync();
        issuer.AddClient("partner-bot", "s3cret-value", "onprest:get_customer");
        var port = ExternalProcess.FreePort();
        await using var gateway = OAuthGateway.Create(issuer, port: port);
        gateway.UseKestrel();
        gateway.StartServer();

        var run = await ExternalProcess.RunAsync(
            node,
            ["client-oauth.mjs", $"http://127.0.0.1:{port}/mcp", issuer.Url, "partner-bot", "s3cret-value", "onprest:get_customer"],
            folder,
            timeout: TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, "client failed: " + run.Stderr + run.Stdout);

        var summary = JsonDocument.Parse(run.Stdout.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(["get_customer"], summary.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(1, summary.GetProperty("success").GetProperty("structuredContent").GetProperty("count").GetInt32());
        // The SDK reads insufficient_scope, asks the issuer for the named scope (which this client may not have) and
        // then gives up with the 403: the step-up path of the MCP authorization flow works end to end.
        Assert.Contains("403", summary.GetProperty("denied").GetProperty("message").GetString());
        Assert.Equal("get_customer", Assert.Single(gateway.Agent.Calls).Capability);
        Assert.All(gateway.Stdout.Events("request"), e => Assert.Equal("oauth:partner-bot", e.GetProperty("api_key_name").GetString()));
        Assert.DoesNotContain("s3cret-value", gateway.Stdout.Text, StringComparison.Ordinal);
    }
}
