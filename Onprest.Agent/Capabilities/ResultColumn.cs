namespace Onprest.Agent.Capabilities;

/// <summary>One allowed result column (docs/capability-yaml.md), matched case-sensitively.</summary>
public sealed record ResultColumn(string Name, ParamType Type, string Description);
