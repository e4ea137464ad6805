using System.Text.Json;
using Onprest.Contracts.Tunnel;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Tests.Tunnel;

public sealed class ChallengeEndpointTests
{
    [Fact]
    public async Task Issues_a_43_character_challenge_with_201_no_store_and_a_line_feed()
    {
        await using var server = await TunnelTestServer.StartAsync();
        using var response = await RawHttp.SendAsync(server.Port, "POST", TunnelProtocol.ChallengePath, [("Content-Length", "0")]);

        Assert.Equal(201, response.Status);
        Assert.Equal("application/json", response.Headers["Content-Type"]);
        Assert.Equal("no-store", response.Headers["Cache-Control"]);
        Assert.EndsWith("}\n", response.Body, StringComparison.Ordinal);
        var challenge = JsonDocument.Parse(response.Body).RootElement.GetProperty("challenge").GetString()!;
        Assert.Equal(43, challenge.Length);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", challenge);
    }

    [Fact]
    public async Task A_flood_of_challenge_requests_during_the_handshake_cannot_make_it_fail()
    {
        await using var server = await TunnelTestServer.StartAsync(TunnelTimings.Default with { ChallengeLifetime = TimeSpan.FromMinutes(5) });
        var handshake = await AgentHandshake.NewAsync(server);

        // Twice the former store's capacity, from eight concurrent callers, between the agent's challenge fetch
        // and its upgrade; a second wave keeps running while the upgrade is sent.
        async Task FloodAsync(int requests)
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, _) =>
                await AgentHandshake.ChallengeAsync(server.Port));
        }

        await FloodAsync(2048);
        handshake = handshake with { Timestamp = AgentHandshake.Rfc3339Seconds(server.Time.GetUtcNow()) };
        var during = FloodAsync(512);
        using var response = await RawHttp.SendAsync(server.Port, "GET", TunnelProtocol.AgentPath, handshake.UpgradeHeaders(handshake.SignV2(server.AgentKey)));
        await during;

        Assert.Equal(101, response.Status);
    }

    [Fact]
    public async Task Every_challenge_is_different()
    {
        await using var server = await TunnelTestServer.StartAsync();
        var seen = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            Assert.True(seen.Add(await AgentHandshake.ChallengeAsync(server.Port)));
        }
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Other_methods_get_405_use_POST_with_Allow(string method)
    {
        await using var server = await TunnelTestServer.StartAsync();
        using var response = await RawHttp.SendAsync(server.Port, method, TunnelProtocol.ChallengePath, []);

        Assert.Equal(405, response.Status);
        Assert.Equal("POST", response.Headers["Allow"]);
        Assert.Equal("{\"error\":{\"code\":\"GATEWAY_METHOD_NOT_ALLOWED\",\"message\":\"use POST\"}}\n", response.Body);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_gets_400_request_body_must_be_empty(bool chunked)
    {
        await using var server = await TunnelTestServer.StartAsync();
        using var response = await RawHttp.SendAsync(server.Port, "POST", TunnelProtocol.ChallengePath, [], "x"u8.ToArray(), chunked);

        Assert.Equal(400, response.Status);
        Assert.Equal("{\"error\":{\"code\":\"GATEWAY_INVALID_REQUEST\",\"message\":\"request body must be empty\"}}\n", response.Body);
        Assert.Equal(0, server.Tunnel.IsConnected ? 1 : 0);
    }

    [Fact]
    public async Task An_empty_chunked_body_is_accepted()
    {
        await using var server = await TunnelTestServer.StartAsync();
        using var response = await RawHttp.SendAsync(server.Port, "POST", TunnelProtocol.ChallengePath, [], [], chunked: true);

        Assert.Equal(201, response.Status);
    }
}
