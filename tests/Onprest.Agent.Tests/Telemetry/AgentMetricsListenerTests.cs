using System.Net;
using System.Net.Sockets;
using Onprest.Agent.Telemetry;

namespace Onprest.Agent.Tests.Telemetry;

public sealed class AgentMetricsListenerTests
{
    [Theory]
    [InlineData(null, null, 0)]
    [InlineData("", null, 0)]
    [InlineData("127.0.0.1:9464", "127.0.0.1", 9464)]
    [InlineData("localhost:1", "localhost", 1)]
    [InlineData("[::1]:65535", "[::1]", 65535)]
    [InlineData("0.0.0.0:9464", "0.0.0.0", 9464)]
    public void Valid_or_unset_addresses_are_read(string? value, string? host, int port)
    {
        Assert.True(AgentMetricsListener.TryRead(_ => value, out var address));
        Assert.Equal(host is null ? null : (host, port), address);
    }

    [Theory]
    [InlineData("9464")]
    [InlineData(":9464")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:65536")]
    [InlineData("127.0.0.1:+80")]
    [InlineData("example.com:9464")]
    [InlineData("::1:9464")]
    [InlineData("[127.0.0.1]:9464")]
    [InlineData("127.0.0.1:")]
    public void Invalid_addresses_are_refused(string value)
    {
        Assert.False(AgentMetricsListener.TryRead(_ => value, out var address));
        Assert.Null(address);
        Assert.Equal("AGENT_METRICS_ADDR must be host:port (host: an IP address, [IPv6] or localhost)", AgentMetricsListener.InvalidMessage);
    }

    [Fact]
    public async Task The_listener_serves_the_agent_metrics_in_prometheus_text()
    {
        var port = FreePort();
        using (AgentMetricsListener.Start(("127.0.0.1", port), poolSize: 7))
        {
            using var http = new HttpClient();
            var text = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics", TestContext.Current.CancellationToken);
            Assert.Matches(@"(?m)^onprest_agent_pool_size(\{[^}]*\})? 7( |$)", text);
        }

        // Disposed: the port is closed again.
        using var after = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => after.GetStringAsync($"http://127.0.0.1:{port}/metrics", TestContext.Current.CancellationToken));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
