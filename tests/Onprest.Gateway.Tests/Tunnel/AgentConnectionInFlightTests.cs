using Onprest.Contracts.Errors;
using Onprest.Gateway.Tunnel;
using static Onprest.Gateway.Tests.Tunnel.AgentSessionTests;

namespace Onprest.Gateway.Tests.Tunnel;

public sealed class AgentConnectionInFlightTests
{
    [Fact]
    public async Task In_flight_counts_the_calls_awaiting_a_reply_until_answered_or_released()
    {
        await using var server = await TunnelTestServer.StartAsync();
        var agent = await FakeAgent.ConnectAsync(server, (_, frame) => MetaOnly(frame));
        await WaitUntilAsync(() => server.PublicTunnel.Metadata is not null);
        var connection = server.Tunnel.Current!;
        await WaitUntilAsync(() => connection.InFlight == 0);

        var calls = Enumerable.Range(0, 3).Select(_ => CallAsync(server, "a")).ToList();
        await WaitUntilAsync(() => agent.Received.Count(f => CapabilityOf(f) == "a") == 3);
        Assert.Equal(3, connection.InFlight);

        var first = agent.Received.First(f => CapabilityOf(f) == "a").GetProperty("id").GetString();
        await agent.SendTextAsync($$$"""{"id":"{{{first}}}","result":{"count":0}}""");
        await WaitUntilAsync(() => connection.InFlight == 2);
        Assert.IsType<AgentCallResult.Success>(await await Task.WhenAny(calls));

        agent.Socket.Abort();
        await agent.DisposeAsync();
        var results = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(2, results.Count(r => r is AgentCallResult.Failure { Error: var error } && error == PublicErrors.AgentOffline));
        Assert.Equal(0, connection.InFlight);
    }
}
