using System.Text;
using Onprest.Agent.Tunnel;

namespace Onprest.Agent.Tests.Tunnel;

public sealed class ChallengeClientTests
{
    [Fact]
    public async Task Posts_an_empty_body_to_the_challenge_path_and_returns_the_challenge()
    {
        await using var gateway = new FakeGateway();
        using var client = new ChallengeClient(TimeSpan.FromSeconds(10));

        var challenge = await client.FetchAsync(GatewayAddress.From(gateway.Url).ChallengeUri, TestContext.Current.CancellationToken);

        Assert.Equal("challenge-1", challenge);
        var request = await gateway.Requests.Reader.ReadAsync(TestContext.Current.CancellationToken);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/ws/agent/challenge", request.Path);
        Assert.Equal("0", request.Header("content-length"));
    }

    [Theory]
    [InlineData(503, "Service Unavailable", "agent challenge failed: 503 Service Unavailable")]
    [InlineData(200, "OK", "agent challenge failed: 200 OK")]
    [InlineData(401, "Unauthorized", "agent challenge failed: 401 Unauthorized")]
    [InlineData(404, "Not Found", "agent challenge failed: 404 Not Found")]
    public async Task Any_status_but_201_fails_with_status_and_reason_and_never_the_body(int status, string reason, string error)
    {
        await using var gateway = new FakeGateway { ChallengeResponse = _ => FakeGateway.Http(status, reason, """{"challenge":"SECRET-BODY"}""") };
        using var client = new ChallengeClient(TimeSpan.FromSeconds(10));

        var failure = await Assert.ThrowsAsync<TunnelConnectException>(() => client.FetchAsync(GatewayAddress.From(gateway.Url).ChallengeUri, TestContext.Current.CancellationToken));
        Assert.Equal(error, failure.Message);
    }

    [Fact]
    public async Task Redirects_are_not_followed()
    {
        await using var gateway = new FakeGateway { ChallengeResponse = _ => FakeGateway.Http(302, "Found", "", "Location: http://127.0.0.1:1/elsewhere\r\n") };
        using var client = new ChallengeClient(TimeSpan.FromSeconds(10));

        var failure = await Assert.ThrowsAsync<TunnelConnectException>(() => client.FetchAsync(GatewayAddress.From(gateway.Url).ChallengeUri, TestContext.Current.CancellationToken));
        Assert.Equal("agent challenge failed: 302 Found", failure.Message);
    }

    [Fact]
    public async Task A_body_over_4096_bytes_fails()
    {
        var body = "{\"challenge\":\"x\",\"pad\":\"" + new string('a', 4096) + "\"}";
        await using var gateway = new FakeGateway { ChallengeResponse = _ => FakeGateway.Http(201, "Created", body) };
        using var client = new ChallengeClient(TimeSpan.FromSeconds(10));

        var failure = await Assert.ThrowsAsync<TunnelConnectException>(() => client.FetchAsync(GatewayAddress.From(gateway.Url).ChallengeUri, TestContext.Current.CancellationToken));
        Assert.Equal("agent challenge failed: response body exceeds 4096 bytes", failure.Message);
    }

    [Fact]
    public async Task A_body_of_exactly_4096_bytes_is_read()
    {
        var prefix = "{\"challenge\":\"ok\",\"pad\":\"";
        var body = prefix + new string('a', 4096 - prefix.Length - 2) + "\"}";
        Assert.Equal(4096, Encoding.UTF8.GetByteCount(body));
        await using var gateway = new FakeGateway { ChallengeResponse = _ => FakeGateway.Http(201, "Created", body) };
        using var client = new ChallengeClient(TimeSpan.FromSeconds(10));

        Assert.Equal("ok", await client.FetchAsync(GatewayAddress.From(gateway.Url).ChallengeUri, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_silent_gateway_times_out()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        using var client = new ChallengeClient(TimeSpan.FromMilliseconds(300));

        var failure = await Assert.ThrowsAsync<TunnelConnectException>(() => client.FetchAsync(new Uri($"http://127.0.0.1:{port}/ws/agent/challenge"), TestContext.Current.CancellationToken));
        Assert.Equal("agent challenge failed: timed out", failure.Message);
    }

    [Fact]
    public async Task A_refused_connection_fails_without_details()
    {
        using var refusing = new RefusingPort();
        var port = refusing.Port;
        using var client = new ChallengeClient(TimeSpan.FromSeconds(5));

        var failure = await Assert.ThrowsAsync<TunnelConnectException>(() => client.FetchAsync(new Uri($"http://127.0.0.1:{port}/ws/agent/challenge"), TestContext.Current.CancellationToken));
        Assert.Equal("agent challenge failed: connection failed", failure.Message);
    }

    [Theory]
    [InlineData("{\"challenge\":\"abc\"}", "abc")]
    [InlineData("  {\"challenge\":\"abc\"} \r\n\t ", "abc")]
    [InlineData("{\"other\":[1,{\"x\":2}],\"challenge\":\"abc\"}", "abc")]
    public void Exactly_one_json_value_with_a_non_empty_challenge(string body, string expected) =>
        Assert.Equal(expected, ChallengeClient.Parse(Encoding.UTF8.GetBytes(body)));

    [Theory]
    [InlineData("{\"challenge\":\"\"}", "gateway returned an empty agent challenge")]
    [InlineData("{\"challenge\":null}", "gateway returned an empty agent challenge")]
    [InlineData("{\"challenge\":5}", "gateway returned an empty agent challenge")]
    [InlineData("{}", "gateway returned an empty agent challenge")]
    [InlineData("[\"challenge\"]", "gateway returned an empty agent challenge")]
    [InlineData("\"abc\"", "gateway returned an empty agent challenge")]
    [InlineData("", "agent challenge failed: invalid response body")]
    [InlineData("{\"challenge\":\"abc\"} {}", "agent challenge failed: invalid response body")]
    [InlineData("{\"challenge\":\"abc\"}x", "agent challenge failed: invalid response body")]
    [InlineData("{\"challenge\":\"abc\"", "agent challenge failed: invalid response body")]
    [InlineData("not json SECRET", "agent challenge failed: invalid response body")]
    public void Anything_else_fails_without_quoting_the_body(string body, string error)
    {
        var failure = Assert.Throws<TunnelConnectException>(() => ChallengeClient.Parse(Encoding.UTF8.GetBytes(body)));
        Assert.Equal(error, failure.Message);
    }

    [Theory]
    [InlineData("ws://127.0.0.1:8080/ws/agent", "http://127.0.0.1:8080/ws/agent/challenge", "127.0.0.1:8080")]
    [InlineData("wss://gateway.example.com/ws/agent", "https://gateway.example.com/ws/agent/challenge", "gateway.example.com")]
    [InlineData("ws://localhost/ws/agent", "http://localhost/ws/agent/challenge", "localhost")]
    [InlineData("wss://gateway.example.com:8443/ws/agent", "https://gateway.example.com:8443/ws/agent/challenge", "gateway.example.com:8443")]
    [InlineData("ws://[::1]:9000/ws/agent", "http://[::1]:9000/ws/agent/challenge", "[::1]:9000")]
    [InlineData("wss://GATEWAY.example.com:443/ws/agent", "https://gateway.example.com/ws/agent/challenge", "gateway.example.com")]
    public void Urls_are_derived_from_gateway_url(string gatewayUrl, string challengeUrl, string hostHeader)
    {
        var address = GatewayAddress.From(new Uri(gatewayUrl));

        Assert.Equal(challengeUrl, address.ChallengeUri.ToString());
        Assert.Equal(hostHeader, address.HostHeader);
    }
}
