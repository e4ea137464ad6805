namespace Onprest.Agent.Capabilities.Loading;

/// <summary>A result column definition as written (§8.3).</summary>
internal sealed record RawResultColumn(string Name, string? Type, string? Description);
