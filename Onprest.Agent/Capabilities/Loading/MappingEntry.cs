namespace Onprest.Agent.Capabilities.Loading;

/// <summary>
/// One effective key of a mapping after merge keys are applied; <see cref="Key"/> is the raw key text and
/// <see cref="KeyNode"/> where it is written (for error positions).
/// </summary>
internal readonly record struct MappingEntry(string Key, YamlNode Value, YamlNode KeyNode)
{
    public void Deconstruct(out string key, out YamlNode value)
    {
        key = Key;
        value = Value;
    }
}
