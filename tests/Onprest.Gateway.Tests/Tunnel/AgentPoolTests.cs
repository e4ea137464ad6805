using System.Net.WebSockets;
using System.Text.Json;
using Onprest.Contracts.Tunnel;
using Onprest.Gateway.Tunnel;
using static Onprest.Gateway.Tests.Tunnel.AgentSessionTests;

namespace Onprest.Gateway.Tests.Tunnel;

/// <summary>Several agent keys, one live connection each, on a real Kestrel gateway and real WebSockets.</summary>
public sealed class AgentPoolTests
{
    private const string Changed = """{"data":{"openapi":"3.1.0","paths":{"/api/v1/capabilities/a":{"post":{"summary":"v2"}},"/api/v1/capabilities/b":{},"/api/v1/capabilities/n":{}}},"response_kinds":{"a":"select","b":"mutation","n":"select"}}""";

    [Fact]
    public async Task Each_key_holds_one_connection_and_a_second_one_with_a_connected_key_gets_409()
    {
        await using var server = await TunnelTestServer.StartAsync(agents: 3);
        await using var first = await FakeAgent.ConnectAsync(server, key: server.AgentKeys[0]);
        await using var second = await FakeAgent.ConnectAsync(server, key: server.AgentKeys[2]);

        Assert.Equal(2, server.PublicTunnel.ConnectedAgents);
        Assert.Equal(3, server.PublicTunnel.Slots);
        var handshake = await AgentHandshake.NewAsync(server);
        using var again = await RawHttp.SendAsync(server.Port, "GET", TunnelProtocol.AgentPath, handshake.UpgradeHeaders(handshake.SignV2(server.AgentKeys[2])));
        Assert.Equal(409, again.Status);
        Assert.Contains("GATEWAY_AGENT_ALREADY_CONNECTED", again.Body);
        Assert.Equal(2, server.PublicTunnel.ConnectedAgents);

        await second.DisposeAsync();
        await WaitUntilAsync(() => server.PublicTunnel.ConnectedAgents == 1);
        await using var back = await FakeAgent.ConnectAsync(server, key: server.AgentKeys[2]);
        Assert.Equal(2, server.PublicTunnel.ConnectedAgents);
    }

    [Fact]
    public async Task Calls_go_to_the_agent_with_fewer_calls_in_flight_and_a_lost_agents_calls_are_never_sent_again()
    {
        await using var server = await TunnelTestServer.StartAsync(agents: 2);
        var stuck = await FakeAgent.ConnectAsync(server, (_, frame) => MetaOnly(frame), key: server.AgentKeys[0]);
        await using var answering = await FakeAgent.ConnectAsync(server, (_, frame) => Reply(frame, """{"rows":[],"count":0}"""), key: server.AgentKeys[1]);
        await WaitUntilAsync(() => server.Output.Events("openapi_cached").Count == 2);

        // The agent that never answers holds what it took; every later call prefers the one with nothing in flight.
        var calls = new List<(string Id, Task<AgentCallResult> Result)>();
        for (var i = 0; i < 20; i++)
        {
            var id = NewId();
            calls.Add((id, server.PublicTunnel.CallAsync(id, "a", "{}"u8.ToArray(), null, null, CancellationToken.None)));
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        var onStuck = RequestIds(stuck);
        Assert.InRange(onStuck.Count, 1, 4);
        await WaitUntilAsync(() => calls.Count(c => c.Result.IsCompleted) == 20 - onStuck.Count);

        // Lost (the socket drops, no clean close): its calls end with 503 and the other agent never sees them.
        stuck.Socket.Abort();
        await stuck.DisposeAsync();
        foreach (var (id, result) in calls.Where(c => onStuck.Contains(c.Id)))
        {
            var failure = Assert.IsType<AgentCallResult.Failure>(await result);
            Assert.Equal("GATEWAY_AGENT_OFFLINE", failure.Error.Code);
            Assert.DoesNotContain(id, RequestIds(answering));
        }

        foreach (var (_, result) in calls.Where(c => !onStuck.Contains(c.Id)))
        {
            Assert.IsType<AgentCallResult.Success>(await result);
        }
    }

    [Fact]
    public async Task A_call_waiting_on_an_agent_that_closes_as_drained_is_answered_by_another_agent()
    {
        await using var server = await TunnelTestServer.StartAsync(agents: 2);
        await using var draining = await FakeAgent.ConnectAsync(server, (_, frame) => MetaOnly(frame), key: server.AgentKeys[0]);
        await server.Output.WaitForAsync("openapi_cached");
        var id = NewId();
        var call = server.PublicTunnel.CallAsync(id, "a", "{}"u8.ToArray(), null, null, CancellationToken.None);
        await WaitUntilAsync(() => RequestIds(draining).Contains(id));
        await using var other = await FakeAgent.ConnectAsync(server, (_, frame) => Reply(frame, """{"rows":[],"count":7}"""), key: server.AgentKeys[1]);
        await WaitUntilAsync(() => server.Output.Events("openapi_cached").Count == 2);

        await draining.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, TunnelProtocol.DrainedCloseReason, CancellationToken.None);

        Assert.Equal(7, Assert.IsType<AgentCallResult.Success>(await call).Count);
        Assert.Contains(id, RequestIds(other));
    }

    [Fact]
    public async Task A_plain_close_is_not_a_drain_so_the_waiting_call_fails_and_is_not_sent_again()
    {
        await using var server = await TunnelTestServer.StartAsync(agents: 2);
        await using var closing = await FakeAgent.ConnectAsync(server, (_, frame) => MetaOnly(frame), key: server.AgentKeys[0]);
        await server.Output.WaitForAsync("openapi_cached");
        var id = NewId();
        var call = server.PublicTunnel.CallAsync(id, "a", "{}"u8.ToArray(), null, null, CancellationToken.None);
        await WaitUntilAsync(() => RequestIds(closing).Contains(id));
        await using var other = await FakeAgent.ConnectAsync(server, (_, frame) => Reply(frame, """{"rows":[],"count":7}"""), key: server.AgentKeys[1]);

        await closing.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);

        Assert.Equal("GATEWAY_AGENT_OFFLINE", Assert.IsType<AgentCallResult.Failure>(await call).Error.Code);
        Assert.DoesNotContain(id, RequestIds(other));
    }

    [Fact]
    public async Task The_newest_agents_metadata_is_advertised_and_a_changed_capability_goes_only_to_agents_that_define_it_alike()
    {
        await using var server = await TunnelTestServer.StartAsync(agents: 2);
        await using var old = await FakeAgent.ConnectAsync(server, (_, frame) => Reply(frame, """{"rows":[],"count":1}"""), key: server.AgentKeys[0]);
        await WaitUntilAsync(() => server.PublicTunnel.Metadata is not null);
        var renewed = await FakeAgent.ConnectAsync(server, (_, frame) => CapabilityOf(frame) == "meta"
            ? $$"""{"id":"{{frame.GetProperty("id").GetString()}}","result":{{Changed}}}"""
            : Reply(frame, """{"rows":[],"count":2}"""), key: server.AgentKeys[1]);
        await WaitUntilAsync(() => server.PublicTunnel.Metadata?.ResponseKinds.ContainsKey("n") == true);

        // "a" changed and "n" is new: only the renewed agent serves them. "b" is alike on both: either may serve it.
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(2, Assert.IsType<AgentCallResult.Success>(await CallAsync(server, "a")).Count);
            Assert.Equal(2, Assert.IsType<AgentCallResult.Success>(await CallAsync(server, "n")).Count);
        }

        var b = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            b.Add(Assert.IsType<AgentCallResult.Success>(await CallAsync(server, "b")).Count);
        }

        Assert.Contains(1L, b);
        Assert.Contains(2L, b);

        // The renewed agent goes away: the older one's metadata is advertised again and serves everything it defines.
        await renewed.DisposeAsync();
        // The connection counts as gone the moment it is closed; the routing table follows once it is detached.
        await WaitUntilAsync(() => server.PublicTunnel.ConnectedAgents == 1 && server.PublicTunnel.Metadata?.ResponseKinds.ContainsKey("n") == false);
        Assert.Equal(1, Assert.IsType<AgentCallResult.Success>(await CallAsync(server, "a")).Count);
    }

    private static List<string> RequestIds(FakeAgent agent) =>
        agent.Received.Where(f => CapabilityOf(f) is { } c && c != "meta").Select(f => f.GetProperty("id").GetString()!).ToList();
}
