namespace Onprest.Agent.Capabilities.Loading;

/// <summary>The hard limits of docs/capability-yaml.md.</summary>
internal static class YamlLimits
{
    public const int MaxFileBytes = 1024 * 1024;
    public const int MaxDepth = 64;
    public const long MaxNodes = 100_000;
}
