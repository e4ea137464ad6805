namespace Onprest.Agent.Capabilities.Loading;

/// <summary>
/// A node of the bounded YAML tree read from capability.yaml. Aliases are kept as references to the anchored
/// node (never copied), so an alias bomb costs memory proportional to the file, not to its expansion.
/// </summary>
internal abstract class YamlNode
{
    protected YamlNode(string? tag, int line)
    {
        Tag = tag;
        Line = line;
    }

    /// <summary>The resolved tag (e.g. <c>tag:yaml.org,2002:int</c>, or <c>!</c>), null when untagged.</summary>
    public string? Tag { get; }

    /// <summary>1-based line of the node's start.</summary>
    public int Line { get; }

    /// <summary>1-based column of the node's start (0 when unknown).</summary>
    public int Column { get; init; }

    /// <summary>Nodes reached when this node is decoded, each alias counted by its target's size.</summary>
    public long ExpandedSize { get; set; } = 1;

    /// <summary>Collection nesting below and including this node (0 for scalars), aliases expanded.</summary>
    public int Height { get; set; }

    /// <summary>False while a collection's content is still being read (an alias to it is cyclic).</summary>
    public bool IsComplete { get; set; }
}
