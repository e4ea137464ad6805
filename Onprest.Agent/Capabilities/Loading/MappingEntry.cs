namespace Onprest.Agent.Capabilities.Loading;

/// <summary>One effective key of a mapping after merge keys are applied; <see cref="Key"/> is the raw key text.</summary>
internal readonly record struct MappingEntry(string Key, YamlNode Value);
