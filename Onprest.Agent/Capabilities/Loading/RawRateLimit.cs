namespace Onprest.Agent.Capabilities.Loading;

/// <summary>A <c>rate_limit</c> mapping as written.</summary>
internal sealed record RawRateLimit
{
    public long? Requests { get; init; }
    public string? Per { get; init; }
    public long? Burst { get; init; }
}
