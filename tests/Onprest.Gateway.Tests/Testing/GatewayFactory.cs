using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Onprest.Gateway.Configuration;
using Onprest.Gateway.Http;
using Onprest.Gateway.Logging;
using Onprest.Gateway.Tunnel;
using Onprest.Tests.Shared;

namespace Onprest.Gateway.Tests.Testing;

/// <summary>
/// The real gateway pipeline in process, with the agent replaced by <see cref="FakeAgentTunnel"/> and stdout
/// captured. The header <c>X-Test-Peer</c> sets the TCP peer address the test server cannot supply.
/// </summary>
public sealed class GatewayFactory(GatewayOptions? options = null, TimeSpan? bodyDeadline = null) : WebApplicationFactory<Program>
{
    public const string PeerHeader = "X-Test-Peer";

    /// <summary>Sets the local port the request "arrived on" (the admin listener is chosen by it).</summary>
    public const string LocalPortHeader = "X-Test-Local-Port";

    public GatewayOptions Options { get; } = options ?? TestKeys.Options();

    public FakeAgentTunnel Agent { get; } = new();

    public CapturedLines Stdout { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Options);
            services.AddSingleton<IAgentTunnel>(Agent);
            services.AddSingleton(new GatewayEventLog(Stdout, TimeProvider.System));
            services.AddSingleton(new BodyReadOptions(Options.MaxRequestBodyBytes, bodyDeadline ?? TimeSpan.FromSeconds(15)));
            services.AddSingleton<IStartupFilter, PeerAddressStartupFilter>();
        });
    }

    public HttpClient Client(string peer = "203.0.113.10")
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(PeerHeader, peer);
        return client;
    }

    private sealed class PeerAddressStartupFilter : IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(nextMiddleware => context =>
            {
                if (context.Request.Headers.Remove(PeerHeader, out var peer) && IPAddress.TryParse(peer, out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                if (context.Request.Headers.Remove(LocalPortHeader, out var port) && int.TryParse(port, out var localPort))
                {
                    context.Connection.LocalPort = localPort;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
