using Onprest.Contracts.Tunnel;

namespace Onprest.Agent.Tunnel;

/// <summary>
/// How long the agent waits before dialling the gateway again: the first wait is
/// <see cref="TunnelTimings.FirstReconnectDelay"/>, each failed attempt doubles it up to
/// <see cref="TunnelTimings.MaxReconnectDelay"/>, and a healthy session starts the sequence over. Each wait is
/// shortened by a random share of up to <see cref="Jitter"/>, so agents cut off together do not dial back together.
/// </summary>
internal sealed class ReconnectBackoff
{
    /// <summary>The largest share of a wait that jitter may remove.</summary>
    public const double Jitter = 0.2;

    private readonly TunnelTimings _timings;
    private readonly Func<double> _random;
    private TimeSpan _next;

    /// <param name="random">A value in [0, 1) per wait; tests pass a fixed one.</param>
    public ReconnectBackoff(TunnelTimings timings, Func<double>? random = null)
    {
        _timings = timings;
        _random = random ?? Random.Shared.NextDouble;
        _next = timings.FirstReconnectDelay;
    }

    /// <summary>The wait before the next attempt; the one after it is twice as long (capped).</summary>
    public TimeSpan Next()
    {
        var delay = _next;
        var doubled = delay * 2;
        _next = doubled > _timings.MaxReconnectDelay ? _timings.MaxReconnectDelay : doubled;
        return delay * (1 - (Jitter * _random()));
    }

    /// <summary>After a healthy session the next wait is the first one again.</summary>
    public void Reset() => _next = _timings.FirstReconnectDelay;

    /// <summary>
    /// A session was healthy when it answered at least one frame (the gateway's calls reached the database side
    /// and back) or stayed connected for <see cref="TunnelTimings.HealthySession"/>.
    /// </summary>
    public bool IsHealthy(TimeSpan connected, bool answered) => answered || connected >= _timings.HealthySession;
}
