namespace Onprest.Agent.Capabilities.Loading;

/// <summary>Decodes <c>annotations</c>: stricter than other booleans, null is not "absent".</summary>
internal static class AnnotationsDecoder
{
    private const string Context = "capability annotations";

    public static CapabilityAnnotations Decode(YamlNode node)
    {
        var resolved = YamlMappings.Resolve(node, Context);
        if (YamlScalars.IsNull(resolved))
        {
            throw new CapabilityDecodeException("cannot unmarshal capability.annotations: value must be omitted or an object/list") { Node = node };
        }

        if (resolved is not YamlMappingNode { Tag: null or YamlTags.Map } mapping)
        {
            throw new CapabilityDecodeException("cannot unmarshal annotations: must be an object") { Node = node };
        }

        var annotations = new CapabilityAnnotations();
        foreach (var (key, value, keyNode) in YamlMappings.Entries(mapping, Context))
        {
            annotations = key switch
            {
                "read_only" => annotations with { ReadOnly = Flag(key, value) },
                "destructive" => annotations with { Destructive = Flag(key, value) },
                "idempotent" => annotations with { Idempotent = Flag(key, value) },
                "open_world" => annotations with { OpenWorld = Flag(key, value) },
                _ => throw FieldReader.Unknown(keyNode, key, Context),
            };
        }

        return annotations;
    }

    // Only a real YAML boolean (three spellings each); no YAML 1.1 words, no null, no numbers.
    private static bool Flag(string key, YamlNode value)
    {
        var resolved = YamlMappings.Resolve(value, Context);
        if (resolved is YamlScalarNode scalar
            && !YamlScalars.IsNull(scalar)
            && YamlScalars.Resolve(scalar) == ScalarKind.Boolean)
        {
            return YamlScalars.CoreBooleanValue(scalar.Value);
        }

        throw new CapabilityDecodeException($"cannot unmarshal annotations.{key}: value must be boolean") { Node = value, Fix = "write true or false" };
    }
}
