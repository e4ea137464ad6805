namespace Onprest.Agent.Capabilities.Loading;

/// <summary>The <c>service</c> section as written.</summary>
internal sealed record RawService
{
    public string? Title { get; init; }
    public string? Version { get; init; }
    public string? Description { get; init; }
}
