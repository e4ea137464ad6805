namespace Onprest.Agent.Tunnel;

/// <summary>The agent's constants of tunnel.md §14; only tests shorten them.</summary>
internal sealed record AgentTunnelTimings
{
    public static readonly AgentTunnelTimings Default = new();

    public TimeSpan ChallengeTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan SilenceLimit { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan WriteDeadline { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan CloseGrace { get; init; } = TimeSpan.FromMilliseconds(250);
}
