namespace Onprest.Agent.Capabilities.Loading;

/// <summary>A result column definition as written.</summary>
internal sealed record RawResultColumn(string Name, string? Type, string? Description);
