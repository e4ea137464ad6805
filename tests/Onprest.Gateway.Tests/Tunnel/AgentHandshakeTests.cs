using System.Buffers.Text;
using System.Security.Cryptography;
using NSec.Cryptography;
using Onprest.Contracts.Tunnel;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Tests.Tunnel;

public sealed class AgentHandshakeTests
{
    private const string Unauthorized = "{\"error\":{\"code\":\"GATEWAY_AUTH_FAILED\",\"message\":\"invalid agent signature\"}}\n";

    private static readonly DateTimeOffset FixedNow = new(2026, 9, 12, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_v2_signature_upgrades_and_logs_agent_connected_with_the_remote_address()
    {
        await using var server = await TunnelTestServer.StartAsync();
        await using var agent = await FakeAgent.ConnectAsync(server);

        var connected = await server.Output.WaitForAsync("agent_connected");
        Assert.Matches(@"^127\.0\.0\.1:\d+$", connected.GetProperty("remote").GetString());
        Assert.True(server.PublicTunnel.IsConnected);
    }

    [Fact]
    public async Task A_v2n_signature_is_accepted_on_the_agent_path()
    {
        await using var server = await TunnelTestServer.StartAsync();
        var handshake = await AgentHandshake.NewAsync(server);
        using var response = await RawHttp.SendAsync(server.Port, "GET", TunnelProtocol.AgentPath, handshake.UpgradeHeaders(handshake.SignV2N(server.AgentKey)));

        Assert.Equal(101, response.Status);
        Assert.Equal("websocket", response.Headers["Upgrade"], ignoreCase: true);
        Assert.False(response.Headers.ContainsKey("Sec-WebSocket-Extensions"));
        Assert.False(response.Headers.ContainsKey("Sec-WebSocket-Protocol"));
    }

    [Fact]
    public async Task A_replayed_nonce_fails_without_consuming_a_still_valid_challenge()
    {
        await using var server = await TunnelTestServer.StartAsync();
        var first = await AgentHandshake.NewAsync(server);
        using (var ok = await RawHttp.SendAsync(server.Port, "GET", TunnelProtocol.AgentPath, first.UpgradeHeaders(first.SignV2(server.AgentKey))))
        {
            Assert.Equal(101, ok.Status);
        }

        await WaitDisconnectedAsync(server);
        var replay = (await AgentHandshake.NewAsync(server)) with { Nonce = first.Nonce };
        using var rejected = await RawHttp.SendAsync(server.Port, "GET", TunnelProtocol.AgentPath, replay.UpgradeHeaders(replay.SignV2(server.AgentKey)));
        Assert.Equal(401, rejected.Status);
        Assert.Equal(Unauthorized, rejected.Body);

        var fresh = replay with { Nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)) };
        using var accepted = await RawHttp.SendAsync(server.Port, "GET", TunnelProtocol.AgentPath, fresh.UpgradeHeaders(fresh.SignV2(server.AgentKey)));
        Assert.Equal(101, accepted.Status);
    }

    [Fact]
    public async Task A_reused_challenge_fails()
    {
        await using var server = await TunnelTestServer.StartAsync();
        var first = await AgentHandshake.NewAsync(server);
        using (var ok = await RawHttp.SendAsync(server.Port, "GET", TunnelProtocol.AgentPath, first.UpgradeHeaders(first.SignV2(server.AgentKey))))
        {
            Assert.Equal(101, ok.Status);
        }

        await WaitDisconnectedAsync(server);
        var again = first with { Nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)) };
        using var rejected = await RawHttp.SendAsync(server.Port, "GET", TunnelProtocol.AgentPath, again.UpgradeHeaders(again.SignV2(server.AgentKey)));
        Assert.Equal(401, rejected.Status);
    }

    [Fact]
    public async Task An_unknown_challenge_fails()
    {
        await using var server = await TunnelTestServer.StartAsync();
        var handshake = (await AgentHandshake.NewAsync(server)) with { Challenge = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)) };
        using var response = await RawHttp.SendAsync(server.Port, "GET", TunnelProtocol.AgentPath, handshake.UpgradeHeaders(handshake.SignV2(server.AgentKey)));
        Assert.Equal(401, response.Status);
        Assert.Equal(Unauthorized, response.Body);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(-60, true)]
    [InlineData(-61, false)]
    [InlineData(-120, false)]
    [InlineData(300, true)]
    [InlineData(301, false)]
    [InlineData(360, false)]
    public async Task The_timestamp_window_is_one_minute_ahead_and_five_minutes_behind_inclusive(int ageSeconds, bool accepted)
    {
        var clock = new ManualClock(FixedNow);
        await using var server = await TunnelTestServer.StartAsync(time: clock);
        var handshake = (await AgentHandshake.NewAsync(server)) with { Timestamp = AgentHandshake.Rfc3339Seconds(FixedNow.AddSeconds(-ageSeconds)) };
        using var response = await RawHttp.SendAsync(server.Port, "GET", TunnelProtocol.AgentPath, handshake.UpgradeHeaders(handshake.SignV2(server.AgentKey)));

        Assert.Equal(accepted ? 101 : 401, response.Status);
    }

    [Theory]
    [InlineData("2026-09-12T00:00:00+02:00", false)]
    [InlineData("2026-09-12T02:00:00+02:00", true)]
    [InlineData("2026-09-11T23:00:00-01:00", true)]
    [InlineData("2026-09-12t00:00:00z", true)]
    [InlineData("2026-09-12T00:00:00.999999999Z", true)]
    [InlineData("2026-09-12 00:00:00Z", false)]
    [InlineData("2026-09-12T00:00:00", false)]
    [InlineData("1757635200", false)]
    [InlineData("2026-02-30T00:00:00Z", false)]
    [InlineData("2026-09-12T24:00:00Z", false)]
    [InlineData("2026-09-12T00:00:60Z", false)]
    [InlineData("Sat, 12 Sep 2026 00:00:00 GMT", false)]
    public async Task Timestamps_must_be_RFC_3339(string timestamp, bool accepted)
    {
        var clock = new ManualClock(FixedNow);
        await using var server = await TunnelTestServer.StartAsync(time: clock);
        var handshake = (await AgentHandshake.NewAsync(server)) with { Timestamp = timestamp };
        using var response = await RawHttp.SendAsync(server.Port, "POST", TunnelProtocol.VerifyPath, handshake.VerifyHeaders(handshake.SignVerify(server.AgentKey)));

        Assert.Equal(accepted ? 200 : 401, response.Status);
    }

    [Fact]
    public async Task A_signature_by_another_key_fails()
    {
        await using var server = await TunnelTestServer.StartAsync();
        using var forger = Key.Create(SignatureAlgorithm.Ed25519);
        var handshake = await AgentHandshake.NewAsync(server);
        using var response = await RawHttp.SendAsync(server.Port, "GET", TunnelProtocol.AgentPath, handshake.UpgradeHeaders(handshake.SignV2(forger)));

        Assert.Equal(401, response.Status);
        Assert.Equal(Unauthorized, response.Body);
        Assert.False(server.PublicTunnel.IsConnected);
    }

    [Fact]
    public async Task A_v2_signature_over_a_different_websocket_key_fails()
    {
        await using var server = await TunnelTestServer.StartAsync();
        var handshake = await AgentHandshake.NewAsync(server);
        var signature = handshake.SignV2(server.AgentKey);
        var sent = handshake with { WebSocketKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)) };
        using var response = await RawHttp.SendAsync(server.Port, "GET", TunnelProtocol.AgentPath, sent.UpgradeHeaders(signature));

        Assert.Equal(401, response.Status);
    }

    [Fact]
    public async Task A_signature_over_another_path_fails()
    {
        await using var server = await TunnelTestServer.StartAsync();
        var handshake = await AgentHandshake.NewAsync(server);
        var signature = (handshake with { Path = "/ws/agent/other" }).SignV2(server.AgentKey);
        using var response = await RawHttp.SendAsync(server.Port, "GET", TunnelProtocol.AgentPath, handshake.UpgradeHeaders(signature));

        Assert.Equal(401, response.Status);
    }

    [Fact]
    public async Task A_verify_signature_is_refused_on_the_agent_path()
    {
        await using var server = await TunnelTestServer.StartAsync();
        var handshake = await AgentHandshake.NewAsync(server);
        using var response = await RawHttp.SendAsync(server.Port, "GET", TunnelProtocol.AgentPath, handshake.UpgradeHeaders(handshake.SignVerify(server.AgentKey)));

        Assert.Equal(401, response.Status);
    }

    public static TheoryData<string> SignatureTexts => new()
    {
        "",
        "AAAA",
        new string('A', 85),
        new string('A', 87),
        new string('A', 86) + "==",
        new string('A', 84) + "+/",
        new string('A', 85) + "*",
    };

    [Theory]
    [MemberData(nameof(SignatureTexts))]
    public async Task Signatures_must_be_64_bytes_of_unpadded_base64url(string signature)
    {
        await using var server = await TunnelTestServer.StartAsync();
        var handshake = await AgentHandshake.NewAsync(server);
        using var response = await RawHttp.SendAsync(server.Port, "GET", TunnelProtocol.AgentPath, handshake.UpgradeHeaders(signature));

        Assert.Equal(401, response.Status);
    }

    [Theory]
    [InlineData(TunnelProtocol.TimestampHeader)]
    [InlineData(TunnelProtocol.NonceHeader)]
    [InlineData(TunnelProtocol.ChallengeHeader)]
    [InlineData(TunnelProtocol.SignatureHeader)]
    [InlineData(TunnelProtocol.WebSocketKeyHeader)]
    public async Task A_duplicated_handshake_header_fails_even_with_identical_values(string header)
    {
        await using var server = await TunnelTestServer.StartAsync();
        var handshake = await AgentHandshake.NewAsync(server);
        var headers = handshake.UpgradeHeaders(handshake.SignV2(server.AgentKey));
        headers.Add(headers.First(h => h.Name == header));
        using var response = await RawHttp.SendAsync(server.Port, "GET", TunnelProtocol.AgentPath, headers);

        Assert.Equal(401, response.Status);
        Assert.Equal(Unauthorized, response.Body);
    }

    [Theory]
    [InlineData(TunnelProtocol.TimestampHeader, false)]
    [InlineData(TunnelProtocol.NonceHeader, false)]
    [InlineData(TunnelProtocol.ChallengeHeader, false)]
    [InlineData(TunnelProtocol.SignatureHeader, false)]
    [InlineData(TunnelProtocol.WebSocketKeyHeader, false)]
    [InlineData(TunnelProtocol.TimestampHeader, true)]
    [InlineData(TunnelProtocol.NonceHeader, true)]
    [InlineData(TunnelProtocol.ChallengeHeader, true)]
    [InlineData(TunnelProtocol.SignatureHeader, true)]
    [InlineData(TunnelProtocol.WebSocketKeyHeader, true)]
    public async Task A_missing_or_empty_handshake_header_fails(string header, bool empty)
    {
        await using var server = await TunnelTestServer.StartAsync();
        var handshake = await AgentHandshake.NewAsync(server);
        var headers = handshake.UpgradeHeaders(handshake.SignV2(server.AgentKey));
        var index = headers.FindIndex(h => h.Name == header);
        if (empty)
        {
            headers[index] = (header, "");
        }
        else
        {
            headers.RemoveAt(index);
        }

        using var response = await RawHttp.SendAsync(server.Port, "GET", TunnelProtocol.AgentPath, headers);
        Assert.Equal(401, response.Status);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Other_methods_get_405_use_GET(string method)
    {
        await using var server = await TunnelTestServer.StartAsync();
        using var response = await RawHttp.SendAsync(server.Port, method, TunnelProtocol.AgentPath, [("Content-Length", "0")]);

        Assert.Equal(405, response.Status);
        Assert.Equal("GET", response.Headers["Allow"]);
        Assert.Equal("{\"error\":{\"code\":\"GATEWAY_METHOD_NOT_ALLOWED\",\"message\":\"use GET\"}}\n", response.Body);
    }

    [Theory]
    [InlineData("Upgrade", null)]
    [InlineData("Upgrade", "h2c")]
    [InlineData("Sec-WebSocket-Version", "8")]
    [InlineData("Sec-WebSocket-Key", "c2hvcnQ=")]
    [InlineData("Sec-WebSocket-Key", "not base64 at all!!")]
    public async Task An_authenticated_request_that_is_not_a_valid_upgrade_gets_400_and_frees_the_slot(string header, string? value)
    {
        await using var server = await TunnelTestServer.StartAsync();
        var handshake = await AgentHandshake.NewAsync(server);
        if (header == TunnelProtocol.WebSocketKeyHeader)
        {
            handshake = handshake with { WebSocketKey = value! };
        }

        var headers = handshake.UpgradeHeaders(handshake.SignV2(server.AgentKey));
        var index = headers.FindIndex(h => h.Name == header);
        if (value is null)
        {
            headers.RemoveAt(index);
        }
        else
        {
            headers[index] = (header, value);
        }

        using var response = await RawHttp.SendAsync(server.Port, "GET", TunnelProtocol.AgentPath, headers);
        Assert.Equal(400, response.Status);
        Assert.Equal("{\"error\":{\"code\":\"GATEWAY_INVALID_REQUEST\",\"message\":\"websocket upgrade required\"}}\n", response.Body);
        var failed = await server.Output.WaitForAsync("agent_upgrade_failed");
        Assert.Equal("websocket upgrade required", failed.GetProperty("error").GetString());

        await using var agent = await FakeAgent.ConnectAsync(server);
        Assert.True(server.PublicTunnel.IsConnected);
    }

    [Fact]
    public async Task A_second_agent_gets_409_and_the_first_keeps_serving()
    {
        await using var server = await TunnelTestServer.StartAsync();
        await using var first = await FakeAgent.ConnectAsync(server);
        var handshake = await AgentHandshake.NewAsync(server);
        using var second = await RawHttp.SendAsync(server.Port, "GET", TunnelProtocol.AgentPath, handshake.UpgradeHeaders(handshake.SignV2(server.AgentKey)));

        Assert.Equal(409, second.Status);
        Assert.Equal("{\"error\":{\"code\":\"GATEWAY_AGENT_ALREADY_CONNECTED\",\"message\":\"agent already connected\"}}\n", second.Body);
        var rejected = await server.Output.WaitForAsync("agent_rejected");
        Assert.Equal("already_connected", rejected.GetProperty("reason").GetString());
        Assert.Matches(@"^127\.0\.0\.1:\d+$", rejected.GetProperty("remote").GetString());

        var result = await server.PublicTunnel.CallAsync("01J9Z3Q7K8X2V4T6R8N0M2P4S6", "a", "{}"u8.ToArray(), null, null, CancellationToken.None);
        Assert.IsType<AgentCallResult.Success>(result);

        // The challenge and nonce of the refused handshake stay consumed.
        await first.DisposeAsync();
        await WaitDisconnectedAsync(server);
        using var replay = await RawHttp.SendAsync(server.Port, "GET", TunnelProtocol.AgentPath, handshake.UpgradeHeaders(handshake.SignV2(server.AgentKey)));
        Assert.Equal(401, replay.Status);
    }

    [Fact]
    public async Task Hundreds_of_challenges_and_failed_handshakes_leave_the_gateway_serving()
    {
        await using var server = await TunnelTestServer.StartAsync();
        using var forger = Key.Create(SignatureAlgorithm.Ed25519);
        var attempts = Enumerable.Range(0, 200).Select(async _ =>
        {
            var handshake = await AgentHandshake.NewAsync(server);
            using var response = await RawHttp.SendAsync(server.Port, "GET", TunnelProtocol.AgentPath, handshake.UpgradeHeaders(handshake.SignV2(forger)));
            return response.Status;
        });

        Assert.All(await Task.WhenAll(attempts), status => Assert.Equal(401, status));
        await using var agent = await FakeAgent.ConnectAsync(server);
        Assert.True(server.PublicTunnel.IsConnected);
    }

    internal static async Task WaitDisconnectedAsync(TunnelTestServer server)
    {
        for (var i = 0; i < 500 && server.Tunnel.Current is not null; i++)
        {
            await Task.Delay(10);
        }

        Assert.Null(server.Tunnel.Current);
        // The slot is released right after the connection is detached.
        await Task.Delay(20);
    }
}
