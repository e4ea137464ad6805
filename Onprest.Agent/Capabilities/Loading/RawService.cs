namespace Onprest.Agent.Capabilities.Loading;

/// <summary>The <c>service</c> section as written (§5.1).</summary>
internal sealed record RawService
{
    public string? Title { get; init; }
    public string? Version { get; init; }
    public string? Description { get; init; }
}
