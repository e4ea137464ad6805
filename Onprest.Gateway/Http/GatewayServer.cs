using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Onprest.Gateway.Configuration;
using Onprest.Gateway.Logging;

namespace Onprest.Gateway.Http;

/// <summary>Server basics of docs/gateway.md: Kestrel on <c>GATEWAY_ADDR</c>, timeouts, shutdown, stdout discipline.</summary>
public static class GatewayServer
{
    /// <summary>
    /// ASP.NET Core's slim builder without reloading configuration files on change. The gateway is configured by its
    /// environment (docs/configuration.md); an optional <c>appsettings.json</c> in the working directory is still read
    /// once. Watching it would watch the whole working directory tree: started from <c>/</c> (systemd's default) the
    /// gateway spent seconds adding a watch for every directory on the host before it listened.
    /// </summary>
    public static WebApplicationBuilder CreateGatewayBuilder(string[] args) =>
        WebApplication.CreateSlimBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);

    public static WebApplicationBuilder AddGatewayServer(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel((_, kestrel) =>
        {
            GatewayOptions options;
            try
            {
                options = kestrel.ApplicationServices.GetRequiredService<GatewayOptions>();
            }
            catch (GatewayConfigException)
            {
                // Building the application creates the server before Program can report the configuration error;
                // TryValidateGatewayConfiguration reports it right after, and nothing listens.
                return;
            }

            kestrel.AddServerHeader = false;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(60);
            // The 15 s body deadline and the body limit are enforced by RequestBodyReader, which answers with the
            // spec's JSON errors; the server's own rate and size checks would answer differently.
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes < long.MaxValue ? options.MaxRequestBodyBytes + 1 : null;
            Listen(kestrel, options.Listen);
            if (options.AdminListen is { } admin)
            {
                Listen(kestrel, admin);
            }
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(10));

        // stdout carries only the JSON events (docs/configuration.md); framework warnings go to stderr.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        builder.Services.AddSingleton(_ => new StdoutEventSink(Console.OpenStandardOutput()));
        builder.Services.AddSingleton(services => new GatewayEventLog(services.GetRequiredService<StdoutEventSink>(), TimeProvider.System));
        builder.Services.AddSingleton<EdgeRejections>();
        return builder;
    }

    /// <summary>Runs until SIGINT/SIGTERM (exit 0), or reports <c>gateway stopped: &lt;reason&gt;</c> (exit 1).</summary>
    public static async Task<int> RunGatewayAsync(this WebApplication app, TextWriter stderr)
    {
        var options = app.Services.GetRequiredService<GatewayOptions>();
        var log = app.Services.GetRequiredService<GatewayEventLog>();
        var sink = app.Services.GetRequiredService<StdoutEventSink>();
        app.Lifetime.ApplicationStarted.Register(() => log.GatewayStart(options.Addr));
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception exception) when (exception is IOException or SocketException)
        {
            stderr.WriteLine($"gateway stopped: {exception.Message}");
            return 1;
        }
        finally
        {
            // Every queued event reaches stdout before the process exits (the host may already have disposed it).
            await sink.FlushAsync();
        }
    }

    private static void Listen(KestrelServerOptions kestrel, ListenAddress address)
    {
        void Http1(ListenOptions listen) => listen.Protocols = HttpProtocols.Http1;

        if (address.IsAnyHost)
        {
            kestrel.ListenAnyIP(address.Port, Http1);
        }
        else if (address.IsLocalhost)
        {
            kestrel.ListenLocalhost(address.Port, Http1);
        }
        else
        {
            kestrel.Listen(IPAddress.Parse(address.Host), address.Port, Http1);
        }
    }
}
