namespace Onprest.Agent.Capabilities.Loading;

/// <summary><c>defaults</c> or <c>&lt;cap&gt;.policy</c> as written; null fields are not set.</summary>
internal sealed record RawPolicy
{
    public bool? Readonly { get; init; }
    public string? Timeout { get; init; }
    public int? MaxRows { get; init; }
    public string? MaxBytes { get; init; }
    public long? MaxAffectedRows { get; init; }
    /// <summary>Replaces any inherited rate limit as a whole.</summary>
    public RawRateLimit? RateLimit { get; init; }
    public bool? ExposeInOpenApi { get; init; }
}
