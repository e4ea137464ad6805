namespace Onprest.Agent.Capabilities;

/// <summary>A capability's effective policy: built-in defaults, then <c>defaults</c>, then <c>&lt;cap&gt;.policy</c> (docs/capability-yaml.md).</summary>
public sealed record EffectivePolicy
{
    public bool Readonly { get; init; } = true;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);
    public int MaxRows { get; init; } = 100;
    public long MaxBytes { get; init; } = 1024 * 1024;
    /// <summary>Null = unlimited.</summary>
    public long? MaxAffectedRows { get; init; }
    /// <summary>Null = no per-capability rate limit.</summary>
    public RateLimitPolicy? RateLimit { get; init; }
    public bool ExposeInOpenApi { get; init; } = true;
}

/// <summary>A linted <c>rate_limit</c>: <see cref="Requests"/> tokens per <see cref="PerNanoseconds"/>, capacity <see cref="Burst"/>.</summary>
public sealed record RateLimitPolicy(long Requests, long PerNanoseconds, long Burst);
