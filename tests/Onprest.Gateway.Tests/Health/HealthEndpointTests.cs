using Onprest.Gateway.Tests.Testing;

namespace Onprest.Gateway.Tests.Health;

public sealed class HealthEndpointTests : IDisposable
{
    private readonly GatewayFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true, "{\"ok\":true,\"agent_connected\":true}\n")]
    [InlineData(false, "{\"ok\":true,\"agent_connected\":false}\n")]
    public async Task Reports_the_agent_connection_without_a_key(bool connected, string body)
    {
        _factory.Agent.IsConnected = connected;
        var response = await _factory.Client().GetAsync("/healthz?probe=1", Ct);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(body, await response.Content.ReadAsStringAsync(Ct));
        Assert.Empty(_factory.Stdout.Logged());
    }

    [Theory]
    [InlineData(0, "{\"ok\":true,\"agent_connected\":false,\"agents_connected\":0,\"agents_configured\":3}\n")]
    [InlineData(2, "{\"ok\":true,\"agent_connected\":true,\"agents_connected\":2,\"agents_configured\":3}\n")]
    public async Task A_pool_also_reports_how_many_of_its_agents_are_connected(int connected, string body)
    {
        _factory.Agent.Slots = 3;
        _factory.Agent.Connected = connected;
        _factory.Agent.IsConnected = connected > 0;
        var response = await _factory.Client().GetAsync("/healthz", Ct);
        Assert.Equal(body, await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Other_methods_get_405_with_allow_get(string method)
    {
        var response = await _factory.Client().SendAsync(new HttpRequestMessage(new HttpMethod(method), "/healthz"), Ct);
        Assert.Equal("GET", response.Content.Headers.Allow.Single());
        await HttpAssert.ErrorAsync(response, 405, "GATEWAY_METHOD_NOT_ALLOWED", "use GET");
        Assert.Empty(_factory.Stdout.Logged());
    }
}
