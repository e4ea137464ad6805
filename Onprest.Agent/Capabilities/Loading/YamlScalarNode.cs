using YamlDotNet.Core;

namespace Onprest.Agent.Capabilities.Loading;

/// <summary>A scalar as written: its text and whether it was plain (unquoted, not a block scalar).</summary>
internal sealed class YamlScalarNode : YamlNode
{
    public YamlScalarNode(string value, ScalarStyle style, string? tag, int line)
        : base(tag, line)
    {
        Value = value;
        IsPlain = style is ScalarStyle.Plain or ScalarStyle.Any;
        IsComplete = true;
    }

    public string Value { get; }

    public bool IsPlain { get; }
}
