using System.Text;
using Onprest.Gateway.Tests.Mcp;
using Onprest.Gateway.Tests.Testing;

namespace Onprest.Gateway.Tests.Logging;

/// <summary>The capability name in a stdout <c>request</c> event is the caller's choice; it is cut to 64 code points.</summary>
public sealed class EchoedNameStdoutTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Huge_capability_names_from_rest_paths_and_mcp_tool_names_are_cut_in_request_events()
    {
        using var factory = new GatewayFactory();
        factory.Agent.Handler = (_, _) => FakeAgentTunnel.Failure("GATEWAY_CAPABILITY_NOT_FOUND", "capability is not defined");
        var client = factory.Client();

        var restName = new string('r', 6000);
        using var rest = new HttpRequestMessage(HttpMethod.Post, "/api/v1/capabilities/" + restName)
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        rest.Headers.TryAddWithoutValidation("Authorization", "Bearer " + TestKeys.AllKey);
        await client.SendAsync(rest, Ct);

        var toolName = new string('t', 300_000);
        await client.SendAsync(McpClient.Request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"" + toolName + "\",\"arguments\":{}}}"), Ct);

        var events = factory.Stdout.Events("request");
        Assert.Equal(2, events.Count);
        Assert.Equal(new string('r', 63) + "…", events[0].GetProperty("capability").GetString());
        Assert.Equal(new string('t', 63) + "…", events[1].GetProperty("capability").GetString());
        Assert.True(factory.Stdout.Text.Length < 4096, "stdout carried the caller's name in full");
    }

    [Fact]
    public async Task Names_of_64_code_points_are_written_whole()
    {
        using var factory = new GatewayFactory();
        factory.Agent.Handler = (_, _) => FakeAgentTunnel.Failure("GATEWAY_CAPABILITY_NOT_FOUND", "capability is not defined");
        var name = new string('c', 64);
        using var rest = new HttpRequestMessage(HttpMethod.Post, "/api/v1/capabilities/" + name)
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        rest.Headers.TryAddWithoutValidation("Authorization", "Bearer " + TestKeys.AllKey);
        await factory.Client().SendAsync(rest, Ct);

        Assert.Equal(name, Assert.Single(factory.Stdout.Events("request")).GetProperty("capability").GetString());
    }
}
