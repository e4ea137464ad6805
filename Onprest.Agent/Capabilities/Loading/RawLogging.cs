namespace Onprest.Agent.Capabilities.Loading;

/// <summary>The <c>logging</c> section as written.</summary>
internal sealed record RawLogging
{
    public string? MaxSize { get; init; }
    public int? MaxFiles { get; init; }
}
