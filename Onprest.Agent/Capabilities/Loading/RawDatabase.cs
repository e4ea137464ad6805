namespace Onprest.Agent.Capabilities.Loading;

/// <summary>The <c>database</c> section as written.</summary>
internal sealed record RawDatabase
{
    public string? Driver { get; init; }
    public string? Host { get; init; }
    public int? Port { get; init; }
    public string? Name { get; init; }
    public string? User { get; init; }
    public string? Password { get; init; }
    public string? Path { get; init; }
    public string? Mode { get; init; }
    public RawTls Tls { get; init; } = new();
}
