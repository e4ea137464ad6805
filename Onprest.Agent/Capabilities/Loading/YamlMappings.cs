namespace Onprest.Agent.Capabilities.Loading;

/// <summary>
/// Alias resolution and merge keys (docs/capability-yaml.md): a plain <c>&lt;&lt;</c> key merges one mapping or a
/// sequence of mappings; earlier sources win over later ones and keys written directly win over merged keys.
/// The effective keys keep the written order, merged keys appearing where the <c>&lt;&lt;</c> key is written.
/// </summary>
internal static class YamlMappings
{
    /// <summary>The node an alias names (or the node itself).</summary>
    /// <exception cref="CapabilityDecodeException">The alias is inside the node it names.</exception>
    public static YamlNode Resolve(YamlNode node, string context) => node switch
    {
        YamlAliasNode { IsCyclic: true } => throw new CapabilityDecodeException($"{context} contains a cyclic YAML alias") { Node = node },
        YamlAliasNode alias => alias.Target,
        _ => node,
    };

    /// <summary>The effective entries of <paramref name="mapping"/>; <paramref name="context"/> names it in errors.</summary>
    public static List<MappingEntry> Entries(YamlMappingNode mapping, string context)
    {
        var direct = new HashSet<string>(StringComparer.Ordinal);
        var mergeCount = 0;
        foreach (var (keyNode, _) in mapping.Entries)
        {
            if (IsMergeKey(keyNode))
            {
                mergeCount++;
                continue;
            }

            if (!direct.Add(KeyText(keyNode, context)))
            {
                throw new CapabilityDecodeException($"{context} contains a duplicate key at line {keyNode.Line}") { Node = keyNode, Fix = "remove one of the two entries" };
            }
        }

        if (mergeCount > 1)
        {
            throw new CapabilityDecodeException($"{context} contains more than one merge key");
        }

        var result = new List<MappingEntry>(mapping.Entries.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Entries)
        {
            if (!IsMergeKey(keyNode))
            {
                var key = KeyText(keyNode, context);
                seen.Add(key);
                result.Add(new MappingEntry(key, value, keyNode));
                continue;
            }

            foreach (var source in MergeSources(value, context))
            {
                foreach (var merged in Entries(source, context))
                {
                    if (!direct.Contains(merged.Key) && seen.Add(merged.Key))
                    {
                        result.Add(merged);
                    }
                }
            }
        }

        return result;
    }

    // only an unquoted "<<" that is untagged or tagged !!merge; a quoted "<<" is an ordinary key.
    private static bool IsMergeKey(YamlNode keyNode) =>
        keyNode is YamlScalarNode { Value: "<<", IsPlain: true } scalar && scalar.Tag is null or YamlTags.Merge;

    private static string KeyText(YamlNode keyNode, string context) => Resolve(keyNode, context) switch
    {
        YamlScalarNode scalar => scalar.Value,
        _ => throw new CapabilityDecodeException($"{context} has a key that is not a scalar at line {keyNode.Line}") { Node = keyNode },
    };

    private static IEnumerable<YamlMappingNode> MergeSources(YamlNode value, string context)
    {
        switch (ResolveMerge(value, context))
        {
            case YamlMappingNode single:
                yield return single;
                break;
            case YamlSequenceNode list:
                foreach (var item in list.Items)
                {
                    yield return ResolveMerge(item, context) as YamlMappingNode ?? throw NotMergeable(context);
                }

                break;
            default:
                throw NotMergeable(context);
        }
    }

    private static YamlNode ResolveMerge(YamlNode node, string context) => node switch
    {
        YamlAliasNode { IsCyclic: true } => throw new CapabilityDecodeException($"{context} contains a cyclic YAML merge") { Node = node },
        YamlAliasNode alias => alias.Target,
        _ => node,
    };

    private static CapabilityDecodeException NotMergeable(string context) =>
        new($"{context} merge key requires a mapping or a sequence of mappings");
}
