namespace Onprest.Agent.Capabilities.Loading;

/// <summary>Decodes <c>examples</c> with the decode-time texts of its table.</summary>
internal static class ExamplesDecoder
{
    private const string Context = "capability example definition";

    public static IReadOnlyList<RawExample> Decode(YamlNode node)
    {
        var resolved = YamlMappings.Resolve(node, "capability.examples");
        if (YamlScalars.IsNull(resolved))
        {
            throw new CapabilityDecodeException("cannot unmarshal capability.examples: value must be omitted or an object/list") { Node = node };
        }

        if (resolved is not YamlSequenceNode { Tag: null or YamlTags.Seq } sequence)
        {
            throw new CapabilityDecodeException("cannot unmarshal capability.examples: value must be a list") { Node = node };
        }

        var examples = new List<RawExample>(sequence.Items.Count);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            examples.Add(DecodeItem(sequence.Items[i], i));
        }

        return examples;
    }

    private static RawExample DecodeItem(YamlNode node, int index)
    {
        var resolved = YamlMappings.Resolve(node, Context);
        if (YamlScalars.IsNull(resolved) || resolved is not YamlMappingNode { Tag: null or YamlTags.Map } mapping)
        {
            throw new CapabilityDecodeException($"cannot unmarshal capability.examples[{index}]: item must be an object") { Node = node };
        }

        List<KeyValuePair<string, ScalarValue>>? parameters = null;
        foreach (var (key, value, keyNode) in YamlMappings.Entries(mapping, Context))
        {
            if (key != "params")
            {
                throw FieldReader.Unknown(keyNode, key, Context);
            }

            parameters = DecodeParams(value);
        }

        return new RawExample(parameters);
    }

    private static List<KeyValuePair<string, ScalarValue>> DecodeParams(YamlNode node)
    {
        var resolved = YamlMappings.Resolve(node, "capability example.params");
        if (YamlScalars.IsNull(resolved) || resolved is not YamlMappingNode { Tag: null or YamlTags.Map } mapping)
        {
            throw new CapabilityDecodeException("cannot unmarshal capability example.params: value must be an object") { Node = node };
        }

        var parameters = new List<KeyValuePair<string, ScalarValue>>();
        foreach (var (name, value) in YamlMappings.Entries(mapping, "capability example.params"))
        {
            parameters.Add(new KeyValuePair<string, ScalarValue>(name, FieldReader.Untyped(value, "capability example.params")));
        }

        return parameters;
    }
}
