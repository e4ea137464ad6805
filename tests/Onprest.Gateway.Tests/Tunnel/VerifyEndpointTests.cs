using Onprest.Contracts.Tunnel;

namespace Onprest.Gateway.Tests.Tunnel;

public sealed class VerifyEndpointTests
{
    private const string Unauthorized = "{\"error\":{\"code\":\"GATEWAY_AUTH_FAILED\",\"message\":\"invalid agent signature\"}}\n";

    [Fact]
    public async Task A_verify_signature_gets_200_ok_true_and_consumes_the_challenge()
    {
        await using var server = await TunnelTestServer.StartAsync();
        var handshake = await AgentHandshake.NewAsync(server);
        using var response = await RawHttp.SendAsync(server.Port, "POST", TunnelProtocol.VerifyPath, handshake.VerifyHeaders(handshake.SignVerify(server.AgentKey)));

        Assert.Equal(200, response.Status);
        Assert.Equal("{\"ok\":true}\n", response.Body);
        Assert.Equal("application/json", response.Headers["Content-Type"]);
        Assert.Equal("no-store", response.Headers["Cache-Control"]);

        using var again = await RawHttp.SendAsync(server.Port, "POST", TunnelProtocol.VerifyPath, handshake.VerifyHeaders(handshake.SignVerify(server.AgentKey)));
        Assert.Equal(401, again.Status);
    }

    [Fact]
    public async Task A_v2_signature_is_refused()
    {
        await using var server = await TunnelTestServer.StartAsync();
        var handshake = (await AgentHandshake.NewAsync(server)) with { Path = TunnelProtocol.VerifyPath };
        using var response = await RawHttp.SendAsync(server.Port, "POST", TunnelProtocol.VerifyPath, handshake.VerifyHeaders(handshake.SignV2(server.AgentKey)));

        Assert.Equal(401, response.Status);
        Assert.Equal(Unauthorized, response.Body);
    }

    [Fact]
    public async Task A_v2n_signature_is_refused()
    {
        await using var server = await TunnelTestServer.StartAsync();
        var handshake = (await AgentHandshake.NewAsync(server)) with { Path = TunnelProtocol.VerifyPath };
        using var response = await RawHttp.SendAsync(server.Port, "POST", TunnelProtocol.VerifyPath, handshake.VerifyHeaders(handshake.SignV2N(server.AgentKey)));

        Assert.Equal(401, response.Status);
    }

    [Fact]
    public async Task A_websocket_key_header_is_refused()
    {
        await using var server = await TunnelTestServer.StartAsync();
        var handshake = await AgentHandshake.NewAsync(server);
        var headers = handshake.VerifyHeaders(handshake.SignVerify(server.AgentKey));
        headers.Add((TunnelProtocol.WebSocketKeyHeader, handshake.WebSocketKey));
        using var response = await RawHttp.SendAsync(server.Port, "POST", TunnelProtocol.VerifyPath, headers);

        Assert.Equal(401, response.Status);
    }

    [Fact]
    public async Task A_trailing_slash_path_is_refused()
    {
        await using var server = await TunnelTestServer.StartAsync();
        var handshake = await AgentHandshake.NewAsync(server);
        using var response = await RawHttp.SendAsync(server.Port, "POST", TunnelProtocol.VerifyPath + "/", handshake.VerifyHeaders(handshake.SignVerify(server.AgentKey)));

        Assert.Equal(401, response.Status);
    }

    [Fact]
    public async Task A_body_gets_400_before_the_signature_is_checked()
    {
        await using var server = await TunnelTestServer.StartAsync();
        var handshake = await AgentHandshake.NewAsync(server);
        var headers = handshake.VerifyHeaders(handshake.SignVerify(server.AgentKey)).Where(h => h.Name != "Content-Length").ToList();
        using var response = await RawHttp.SendAsync(server.Port, "POST", TunnelProtocol.VerifyPath, headers, "{}"u8.ToArray());

        Assert.Equal(400, response.Status);
        Assert.Equal("{\"error\":{\"code\":\"GATEWAY_INVALID_REQUEST\",\"message\":\"request body must be empty\"}}\n", response.Body);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    public async Task Other_methods_get_405_use_POST(string method)
    {
        await using var server = await TunnelTestServer.StartAsync();
        using var response = await RawHttp.SendAsync(server.Port, method, TunnelProtocol.VerifyPath, []);

        Assert.Equal(405, response.Status);
        Assert.Equal("POST", response.Headers["Allow"]);
    }

    [Fact]
    public async Task Verify_never_touches_the_live_connection()
    {
        await using var server = await TunnelTestServer.StartAsync();
        await using var agent = await FakeAgent.ConnectAsync(server);
        var handshake = await AgentHandshake.NewAsync(server);
        using var response = await RawHttp.SendAsync(server.Port, "POST", TunnelProtocol.VerifyPath, handshake.VerifyHeaders(handshake.SignVerify(server.AgentKey)));

        Assert.Equal(200, response.Status);
        Assert.True(server.PublicTunnel.IsConnected);
        Assert.Empty(server.Output.Events("agent_disconnected"));
    }
}
