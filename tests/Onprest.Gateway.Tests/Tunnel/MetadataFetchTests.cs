using System.Text;
using System.Text.Json;

namespace Onprest.Gateway.Tests.Tunnel;

public sealed class MetadataFetchTests
{
    [Fact]
    public async Task Metadata_is_fetched_on_connect_cached_and_logged_with_the_path_count()
    {
        await using var server = await TunnelTestServer.StartAsync();
        await using var agent = await FakeAgent.ConnectAsync(server);

        var cached = await server.Output.WaitForAsync("openapi_cached");
        Assert.Equal(2, cached.GetProperty("paths").GetInt32());
        Assert.False(cached.TryGetProperty("openapi", out _));
        Assert.Empty(server.Output.Events("openapi_snapshot"));
        var metadata = server.PublicTunnel.Metadata!;
        Assert.Equal("select", metadata.ResponseKinds["a"]);
        Assert.Equal("mutation", metadata.ResponseKinds["b"]);
        Assert.False(metadata.ResponseKinds.ContainsKey("c"));
        var meta = agent.Received.First();
        Assert.Equal("meta", meta.GetProperty("capability").GetString());
        Assert.Equal("{}", meta.GetProperty("params").GetRawText());
        Assert.Equal(26, meta.GetProperty("id").GetString()!.Length);
    }

    [Fact]
    public async Task Numbers_in_the_document_stay_exact()
    {
        const string data = """{"openapi":"3.1.0","paths":{},"x-big":12345678901234567890123,"x-dec":1.000000000000000000001}""";
        await using var server = await TunnelTestServer.StartAsync();
        // The answer is given at connect time: the gateway asks for metadata as soon as the agent is attached.
        await using var agent = await FakeAgent.ConnectAsync(server, (_, frame) => AgentSessionTests.CapabilityOf(frame) == "meta"
            ? "{\"id\":\"" + frame.GetProperty("id").GetString() + "\",\"result\":{\"data\":" + data + ",\"response_kinds\":{}}}"
            : null);

        await AgentSessionTests.WaitUntilAsync(() => server.PublicTunnel.Metadata is not null);
        Assert.Equal(data, Encoding.UTF8.GetString(server.PublicTunnel.Metadata!.OpenApiDocument.Span));
    }

    [Fact]
    public async Task With_the_snapshot_flag_openapi_snapshot_follows_openapi_cached_with_the_document()
    {
        await using var server = await TunnelTestServer.StartAsync(snapshot: true);
        await using var agent = await FakeAgent.ConnectAsync(server);

        var snapshot = await server.Output.WaitForAsync("openapi_snapshot");
        Assert.Equal(2, snapshot.GetProperty("paths").GetInt32());
        Assert.Equal("3.1.0", snapshot.GetProperty("openapi").GetProperty("openapi").GetString());
        var names = server.Output.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()).ToList();
        Assert.Equal(names.IndexOf("openapi_cached") + 1, names.IndexOf("openapi_snapshot"));
    }

    [Fact]
    public async Task Errors_are_retried_and_logged_with_code_and_mapped_status_only()
    {
        await using var server = await TunnelTestServer.StartAsync();
        var attempts = 0;
        await using var agent = await FakeAgent.ConnectAsync(server, (a, frame) =>
        {
            if (AgentSessionTests.CapabilityOf(frame) != "meta")
            {
                return null;
            }

            var id = frame.GetProperty("id").GetString();
            return Interlocked.Increment(ref attempts) <= 2
                ? "{\"id\":\"" + id + "\",\"error\":{\"code\":\"AGENT_BUSY\",\"message\":\"secret detail must not be logged\"}}"
                : FakeAgent.DefaultAnswer(a, frame);
        });

        await server.Output.WaitForAsync("openapi_cached");
        var failures = server.Output.Events("openapi_fetch_failed");
        Assert.Equal([1, 2], failures.Select(f => f.GetProperty("attempt").GetInt32()));
        Assert.All(failures, f =>
        {
            Assert.Equal("AGENT_BUSY", f.GetProperty("code").GetString());
            Assert.Equal(503, f.GetProperty("http_status").GetInt32());
        });
        Assert.DoesNotContain("secret detail", server.Output.Text, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Unusable => new()
    {
        { "{\"response_kinds\":{}}", "metadata data is missing or not an object" },
        { "{\"data\":null,\"response_kinds\":{}}", "metadata data is missing or not an object" },
        { "{\"data\":[],\"response_kinds\":{}}", "metadata data is missing or not an object" },
        { "{\"data\":{\"openapi\":\"3.1.0\"}}", "metadata response_kinds is missing" },
        { "{\"data\":{\"openapi\":\"3.1.0\"},\"response_kinds\":[]}", "metadata response_kinds is not an object" },
        { "[]", "metadata result is not a JSON object" },
        { "{\"data\":{\"no\":\"openapi\"},\"response_kinds\":{}}", "metadata document could not be finalized" },
    };

    [Theory]
    [MemberData(nameof(Unusable))]
    public async Task Unusable_results_are_parse_failures_tried_five_times_then_never_again(string result, string error)
    {
        await using var server = await TunnelTestServer.StartAsync();
        var attempts = 0;
        await using var agent = await FakeAgent.ConnectAsync(server, (_, frame) =>
        {
            if (AgentSessionTests.CapabilityOf(frame) != "meta")
            {
                return null;
            }

            Interlocked.Increment(ref attempts);
            return "{\"id\":\"" + frame.GetProperty("id").GetString() + "\",\"result\":" + result + "}";
        });

        await server.Output.WaitForAsync("openapi_parse_failed", 5);
        await Task.Delay(2000, TestContext.Current.CancellationToken);
        var failures = server.Output.Events("openapi_parse_failed");
        Assert.Equal([1, 2, 3, 4, 5], failures.Select(f => f.GetProperty("attempt").GetInt32()));
        Assert.All(failures, f => Assert.Equal(error, f.GetProperty("error").GetString()));
        Assert.Equal(5, attempts);
        Assert.Null(server.PublicTunnel.Metadata);
        Assert.True(server.PublicTunnel.IsConnected);
    }

    [Fact]
    public async Task A_timed_out_attempt_is_logged_as_GATEWAY_TIMEOUT_504()
    {
        await using var server = await TunnelTestServer.StartAsync(AgentSessionTests.Short);
        var attempts = 0;
        await using var agent = await FakeAgent.ConnectAsync(server, (a, frame) =>
            AgentSessionTests.CapabilityOf(frame) == "meta" && Interlocked.Increment(ref attempts) > 1 ? FakeAgent.DefaultAnswer(a, frame) : null);

        await server.Output.WaitForAsync("openapi_cached");
        var failed = Assert.Single(server.Output.Events("openapi_fetch_failed"));
        Assert.Equal("GATEWAY_TIMEOUT", failed.GetProperty("code").GetString());
        Assert.Equal(504, failed.GetProperty("http_status").GetInt32());
        Assert.Contains(agent.Cancels, c => c.GetProperty("id").GetString() == agent.Received.First().GetProperty("id").GetString());
    }

    [Fact]
    public async Task Metadata_is_cleared_on_disconnect_and_fetched_again_for_the_next_connection()
    {
        await using var server = await TunnelTestServer.StartAsync();
        var first = await FakeAgent.ConnectAsync(server);
        await server.Output.WaitForAsync("openapi_cached");
        Assert.NotNull(server.PublicTunnel.Metadata);
        await first.DisposeAsync();
        await server.Output.WaitForAsync("agent_disconnected");
        Assert.Null(server.PublicTunnel.Metadata);

        await AgentHandshakeTests.WaitDisconnectedAsync(server);
        await using var second = await FakeAgent.ConnectAsync(server);
        await server.Output.WaitForAsync("openapi_cached", 2);
        Assert.NotNull(server.PublicTunnel.Metadata);
    }

    [Fact]
    public async Task A_connection_that_ends_during_the_fetch_stops_the_attempts()
    {
        await using var server = await TunnelTestServer.StartAsync();
        var agent = await FakeAgent.ConnectAsync(server, (_, _) => null);
        await AgentSessionTests.WaitUntilAsync(() => !agent.Received.IsEmpty);
        await agent.DisposeAsync();
        await server.Output.WaitForAsync("agent_disconnected");
        await Task.Delay(1500, TestContext.Current.CancellationToken);

        Assert.Empty(server.Output.Events("openapi_fetch_failed"));
        Assert.Empty(server.Output.Events("openapi_cached"));
    }
}
