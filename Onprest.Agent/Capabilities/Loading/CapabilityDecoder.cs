namespace Onprest.Agent.Capabilities.Loading;

/// <summary>Decodes the <c>capabilities</c> mapping: capability, parameter and result column definitions.</summary>
internal static class CapabilityDecoder
{
    private const string Context = "capability definition";
    private const string ParameterContext = "parameter definition";
    private const string ColumnContext = "result column definition";

    public static IReadOnlyList<RawCapability> DecodeAll(YamlNode node)
    {
        var capabilities = new List<RawCapability>();
        foreach (var (name, value) in CapabilityYamlDecoder.Entries(node, "capabilities definition"))
        {
            capabilities.Add(Decode(name, value));
        }

        return capabilities;
    }

    private static RawCapability Decode(string name, YamlNode node)
    {
        // a capability value must be a mapping; null included.
        var resolved = YamlMappings.Resolve(node, Context);
        if (resolved is not YamlMappingNode { Tag: null or YamlTags.Map } mapping || YamlScalars.IsNull(resolved))
        {
            throw new CapabilityDecodeException("cannot unmarshal capability: must be an object") { Node = node, Fix = "give the capability indented fields such as sql: and params:" };
        }

        var capability = new RawCapability { Name = name };
        foreach (var (key, value, keyNode) in YamlMappings.Entries(mapping, Context))
        {
            capability = key switch
            {
                "description" => capability with { Description = FieldReader.String(value, "capability.description") },
                "sql" => capability with { Sql = FieldReader.String(value, "capability.sql") },
                "params" => capability with { Params = DecodeParameters(value) },
                "policy" => capability with { Policy = PolicyDecoder.Decode(value) ?? new RawPolicy() },
                "result" => capability with { Result = DecodeResult(value) },
                "annotations" => capability with { Annotations = AnnotationsDecoder.Decode(value) },
                "examples" => capability with { Examples = ExamplesDecoder.Decode(value) },
                _ => throw FieldReader.Unknown(keyNode, key, Context),
            };
        }

        return capability;
    }

    private static List<RawParameter> DecodeParameters(YamlNode node)
    {
        var parameters = new List<RawParameter>();
        foreach (var (name, value) in CapabilityYamlDecoder.Entries(node, "capability params"))
        {
            parameters.Add(DecodeParameter(name, value));
        }

        return parameters;
    }

    // a null parameter definition is an empty mapping (it then fails the type lint).
    private static RawParameter DecodeParameter(string name, YamlNode node)
    {
        var parameter = new RawParameter { Name = name };
        foreach (var (key, value, keyNode) in CapabilityYamlDecoder.Entries(node, ParameterContext))
        {
            parameter = key switch
            {
                "type" => parameter with { Type = FieldReader.String(value, "param.type") },
                "required" => parameter with { Required = FieldReader.Boolean(value, "param.required") },
                "default" => parameter with { Default = FieldReader.Untyped(value, "param.default") },
                "enum" => parameter with { Enum = DecodeEnum(value) },
                "minimum" => parameter with { Minimum = FieldReader.Int64(value, "param.minimum") },
                "maximum" => parameter with { Maximum = FieldReader.Int64(value, "param.maximum") },
                "minLength" => parameter with { MinLength = FieldReader.Int32(value, "param.minLength") },
                "maxLength" => parameter with { MaxLength = FieldReader.Int32(value, "param.maxLength") },
                "pattern" => parameter with { Pattern = FieldReader.String(value, "param.pattern") },
                "format" => parameter with { Format = FieldReader.String(value, "param.format") },
                "description" => parameter with { Description = FieldReader.String(value, "param.description") },
                _ => throw FieldReader.Unknown(keyNode, key, ParameterContext),
            };
        }

        return parameter;
    }

    private static List<ScalarValue>? DecodeEnum(YamlNode node)
    {
        var resolved = YamlMappings.Resolve(node, "param.enum");
        if (YamlScalars.IsNull(resolved))
        {
            return null;
        }

        if (resolved is not YamlSequenceNode { Tag: null or YamlTags.Seq } sequence)
        {
            throw new CapabilityDecodeException("param.enum must be a sequence") { Node = node, Fix = "write the allowed values as a list, e.g. [a, b]" };
        }

        var members = new List<ScalarValue>(sequence.Items.Count);
        foreach (var item in sequence.Items)
        {
            members.Add(FieldReader.Untyped(item, "param.enum"));
        }

        return members;
    }

    private static List<RawResultColumn>? DecodeResult(YamlNode node)
    {
        var mapping = FieldReader.MappingOrNull(node, "capability result");
        if (mapping is null)
        {
            return null;
        }

        var columns = new List<RawResultColumn>();
        foreach (var (name, value) in YamlMappings.Entries(mapping, "capability result"))
        {
            string? type = null;
            string? description = null;
            foreach (var (key, field, keyNode) in CapabilityYamlDecoder.Entries(value, ColumnContext))
            {
                switch (key)
                {
                    case "type":
                        type = FieldReader.String(field, "result.type");
                        break;
                    case "description":
                        description = FieldReader.String(field, "result.description");
                        break;
                    default:
                        throw FieldReader.Unknown(keyNode, key, ColumnContext);
                }
            }

            columns.Add(new RawResultColumn(name, type, description));
        }

        return columns;
    }
}
