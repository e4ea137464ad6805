using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NSec.Cryptography;
using Onprest.Contracts.Tunnel;
using Onprest.Gateway.Logging;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Tests.Tunnel;

/// <summary>A real Kestrel gateway on 127.0.0.1:0 with only the two tunnel calls wired, as the lead wires them into Program.cs.</summary>
internal sealed class TunnelTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TunnelTestServer(WebApplication app, Key agentKey, CapturedOutput output, TimeProvider time)
    {
        _app = app;
        AgentKey = agentKey;
        Output = output;
        Time = time;
    }

    public Key AgentKey { get; }

    public CapturedOutput Output { get; }

    public TimeProvider Time { get; }

    public int Port { get; private set; }

    public AgentTunnel Tunnel => _app.Services.GetRequiredService<AgentTunnel>();

    public IAgentTunnel PublicTunnel => _app.Services.GetRequiredService<IAgentTunnel>();

    public static async Task<TunnelTestServer> StartAsync(TunnelTimings? timings = null, TimeProvider? time = null, bool snapshot = false)
    {
        var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var output = new CapturedOutput();
        time ??= TimeProvider.System;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(new GatewayEventLog(output, time));
        builder.Services.AddSingleton<IOpenApiFinalizer, PassThroughFinalizer>();
        builder.Services.AddAgentTunnel(new AgentTunnelOptions
        {
            AgentPublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey),
            EmitOpenApiSnapshot = snapshot,
            TimeProvider = time,
            Timings = timings ?? TunnelTimings.Default,
        });
        var app = builder.Build();
        app.MapAgentTunnel();
        await app.StartAsync();
        var server = new TunnelTestServer(app, key, output, time);
        server.Port = new Uri(app.Urls.First()).Port;
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        AgentKey.Dispose();
    }
}
