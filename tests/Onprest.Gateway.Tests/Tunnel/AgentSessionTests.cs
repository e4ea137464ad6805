using System.Net.WebSockets;
using System.Text.Json;
using System.Text;
using Onprest.Contracts.Errors;
using Onprest.Contracts.Tunnel;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Tests.Tunnel;

public sealed class AgentSessionTests
{
    private static int _ids;

    [Fact]
    public async Task Without_an_agent_calls_get_503_agent_is_not_connected()
    {
        await using var server = await TunnelTestServer.StartAsync();
        var result = await CallAsync(server, "a");

        Assert.Equal(PublicErrors.AgentOffline, Assert.IsType<AgentCallResult.Failure>(result).Error);
    }

    [Fact]
    public async Task The_request_frame_carries_id_capability_params_byte_for_byte_and_trace_context()
    {
        await using var server = await TunnelTestServer.StartAsync();
        await using var agent = await FakeAgent.ConnectAsync(server);
        var id = NewId();
        var paramsJson = """{"n":12345678901234567890.5000,"s":"é\u0000"}"""u8.ToArray();
        await server.PublicTunnel.CallAsync(id, "a", paramsJson, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "k=v", CancellationToken.None);

        var frame = agent.Received.Single(f => f.GetProperty("id").GetString() == id);
        Assert.Equal("a", frame.GetProperty("capability").GetString());
        Assert.Equal("""{"n":12345678901234567890.5000,"s":"é\u0000"}""", frame.GetProperty("params").GetRawText());
        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", frame.GetProperty("traceparent").GetString());
        Assert.Equal("k=v", frame.GetProperty("tracestate").GetString());
    }

    [Fact]
    public async Task Null_and_empty_params_are_sent_as_null()
    {
        await using var server = await TunnelTestServer.StartAsync();
        await using var agent = await FakeAgent.ConnectAsync(server);
        var first = NewId();
        var second = NewId();
        await server.PublicTunnel.CallAsync(first, "a", "null"u8.ToArray(), null, null, CancellationToken.None);
        await server.PublicTunnel.CallAsync(second, "a", ReadOnlyMemory<byte>.Empty, null, null, CancellationToken.None);

        Assert.Equal(JsonValueKind.Null, agent.Received.Single(f => f.GetProperty("id").GetString() == first).GetProperty("params").ValueKind);
        Assert.Equal(JsonValueKind.Null, agent.Received.Single(f => f.GetProperty("id").GetString() == second).GetProperty("params").ValueKind);
        Assert.False(agent.Received.Single(f => f.GetProperty("id").GetString() == first).TryGetProperty("traceparent", out _));
    }

    [Fact]
    public async Task Success_returns_the_result_bytes_unchanged_with_the_count()
    {
        await using var server = await TunnelTestServer.StartAsync();
        await using var agent = await FakeAgent.ConnectAsync(server, (_, frame) => Reply(frame, """{"rows":[{"x":1.50,"y":"\u00e9"}] ,"count":1}"""));
        var result = Assert.IsType<AgentCallResult.Success>(await CallAsync(server, "a"));

        Assert.Equal("""{"rows":[{"x":1.50,"y":"\u00e9"}] ,"count":1}""", Encoding.UTF8.GetString(result.ResultJson.Span));
        Assert.Equal(1, result.Count);
    }

    [Fact]
    public async Task Agent_errors_pass_through_code_and_message_including_unknown_codes()
    {
        await using var server = await TunnelTestServer.StartAsync();
        await using var agent = await FakeAgent.ConnectAsync(server, (_, frame) =>
            $$$"""{"id":"{{{frame.GetProperty("id").GetString()}}}","error":{"code":"AGENT_NEW_PUBLIC_ERROR","message":"something new"}}""");
        var failure = Assert.IsType<AgentCallResult.Failure>(await CallAsync(server, "a"));

        Assert.Equal(new PublicError("AGENT_NEW_PUBLIC_ERROR", "something new"), failure.Error);
    }

    [Fact]
    public async Task An_error_without_message_passes_an_empty_message()
    {
        await using var server = await TunnelTestServer.StartAsync();
        await using var agent = await FakeAgent.ConnectAsync(server, (_, frame) =>
            $$$"""{"id":"{{{frame.GetProperty("id").GetString()}}}","error":{"code":"AGENT_BUSY"}}""");
        var failure = Assert.IsType<AgentCallResult.Failure>(await CallAsync(server, "a"));

        Assert.Equal(new PublicError("AGENT_BUSY", ""), failure.Error);
    }

    [Fact]
    public async Task Hundreds_of_concurrent_calls_answered_out_of_order_are_matched_to_their_requests()
    {
        await using var server = await TunnelTestServer.StartAsync();
        await using var agent = await FakeAgent.ConnectAsync(server, (a, frame) =>
        {
            var id = frame.GetProperty("id").GetString()!;
            _ = Task.Run(async () =>
            {
                await Task.Delay(Random.Shared.Next(0, 50));
                await a.SendTextAsync(Reply(frame, $$"""{"rows":[{"id":"{{id}}"}],"count":{{id.Length}}}""")!);
            });
            return null;
        });

        var calls = Enumerable.Range(0, 500).Select(async i =>
        {
            var id = NewId() + "-" + i;
            var result = Assert.IsType<AgentCallResult.Success>(await server.PublicTunnel.CallAsync(id, "a", "{}"u8.ToArray(), null, null, CancellationToken.None));
            using var document = JsonDocument.Parse(result.ResultJson);
            Assert.Equal(id, document.RootElement.GetProperty("rows")[0].GetProperty("id").GetString());
            Assert.Equal(id.Length, result.Count);
        });

        await Task.WhenAll(calls);
    }

    [Fact]
    public async Task A_call_past_its_deadline_gets_504_and_a_cancel_frame()
    {
        await using var server = await TunnelTestServer.StartAsync(Short);
        await using var agent = await FakeAgent.ConnectAsync(server, (_, frame) => MetaOnly(frame));
        var id = NewId();
        var result = await server.PublicTunnel.CallAsync(id, "a", "{}"u8.ToArray(), null, null, CancellationToken.None);

        Assert.Equal(PublicErrors.GatewayTimeout, Assert.IsType<AgentCallResult.Failure>(result).Error);
        await WaitUntilAsync(() => agent.Cancels.Any(c => c.GetProperty("id").GetString() == id));
        var cancel = agent.Cancels.Single(c => c.GetProperty("id").GetString() == id);
        Assert.Equal("""{"type":"cancel","id":"__"}""".Replace("__", id, StringComparison.Ordinal), cancel.GetRawText());
    }

    [Fact]
    public async Task A_late_answer_after_the_deadline_is_ignored()
    {
        await using var server = await TunnelTestServer.StartAsync(Short);
        await using var agent = await FakeAgent.ConnectAsync(server, (_, frame) => MetaOnly(frame));
        var id = NewId();
        var result = await server.PublicTunnel.CallAsync(id, "a", "{}"u8.ToArray(), null, null, CancellationToken.None);
        await agent.SendTextAsync($$$"""{"id":"{{{id}}}","result":{"count":1}}""");
        await agent.SendTextAsync("""{"id":"01UNKNOWNUNKNOWNUNKNOWN000","result":{"count":1}}""");

        Assert.IsType<AgentCallResult.Failure>(result);
        agent.Answer = FakeAgent.DefaultAnswer;
        var next = await CallAsync(server, "x");
        Assert.IsType<AgentCallResult.Success>(next);
        Assert.Empty(server.Output.Events("agent_bad_message"));
    }

    [Fact]
    public async Task A_caller_that_leaves_ends_the_call_as_a_timeout_and_cancels_the_sent_frame()
    {
        await using var server = await TunnelTestServer.StartAsync();
        await using var agent = await FakeAgent.ConnectAsync(server, (_, frame) => MetaOnly(frame));
        using var caller = new CancellationTokenSource();
        var id = NewId();
        var call = server.PublicTunnel.CallAsync(id, "a", "{}"u8.ToArray(), null, null, caller.Token);
        await WaitUntilAsync(() => agent.Received.Any(f => f.TryGetProperty("id", out var i) && i.GetString() == id));
        await caller.CancelAsync();

        Assert.Equal(PublicErrors.GatewayTimeout, Assert.IsType<AgentCallResult.Failure>(await call).Error);
        await WaitUntilAsync(() => agent.Cancels.Any(c => c.GetProperty("id").GetString() == id));
    }

    [Fact]
    public async Task A_caller_already_gone_sends_nothing_to_the_agent()
    {
        await using var server = await TunnelTestServer.StartAsync();
        await using var agent = await FakeAgent.ConnectAsync(server);
        var id = NewId();
        var result = await server.PublicTunnel.CallAsync(id, "a", "{}"u8.ToArray(), null, null, new CancellationToken(canceled: true));

        Assert.Equal(PublicErrors.GatewayTimeout, Assert.IsType<AgentCallResult.Failure>(result).Error);
        Assert.IsType<AgentCallResult.Success>(await CallAsync(server, "b"));
        Assert.DoesNotContain(agent.Received, f => f.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task Disconnect_releases_every_pending_call_at_once_with_503()
    {
        await using var server = await TunnelTestServer.StartAsync();
        var agent = await FakeAgent.ConnectAsync(server, (_, frame) => MetaOnly(frame));
        // The metadata call is answered first, so the pending calls counted below are exactly the hundred.
        await server.Output.WaitForAsync("openapi_cached");
        var calls = Enumerable.Range(0, 100).Select(_ => CallAsync(server, "a")).ToList();
        await WaitUntilAsync(() => agent.Received.Count(f => CapabilityOf(f) == "a") == 100);
        Assert.Equal(100, server.Tunnel.Current!.PendingCount);

        agent.Socket.Abort();
        await agent.DisposeAsync();

        // Far below the 30 s call timeout: released by the disconnect, not by their deadlines.
        var results = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.All(results, r => Assert.Equal(PublicErrors.AgentOffline, Assert.IsType<AgentCallResult.Failure>(r).Error));
        await server.Output.WaitForAsync("agent_disconnected");
        Assert.False(server.PublicTunnel.IsConnected);
        Assert.Null(server.PublicTunnel.Metadata);
    }

    [Fact]
    public async Task An_agent_close_frame_is_answered_and_ends_the_session()
    {
        await using var server = await TunnelTestServer.StartAsync();
        await using var agent = await FakeAgent.ConnectAsync(server, read: false);
        await agent.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        var buffer = new byte[256];
        var received = await agent.Socket.ReceiveAsync(buffer, CancellationToken.None);
        while (received.MessageType != WebSocketMessageType.Close)
        {
            received = await agent.Socket.ReceiveAsync(buffer, CancellationToken.None);
        }

        Assert.Equal(WebSocketCloseStatus.NormalClosure, received.CloseStatus);
        await server.Output.WaitForAsync("agent_disconnected");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("{\"id\":")]
    [InlineData("{} {}")]
    [InlineData("")]
    public async Task Garbage_text_frames_log_agent_bad_message_without_quoting_and_the_session_continues(string garbage)
    {
        await using var server = await TunnelTestServer.StartAsync();
        await using var agent = await FakeAgent.ConnectAsync(server);
        await agent.SendTextAsync(garbage);
        var bad = await server.Output.WaitForAsync("agent_bad_message");

        if (garbage.Length > 2)
        {
            Assert.DoesNotContain(garbage, bad.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        Assert.IsType<AgentCallResult.Success>(await CallAsync(server, "a"));
    }

    [Fact]
    public async Task Invalid_utf8_in_a_text_frame_does_not_stop_the_gateway()
    {
        await using var server = await TunnelTestServer.StartAsync();
        var agent = await FakeAgent.ConnectAsync(server);
        await agent.SendAsync([(byte)'{', 0xff, 0xfe, (byte)'}'], WebSocketMessageType.Text);
        await WaitUntilAsync(() => server.Output.Events("agent_bad_message").Count > 0 || !server.PublicTunnel.IsConnected);
        await agent.DisposeAsync();

        await AgentHandshakeTests.WaitDisconnectedAsync(server);
        await using var next = await FakeAgent.ConnectAsync(server);
        Assert.IsType<AgentCallResult.Success>(await CallAsync(server, "a"));
    }

    [Fact]
    public async Task A_binary_frame_closes_the_connection_and_releases_pending_calls()
    {
        await using var server = await TunnelTestServer.StartAsync();
        await using var agent = await FakeAgent.ConnectAsync(server, (_, frame) => MetaOnly(frame));
        var pending = CallAsync(server, "a");
        await WaitUntilAsync(() => agent.Received.Any(f => CapabilityOf(f) == "a"));
        await agent.SendAsync([1, 2, 3], WebSocketMessageType.Binary);

        Assert.Equal(PublicErrors.AgentOffline, Assert.IsType<AgentCallResult.Failure>(await pending.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).Error);
        await server.Output.WaitForAsync("agent_disconnected");
    }

    [Fact]
    public async Task After_a_protocol_error_the_slot_is_free_as_soon_as_no_agent_is_reported()
    {
        await using var server = await TunnelTestServer.StartAsync();
        await using var agent = await FakeAgent.ConnectAsync(server);
        await server.Output.WaitForAsync("openapi_cached");
        await agent.SendAsync([1, 2, 3], WebSocketMessageType.Binary);

        // The moment /healthz would say "no agent", a restarted agent is accepted (no 409 during the close grace).
        await WaitUntilAsync(() => !server.PublicTunnel.IsConnected);
        await using var next = await FakeAgent.ConnectAsync(server);
        Assert.True(server.PublicTunnel.IsConnected);
        Assert.IsType<AgentCallResult.Success>(await CallAsync(server, "a"));
    }

    [Fact]
    public async Task A_message_over_16_MiB_after_reassembly_closes_the_connection()
    {
        await using var server = await TunnelTestServer.StartAsync();
        await using var agent = await FakeAgent.ConnectAsync(server);

        // The fake agent answers the metadata call on the same socket; fragments must not interleave with it.
        await server.Output.WaitForAsync("openapi_cached");
        var chunk = new byte[1024 * 1024];
        chunk.AsSpan().Fill((byte)' ');
        try
        {
            for (var i = 0; i < 16; i++)
            {
                await agent.Socket.SendAsync(chunk, WebSocketMessageType.Text, endOfMessage: false, CancellationToken.None);
            }

            await agent.Socket.SendAsync(" "u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // The gateway may already have dropped the socket.
        }

        await server.Output.WaitForAsync("agent_disconnected");
        Assert.Contains(server.Output.Events("agent_bad_message"), e => e.GetProperty("error").GetString() == "agent message exceeds 16777216 bytes");
    }

    [Fact]
    public async Task A_message_of_exactly_16_MiB_is_accepted()
    {
        await using var server = await TunnelTestServer.StartAsync();
        await using var agent = await FakeAgent.ConnectAsync(server, (_, frame) => MetaOnly(frame));
        var id = NewId();
        var call = server.PublicTunnel.CallAsync(id, "a", "{}"u8.ToArray(), null, null, CancellationToken.None);
        await WaitUntilAsync(() => agent.Received.Any(f => f.GetProperty("id").GetString() == id));
        var head = Encoding.UTF8.GetBytes("{\"id\":\"" + id + "\",\"result\":{\"count\":1,\"pad\":\"");
        var tail = "\"}}"u8.ToArray();
        var frame = new byte[16 * 1024 * 1024];
        frame.AsSpan().Fill((byte)'a');
        head.CopyTo(frame, 0);
        tail.CopyTo(frame, frame.Length - tail.Length);
        await agent.SendAsync(frame, WebSocketMessageType.Text);

        var outcome = await call;
        Assert.True(outcome is AgentCallResult.Success, outcome.ToString() + server.Output.Text);
        var success = (AgentCallResult.Success)outcome;
        Assert.Equal(1, success.Count);
    }

    [Fact]
    public async Task Params_that_would_make_a_frame_over_16_MiB_are_refused_before_sending()
    {
        await using var server = await TunnelTestServer.StartAsync();
        await using var agent = await FakeAgent.ConnectAsync(server);
        var big = new byte[16 * 1024 * 1024];
        big.AsSpan().Fill((byte)'a');
        big[0] = (byte)'"';
        big[^1] = (byte)'"';
        var id = NewId();
        var result = await server.PublicTunnel.CallAsync(id, "a", big, null, null, CancellationToken.None);

        Assert.Equal(PublicErrors.InvalidJsonBody, Assert.IsType<AgentCallResult.Failure>(result).Error);
        Assert.DoesNotContain(agent.Received, f => f.GetProperty("id").GetString() == id);
    }

    [Theory]
    [InlineData("{\"a\":")]
    [InlineData("1 2")]
    public async Task Params_that_are_not_one_json_value_are_refused(string paramsJson)
    {
        await using var server = await TunnelTestServer.StartAsync();
        await using var agent = await FakeAgent.ConnectAsync(server);
        var result = await server.PublicTunnel.CallAsync(NewId(), "a", Encoding.UTF8.GetBytes(paramsJson), null, null, CancellationToken.None);

        Assert.Equal(PublicErrors.InvalidJsonBody, Assert.IsType<AgentCallResult.Failure>(result).Error);
    }

    [Theory]
    [InlineData("a", "{\"rows\":[]}", "AGENT_INTERNAL_ERROR")]
    [InlineData("b", "{\"rows\":[]}", "AGENT_TRANSACTION_OUTCOME_UNKNOWN")]
    [InlineData("c", "{\"rows\":[]}", "AGENT_TRANSACTION_OUTCOME_UNKNOWN")]
    [InlineData("zzz", "{\"rows\":[]}", "AGENT_TRANSACTION_OUTCOME_UNKNOWN")]
    [InlineData("a", "{\"count\":-1}", "AGENT_INTERNAL_ERROR")]
    [InlineData("a", "{\"count\":1.5}", "AGENT_INTERNAL_ERROR")]
    [InlineData("b", "{\"count\":9223372036854775808}", "AGENT_TRANSACTION_OUTCOME_UNKNOWN")]
    [InlineData("a", "[1]", "AGENT_INTERNAL_ERROR")]
    [InlineData("a", "null", "AGENT_INTERNAL_ERROR")]
    [InlineData("a", null, "AGENT_INTERNAL_ERROR")]
    [InlineData("a", "9223372036854775807", null)]
    [InlineData("b", "9223372036854775807", null)]
    public async Task Success_validation_by_response_kind(string capability, string? result, string? expectedCode)
    {
        await using var server = await TunnelTestServer.StartAsync();
        await using var agent = await FakeAgent.ConnectAsync(server, (_, frame) =>
        {
            if (CapabilityOf(frame) is "meta" or null)
            {
                return MetaOnly(frame);
            }

            var id = frame.GetProperty("id").GetString();
            return result is null ? $$"""{"id":"{{id}}"}"""
                : result.StartsWith('9') ? $$$"""{"id":"{{{id}}}","result":{"count":{{{result}}}}}"""
                : $$"""{"id":"{{id}}","result":{{result}}}""";
        });
        await WaitUntilAsync(() => server.PublicTunnel.Metadata is not null);
        var outcome = await CallAsync(server, capability);

        if (expectedCode is null)
        {
            Assert.Equal(long.MaxValue, Assert.IsType<AgentCallResult.Success>(outcome).Count);
        }
        else
        {
            var failure = Assert.IsType<AgentCallResult.Failure>(outcome);
            Assert.Equal(expectedCode, failure.Error.Code);
            Assert.Equal(expectedCode == "AGENT_INTERNAL_ERROR" ? "agent internal error" : "transaction outcome is unknown", failure.Error.Message);
        }
    }

    [Fact]
    public async Task A_silent_agent_loses_its_slot_after_the_pong_deadline()
    {
        await using var server = await TunnelTestServer.StartAsync(Short with { PingInterval = TimeSpan.FromMilliseconds(200), PongTimeout = TimeSpan.FromMilliseconds(300) });
        await using var silent = await FakeAgent.ConnectAsync(server, read: false);

        await server.Output.WaitForAsync("agent_disconnected");
        Assert.False(server.PublicTunnel.IsConnected);
        await AgentHandshakeTests.WaitDisconnectedAsync(server);
        await using var next = await FakeAgent.ConnectAsync(server);
        Assert.True(server.PublicTunnel.IsConnected);
    }

    [Fact]
    public async Task A_responsive_agent_keeps_its_slot_across_pings()
    {
        await using var server = await TunnelTestServer.StartAsync(TunnelTimings.Default with { PingInterval = TimeSpan.FromMilliseconds(100), PongTimeout = TimeSpan.FromMilliseconds(2000) });
        await using var agent = await FakeAgent.ConnectAsync(server);
        await Task.Delay(1000, TestContext.Current.CancellationToken);

        Assert.True(server.PublicTunnel.IsConnected);
        Assert.Empty(server.Output.Events("agent_disconnected"));
    }

    [Fact]
    public async Task Application_stop_closes_the_agent_with_1000()
    {
        var server = await TunnelTestServer.StartAsync();
        var agent = await FakeAgent.ConnectAsync(server, read: false);
        await server.Output.WaitForAsync("agent_connected");
        var stop = server.DisposeAsync();
        var buffer = new byte[4096];
        var received = await agent.Socket.ReceiveAsync(buffer, TestContext.Current.CancellationToken);
        while (received.MessageType != WebSocketMessageType.Close)
        {
            received = await agent.Socket.ReceiveAsync(buffer, TestContext.Current.CancellationToken);
        }

        Assert.Equal(WebSocketMessageType.Close, received.MessageType);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, received.CloseStatus);
        await stop;
        await agent.DisposeAsync();
    }

    [Fact]
    public async Task On_application_stop_calls_in_flight_are_still_answered_before_the_close()
    {
        var server = await TunnelTestServer.StartAsync();
        await using var agent = await FakeAgent.ConnectAsync(server, (_, frame) => MetaOnly(frame));
        await server.Output.WaitForAsync("openapi_cached");
        var id = NewId();
        var call = server.PublicTunnel.CallAsync(id, "a", "{}"u8.ToArray(), null, null, CancellationToken.None);
        await WaitUntilAsync(() => agent.Received.Any(f => f.GetProperty("id").GetString() == id));
        var stop = server.DisposeAsync();
        await Task.Delay(300, TestContext.Current.CancellationToken);
        await agent.SendTextAsync("{\"id\":\"" + id + "\",\"result\":{\"count\":4}}");

        Assert.Equal(4, Assert.IsType<AgentCallResult.Success>(await call).Count);
        await stop;
    }

    internal static readonly TunnelTimings Short = TunnelTimings.Default with { CallTimeout = TimeSpan.FromMilliseconds(300) };

    internal static string NewId() => $"01J9Z3Q7K8X2V4T6R8N0M{Interlocked.Increment(ref _ids):D5}";

    internal static Task<AgentCallResult> CallAsync(TunnelTestServer server, string capability) =>
        server.PublicTunnel.CallAsync(NewId(), capability, "{}"u8.ToArray(), null, null, CancellationToken.None);

    internal static string? Reply(JsonElement frame, string result) =>
        CapabilityOf(frame) switch
        {
            null => null,
            "meta" => FakeAgent.DefaultAnswer(null!, frame),
            _ => $$"""{"id":"{{frame.GetProperty("id").GetString()}}","result":{{result}}}""",
        };

    /// <summary>Answers only the metadata call, so other calls stay pending.</summary>
    internal static string? MetaOnly(JsonElement frame) =>
        CapabilityOf(frame) == "meta" ? FakeAgent.DefaultAnswer(null!, frame) : null;

    /// <summary>The capability of a request frame; null for cancel frames.</summary>
    internal static string? CapabilityOf(JsonElement frame) =>
        frame.TryGetProperty("capability", out var capability) ? capability.GetString() : null;

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}

public sealed class AgentWriteDeadlineTests
{
    [Fact]
    public async Task An_agent_that_stops_reading_fails_the_write_deadline_and_pending_calls_get_503()
    {
        await using var server = await TunnelTestServer.StartAsync(TunnelTimings.Default with { WriteDeadline = TimeSpan.FromMilliseconds(500) });
        await using var agent = await FakeAgent.ConnectAsync(server, read: false);
        var big = new byte[1024 * 1024];
        big.AsSpan().Fill((byte)'a');
        big[0] = (byte)'"';
        big[^1] = (byte)'"';

        // Nobody reads on the agent side: socket buffers fill, a write misses its deadline, the connection closes.
        var calls = Enumerable.Range(0, 64).Select(_ => server.PublicTunnel.CallAsync(AgentSessionTests.NewId(), "a", big, null, null, CancellationToken.None)).ToList();
        var results = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.All(results, r => Assert.Equal(Onprest.Contracts.Errors.PublicErrors.AgentOffline, Assert.IsType<AgentCallResult.Failure>(r).Error));
        await server.Output.WaitForAsync("agent_disconnected");
        Assert.False(server.PublicTunnel.IsConnected);
    }
}
