namespace Onprest.Agent.Capabilities.Loading;

/// <summary>The <c>database.tls</c> section as written.</summary>
internal sealed record RawTls
{
    public string? Mode { get; init; }
    public string? CaFile { get; init; }
    public string? CertFile { get; init; }
    public string? KeyFile { get; init; }
    public string? ServerName { get; init; }
}
