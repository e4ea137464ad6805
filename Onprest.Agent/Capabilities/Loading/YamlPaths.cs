using Onprest.Agent.Configuration;

namespace Onprest.Agent.Capabilities.Loading;

/// <summary>
/// Field paths in the node tree, for error messages: the dotted path of the node a decode error is at, and the node
/// a lint message's leading path names. Keys pass the key sanitizer, so a path never carries raw file text.
/// Aliases are not followed: a node is named where it is written.
/// </summary>
internal static class YamlPaths
{
    /// <summary>The dotted path of <paramref name="target"/> below <paramref name="root"/> (<c>capabilities.get_customer.policy.max_row</c>), or null.</summary>
    public static string? PathTo(YamlNode? root, YamlNode target)
    {
        if (root is null)
        {
            return null;
        }

        var segments = new List<string>();
        return Search(root, target, segments, 0) && segments.Count > 0 ? Join(segments) : null;
    }

    /// <summary>
    /// The node that a dotted path such as <c>get_customer.params.id.type</c> or <c>runtime.max_concurrent_requests</c>
    /// names (a capability path may omit the <c>capabilities.</c> prefix); the deepest node found when only a
    /// prefix exists; null when not even the first segment does.
    /// </summary>
    public static YamlNode? Find(YamlNode? root, string path)
    {
        if (root is not YamlMappingNode top || path.Length == 0)
        {
            return null;
        }

        var segments = Split(path);
        if (KeyNode(top, segments[0]) is null && Value(top, "capabilities") is YamlMappingNode capabilities)
        {
            return Walk(capabilities, segments);
        }

        return Walk(top, segments);
    }

    private static YamlNode? Walk(YamlMappingNode start, List<string> segments)
    {
        YamlNode? found = null;
        YamlNode current = start;
        foreach (var segment in segments)
        {
            var (name, index) = ParseSegment(segment);
            if (current is not YamlMappingNode mapping || KeyNode(mapping, name) is not { } key)
            {
                break;
            }

            found = key;
            current = Resolve(Value(mapping, name)!);
            if (index is { } i)
            {
                if (current is not YamlSequenceNode sequence || i >= sequence.Items.Count)
                {
                    break;
                }

                found = sequence.Items[i];
                current = Resolve(sequence.Items[i]);
            }
        }

        return found;
    }

    private static bool Search(YamlNode node, YamlNode target, List<string> segments, int depth)
    {
        if (ReferenceEquals(node, target))
        {
            return true;
        }

        if (depth > YamlLimits.MaxDepth)
        {
            return false;
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Entries)
                {
                    segments.Add(key is YamlScalarNode scalar ? KeySanitizer.Sanitize(scalar.Value) : "<invalid-key>");
                    if (ReferenceEquals(key, target) || Search(value, target, segments, depth + 1))
                    {
                        return true;
                    }

                    segments.RemoveAt(segments.Count - 1);
                }

                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    segments.Add("[" + i + "]");
                    if (Search(sequence.Items[i], target, segments, depth + 1))
                    {
                        return true;
                    }

                    segments.RemoveAt(segments.Count - 1);
                }

                break;
        }

        return false;
    }

    private static string Join(List<string> segments) =>
        string.Concat(segments.Select((s, i) => i == 0 || s.StartsWith('[') ? s : "." + s));

    private static List<string> Split(string path)
    {
        var end = path.IndexOfAny([' ', ':']);
        return (end < 0 ? path : path[..end]).Split('.', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private static (string Name, int? Index) ParseSegment(string segment)
    {
        var open = segment.IndexOf('[', StringComparison.Ordinal);
        return open > 0 && segment.EndsWith(']') && int.TryParse(segment[(open + 1)..^1], out var index)
            ? (segment[..open], index)
            : (segment, null);
    }

    private static YamlNode Resolve(YamlNode node) => node is YamlAliasNode { IsCyclic: false } alias ? alias.Target : node;

    private static YamlNode? KeyNode(YamlMappingNode mapping, string name) =>
        mapping.Entries.FirstOrDefault(e => e.Key is YamlScalarNode s && s.Value == name).Key;

    private static YamlNode? Value(YamlMappingNode mapping, string name) =>
        mapping.Entries.FirstOrDefault(e => e.Key is YamlScalarNode s && s.Value == name).Value;
}
