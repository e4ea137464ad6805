namespace Onprest.Agent.Capabilities.Loading;

/// <summary>
/// An alias: a reference to an anchored node. <see cref="IsCyclic"/> is true when the alias appeared inside the
/// node it names; decoding such an alias is always an error (e.g. a merge that includes itself).
/// </summary>
internal sealed class YamlAliasNode : YamlNode
{
    public YamlAliasNode(YamlNode target, int line)
        : base(null, line)
    {
        Target = target;
        IsCyclic = !target.IsComplete;
        ExpandedSize = IsCyclic ? 1 : target.ExpandedSize;
        Height = IsCyclic ? 0 : target.Height;
        IsComplete = true;
    }

    public YamlNode Target { get; }

    public bool IsCyclic { get; }
}
