using Onprest.Agent.Capabilities.Loading;
using Onprest.Agent.Capabilities.Params;
using Onprest.Agent.Configuration;

namespace Onprest.Agent.Capabilities.Linting;

/// <summary>
/// Parameter definition lint of docs/capability-yaml.md, rules 1–12 in order. Pattern compilation, YAML value
/// conversion and constraint checks are the params layer's (docs/agent-params.md), so lint and call
/// time agree by construction.
/// </summary>
internal static class ParameterLint
{
    public static ParameterSpec Check(string capability, RawParameter raw)
    {
        var path = $"{capability}.params.{KeySanitizer.Sanitize(raw.Name)}";
        var type = ParamTypes.TryParse(raw.Type) ?? throw Fail($"{path}.type is invalid");
        var numeric = type is ParamType.Integer or ParamType.Number;
        if ((raw.Minimum is not null || raw.Maximum is not null) && !numeric)
        {
            throw Fail($"{path} minimum/maximum are supported only for integer and number");
        }

        if (raw.Minimum > raw.Maximum)
        {
            throw Fail($"{path}.minimum must be <= maximum");
        }

        if ((raw.MinLength is not null || raw.MaxLength is not null || raw.Pattern is not null || raw.Format is not null)
            && type != ParamType.String)
        {
            throw Fail($"{path} string constraints are supported only for string");
        }

        System.Text.RegularExpressions.Regex? pattern = null;
        if (!string.IsNullOrEmpty(raw.Pattern) && !PatternCompiler.TryCompile(raw.Pattern, out pattern))
        {
            throw Fail($"{path}.pattern is invalid");
        }

        var format = raw.Format switch
        {
            null or "" => StringFormat.None,
            "email" => StringFormat.Email,
            "uuid" => StringFormat.Uuid,
            "date" => StringFormat.Date,
            "date-time" => StringFormat.DateTime,
            "uri" => StringFormat.Uri,
            _ => throw Fail($"{path}.format is invalid"),
        };

        if (raw.MinLength < 0)
        {
            throw Fail($"{path}.minLength must be >= 0");
        }

        if (raw.MaxLength < 0)
        {
            throw Fail($"{path}.maxLength must be >= 0");
        }

        if (raw.MinLength > raw.MaxLength)
        {
            throw Fail($"{path}.minLength must be <= maxLength");
        }

        var spec = new ParameterSpec
        {
            Name = raw.Name,
            Type = type,
            Required = raw.Required ?? false,
            Minimum = raw.Minimum,
            Maximum = raw.Maximum,
            MinLength = raw.MinLength,
            MaxLength = raw.MaxLength,
            PatternText = string.IsNullOrEmpty(raw.Pattern) ? null : raw.Pattern,
            Pattern = pattern,
            Format = format,
            Description = raw.Description ?? "",
        };

        spec = spec with { Enum = CheckEnum(path, spec, raw.Enum) };
        return CheckDefault(path, spec, raw.Default);
    }

    private static List<object>? CheckEnum(string path, ParameterSpec spec, IReadOnlyList<ScalarValue>? members)
    {
        if (members is null)
        {
            return null;
        }

        var converted = new List<object>(members.Count);
        for (var i = 0; i < members.Count; i++)
        {
            if (!ParamValues.TryConvertYaml(spec.Type, members[i], out var value, out var reason))
            {
                throw Fail($"{path}.enum[{i}] is invalid: {reason}");
            }

            if (ParamValues.CheckConstraints(spec, value!, checkEnum: false) is { } failed)
            {
                throw Fail($"{path}.enum[{i}] is invalid: {failed}");
            }

            converted.Add(value!);
        }

        return converted;
    }

    private static ParameterSpec CheckDefault(string path, ParameterSpec spec, ScalarValue? written)
    {
        if (written is null)
        {
            return spec;
        }

        // Rule 11: an explicit null default (also via a merge) is present and fails the type.
        if (written.Kind == ScalarKind.Null)
        {
            throw Fail($"{path}.default is invalid: must be {ParamTypes.Name(spec.Type)}");
        }

        if (!ParamValues.TryConvertYaml(spec.Type, written, out var value, out var reason))
        {
            throw Fail($"{path}.default is invalid: {reason}");
        }

        if (ParamValues.CheckConstraints(spec, value!, checkEnum: true) is { } failed)
        {
            throw Fail($"{path}.default is invalid: {failed}");
        }

        return spec with { HasDefault = true, Default = value };
    }

    private static ConfigurationLintException Fail(string message) => new(message);
}
