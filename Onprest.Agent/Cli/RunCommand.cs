using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Databases;
using Onprest.Agent.Dispatch;
using Onprest.Agent.Execution;
using Onprest.Agent.Logging;
using Onprest.Agent.Telemetry;
using Onprest.Agent.Tunnel;
using Onprest.Contracts.Tunnel;

namespace Onprest.Agent.Cli;

/// <summary>
/// <c>onprest-agent</c> run mode (docs/agent-databases.md, docs/tunnel-protocol.md): start-up steps 1–6, then the connection loop
/// as a hosted worker until SIGINT, SIGTERM or a service stop, which cancel in-flight work, wait at most 10 s for
/// rollbacks, close with 1000 and exit 0.
/// </summary>
internal static class RunCommand
{
    /// <param name="loadConfiguration">Start-up step 1: resolves, reads and lints capability.yaml, writing its one
    /// <c>agent init: …</c> line to the given stderr on failure (null result).</param>
    public static async Task<int> RunAsync(Func<TextWriter, AgentConfiguration?> loadConfiguration, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var configuration = loadConfiguration(stderr);
        if (configuration is null)
        {
            return 1;
        }

        var dataDirectory = LogPaths.DataDirectory(configuration.DataDirectory);
        if (!LogPaths.EnsureWritable(dataDirectory))
        {
            await WriteLineAsync(stderr, "agent init: agent detail log could not be opened; " + LogPaths.Unwritable(dataDirectory)).ConfigureAwait(false);
            return 1;
        }

        if (!AgentMetricsListener.TryRead(Environment.GetEnvironmentVariable, out var metricsAddress))
        {
            await WriteLineAsync(stderr, "agent init: " + AgentMetricsListener.InvalidMessage).ConfigureAwait(false);
            return 1;
        }

        AgentDetailLog log;
        try
        {
            log = AgentDetailLog.Open(LogPaths.RuntimeLog(dataDirectory), configuration.LogMaxSizeBytes, configuration.LogMaxFiles);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            await WriteLineAsync(stderr, "agent init: agent detail log could not be opened").ConfigureAwait(false);
            return 1;
        }

        using (log)
        {
            var engine = await AgentStartup.PrepareDatabaseAsync(configuration, log, stderr, cancellationToken).ConfigureAwait(false);
            if (engine is null)
            {
                return 1;
            }

            await using (engine.ConfigureAwait(false))
            {
                var time = TimeProvider.System;
                var events = new AgentEventWriter(stdout, time);
                var executor = new CapabilityExecutor(engine, log, time);
                var sessions = new GatewaySessionFactory(configuration, executor, log, time);
                events.AgentReady(configuration.Capabilities.Count, configuration.Database.Driver.ConfigName(), configuration.MaxConcurrentRequests);

                using var metrics = StartMetrics(metricsAddress, configuration.MaxConcurrentRequests, stderr);
                if (metricsAddress is not null && metrics is null)
                {
                    return 1;
                }

                var loop = new GatewayConnectionLoop(configuration.GatewayUrl, configuration.AgentPrivateKeySeed, sessions, events, TunnelTimings.Default, time);
                var outcome = await HostAsync(loop, cancellationToken).ConfigureAwait(false);
                if (outcome.FatalReason is not null)
                {
                    await WriteLineAsync(stderr, "agent stopped: " + outcome.FatalReason).ConfigureAwait(false);
                }

                return outcome.ExitCode;
            }
        }
    }

    private static async Task<RunOutcome> HostAsync(GatewayConnectionLoop loop, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        // stdout carries only the JSON events of docs/configuration.md; framework diagnostics stay off it.
        builder.Logging.ClearProviders();
        builder.Configuration.AddEnvironmentVariables();
        builder.AddServiceDefaults();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = AgentTunnelSession.ShutdownWait + TimeSpan.FromSeconds(5));
        builder.Services.AddSystemd();
        builder.Services.AddWindowsService();
        var outcome = new RunOutcome();
        builder.Services.AddSingleton(loop);
        builder.Services.AddSingleton(outcome);
        builder.Services.AddHostedService<GatewayConnectionService>();
        using var host = builder.Build();
        await host.RunAsync(cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>The optional Prometheus endpoint (<c>AGENT_METRICS_ADDR</c>); null when off or when it cannot listen.</summary>
    private static OpenTelemetry.Metrics.MeterProvider? StartMetrics((string Host, int Port)? address, int poolSize, TextWriter stderr)
    {
        if (address is not { } listen)
        {
            return null;
        }

        try
        {
            return AgentMetricsListener.Start(listen, poolSize);
        }
        catch (Exception ex) when (ex is System.Net.HttpListenerException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            stderr.Write("agent init: " + AgentMetricsListener.Variable + " could not be opened\n");
            stderr.Flush();
            return null;
        }
    }

    private static async Task WriteLineAsync(TextWriter writer, string line)
    {
        await writer.WriteAsync(line + "\n").ConfigureAwait(false);
        await writer.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
