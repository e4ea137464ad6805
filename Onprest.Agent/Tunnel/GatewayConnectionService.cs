using Microsoft.Extensions.Hosting;

namespace Onprest.Agent.Tunnel;

/// <summary>
/// The agent's one long-running loop as a hosted worker. A fatal stop (unusable key) records the exit status and
/// stops the host; a stop request (SIGINT, SIGTERM, service stop) cancels the loop, which shuts the session down.
/// </summary>
internal sealed class GatewayConnectionService : BackgroundService
{
    private readonly GatewayConnectionLoop _loop;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly RunOutcome _outcome;

    public GatewayConnectionService(GatewayConnectionLoop loop, IHostApplicationLifetime lifetime, RunOutcome outcome)
    {
        _loop = loop;
        _lifetime = lifetime;
        _outcome = outcome;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            _outcome.ExitCode = await _loop.RunAsync(stoppingToken).ConfigureAwait(false);
            _outcome.FatalReason = _loop.FatalReason;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Never a silent exit 0: a stop nobody asked for exits non-zero, so the service manager restarts the agent.
            _outcome.ExitCode = 1;
            _outcome.FatalReason = "unexpected error: " + ex.GetType().Name;
        }

        if (!stoppingToken.IsCancellationRequested)
        {
            _lifetime.StopApplication();
        }
    }
}

/// <summary>What the run loop reports back to the process.</summary>
internal sealed class RunOutcome
{
    public int ExitCode { get; set; }

    public string? FatalReason { get; set; }
}
