namespace Onprest.Agent.Capabilities;

/// <summary>One allowed result column (capability-yaml.md §8.3), matched case-sensitively.</summary>
public sealed record ResultColumn(string Name, ParamType Type, string Description);
