namespace Onprest.Agent.Capabilities.Loading;

/// <summary>A sequence with its items in the order written.</summary>
internal sealed class YamlSequenceNode : YamlNode
{
    public YamlSequenceNode(string? tag, int line)
        : base(tag, line)
    {
    }

    public List<YamlNode> Items { get; } = [];
}
