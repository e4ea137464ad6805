using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NSec.Cryptography;
using Onprest.Contracts.Tunnel;
using Onprest.Gateway.Logging;
using Onprest.Gateway.Tunnel;
using Onprest.Tests.Shared;

namespace Onprest.Gateway.Tests.Tunnel;

/// <summary>A real Kestrel gateway on 127.0.0.1:0 with only the two tunnel calls wired, as the lead wires them into Program.cs.</summary>
internal sealed class TunnelTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TunnelTestServer(WebApplication app, IReadOnlyList<Key> agentKeys, CapturedLines output, TimeProvider time)
    {
        _app = app;
        AgentKeys = agentKeys;
        Output = output;
        Time = time;
    }

    /// <summary>The first agent key (the single-agent form).</summary>
    public Key AgentKey => AgentKeys[0];

    /// <summary>One key per agent slot (<c>agents</c> of <see cref="StartAsync"/>).</summary>
    public IReadOnlyList<Key> AgentKeys { get; }

    public CapturedLines Output { get; }

    public TimeProvider Time { get; }

    public int Port { get; private set; }

    public AgentTunnel Tunnel => _app.Services.GetRequiredService<AgentTunnel>();

    public IAgentTunnel PublicTunnel => _app.Services.GetRequiredService<IAgentTunnel>();

    public static async Task<TunnelTestServer> StartAsync(TunnelTimings? timings = null, TimeProvider? time = null, bool snapshot = false, int agents = 1)
    {
        var keys = Enumerable.Range(0, agents)
            .Select(_ => Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }))
            .ToArray();
        var output = new CapturedLines();
        time ??= TimeProvider.System;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(new GatewayEventLog(output, time));
        builder.Services.AddSingleton<IOpenApiFinalizer, PassThroughFinalizer>();
        builder.Services.AddAgentTunnel(new AgentTunnelOptions
        {
            AgentPublicKeys = keys.Select(k => k.PublicKey.Export(KeyBlobFormat.RawPublicKey)).ToArray(),
            EmitOpenApiSnapshot = snapshot,
            TimeProvider = time,
            Timings = timings ?? TunnelTimings.Default,
        });
        var app = builder.Build();
        app.MapAgentTunnel();
        await app.StartAsync();
        var server = new TunnelTestServer(app, keys, output, time);
        server.Port = new Uri(app.Urls.First()).Port;
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var key in AgentKeys)
        {
            key.Dispose();
        }
    }
}
