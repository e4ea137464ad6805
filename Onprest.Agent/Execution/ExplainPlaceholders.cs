using Onprest.Agent.Capabilities;

namespace Onprest.Agent.Execution;

/// <summary>
/// The placeholder values bound for the start-up EXPLAIN (capability-yaml.md §10.5, decision D40): the default, else
/// the first enum member, else a sample valid for the string format, else a type dummy. This is the single place the
/// start-up checks take these values from.
/// </summary>
internal static class ExplainPlaceholders
{
    public static object? ValueFor(ParameterSpec parameter)
    {
        if (parameter.HasDefault)
        {
            return parameter.Default;
        }

        if (parameter.Enum is { Count: > 0 } members)
        {
            return members[0];
        }

        return parameter.Type switch
        {
            ParamType.String => parameter.Format switch
            {
                StringFormat.Uuid => "00000000-0000-4000-8000-000000000000",
                StringFormat.Date => "2000-01-01",
                StringFormat.DateTime => "2000-01-01T00:00:00Z",
                StringFormat.Email => "user@example.com",
                StringFormat.Uri => "https://example.com/",
                _ => "x",
            },
            ParamType.Integer => 1L,
            ParamType.Number => 1.0,
            _ => true,
        };
    }

    /// <summary>One value per placeholder occurrence; <paramref name="missing"/> names the first undeclared placeholder.</summary>
    public static object?[] ValuesFor(Capability capability, out string? missing)
    {
        missing = null;
        var names = capability.Prepared.ParameterNames;
        var values = new object?[names.Count];
        for (var index = 0; index < names.Count; index++)
        {
            var parameter = capability.Parameters.FirstOrDefault(p => string.Equals(p.Name, names[index], StringComparison.Ordinal));
            if (parameter is null)
            {
                missing = names[index];
                return [];
            }

            values[index] = ValueFor(parameter);
        }

        return values;
    }
}
