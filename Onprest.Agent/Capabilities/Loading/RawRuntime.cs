namespace Onprest.Agent.Capabilities.Loading;

/// <summary>The <c>runtime</c> section as written.</summary>
internal sealed record RawRuntime
{
    public int? MaxConcurrentRequests { get; init; }

    /// <summary><c>runtime.data_dir</c>: where the agent keeps its private files.</summary>
    public string? DataDir { get; init; }
}
