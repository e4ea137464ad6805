using Onprest.Agent.Capabilities;
using Onprest.Agent.Configuration;

namespace Onprest.Agent.Capabilities.Loading;

/// <summary>
/// Typed field reads of docs/capability-yaml.md. A YAML null means "absent" (null result); every other
/// mismatch is a decode-time error whose detail names the field (a fixed schema name), never the value.
/// </summary>
internal static class FieldReader
{
    /// <summary>The mapping a section or definition must be; null for a YAML null.</summary>
    public static YamlMappingNode? MappingOrNull(YamlNode value, string context)
    {
        var node = YamlMappings.Resolve(value, context);
        if (YamlScalars.IsNull(node))
        {
            return null;
        }

        return node is YamlMappingNode { Tag: null or YamlTags.Map } mapping
            ? mapping
            : throw new CapabilityDecodeException($"{context} must be a mapping") { Node = node, Fix = "write it as indented key: value lines" };
    }

    /// <summary>Any non-null scalar as written (<c>title: 123</c> is <c>"123"</c>).</summary>
    public static string? String(YamlNode value, string field)
    {
        var node = YamlMappings.Resolve(value, field);
        if (YamlScalars.IsNull(node))
        {
            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            throw new CapabilityDecodeException($"{field} must be a string") { Node = node };
        }

        _ = YamlScalars.Resolve(scalar);
        return scalar.Value;
    }

    /// <summary>An <c>int</c> field: integer scalars only (no floats, strings or booleans), within int32.</summary>
    public static int? Int32(YamlNode value, string field)
    {
        var number = Integer(value, field, "int32");
        if (number is null)
        {
            return null;
        }

        return number >= int.MinValue && number <= int.MaxValue
            ? (int)number.Value
            : throw new CapabilityDecodeException($"{field} must be an int32: value out of range") { Node = value };
    }

    /// <summary>An <c>int64</c> field: integer scalars only, within int64.</summary>
    public static long? Int64(YamlNode value, string field)
    {
        var number = Integer(value, field, "int64");
        if (number is null)
        {
            return null;
        }

        return number >= long.MinValue && number <= long.MaxValue
            ? (long)number.Value
            : throw new CapabilityDecodeException($"{field} must be an int64: value out of range") { Node = value };
    }

    /// <summary>A boolean field: YAML booleans plus the YAML 1.1 words (<c>yes</c>, <c>off</c>, …) when plain and untagged.</summary>
    public static bool? Boolean(YamlNode value, string field)
    {
        var node = YamlMappings.Resolve(value, field);
        if (YamlScalars.IsNull(node))
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            var kind = YamlScalars.Resolve(scalar);
            if (kind == ScalarKind.Boolean)
            {
                return YamlScalars.CoreBooleanValue(scalar.Value);
            }

            if (scalar is { Tag: null, IsPlain: true } && YamlScalars.CompatibilityBoolean(scalar.Value) is { } word)
            {
                return word;
            }
        }

        throw new CapabilityDecodeException($"{field} must be a boolean") { Node = node, Fix = "write true or false" };
    }

    /// <summary>An untyped value (default, enum member, example param) with its YAML type.</summary>
    public static ScalarValue Untyped(YamlNode value, string field)
    {
        var node = YamlMappings.Resolve(value, field);
        if (YamlScalars.IsNull(node))
        {
            return ScalarValue.Null;
        }

        if (node is not YamlScalarNode scalar)
        {
            return new ScalarValue(ScalarKind.Composite, "");
        }

        var kind = YamlScalars.Resolve(scalar);
        return kind == ScalarKind.Boolean
            ? new ScalarValue(kind, YamlScalars.CoreBooleanValue(scalar.Value) ? "true" : "false")
            : new ScalarValue(kind, scalar.Value);
    }

    /// <summary>
    /// The strict-key error: <c>field &lt;key&gt; not found in &lt;context&gt;</c>, at the key, with the closest
    /// allowed key of that mapping as the fix when one is near.
    /// </summary>
    public static CapabilityDecodeException Unknown(YamlNode keyNode, string key, string context) =>
        new($"field {KeySanitizer.Sanitize(key)} not found in {context}")
        {
            Node = keyNode,
            Fix = KnownKeys.Suggest(key, context) is { } near ? $"did you mean {near}?" : null,
        };

    private static Int128? Integer(YamlNode value, string field, string range)
    {
        var node = YamlMappings.Resolve(value, field);
        if (YamlScalars.IsNull(node))
        {
            return null;
        }

        if (node is YamlScalarNode scalar && YamlScalars.Resolve(scalar) == ScalarKind.Integer)
        {
            return YamlScalars.TryParseInteger(scalar.Value, out var parsed)
                ? parsed
                : throw new CapabilityDecodeException($"{field} must be an {range}: value out of range") { Node = node };
        }

        throw new CapabilityDecodeException($"{field} must be an integer") { Node = node, Fix = "write a whole number without quotes" };
    }
}
