namespace Onprest.Agent.Capabilities.Loading;

/// <summary>A mapping with its entries in the order written (duplicates and merges are resolved when decoding).</summary>
internal sealed class YamlMappingNode : YamlNode
{
    public YamlMappingNode(string? tag, int line)
        : base(tag, line)
    {
    }

    public List<KeyValuePair<YamlNode, YamlNode>> Entries { get; } = [];
}
