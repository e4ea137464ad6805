using Onprest.Agent.Capabilities;
using Onprest.Agent.Capabilities.Params;

namespace Onprest.Agent.Execution;

/// <summary>
/// The placeholder values bound for the start-up EXPLAIN (docs/capability-yaml.md): the default, else
/// the first enum member, else a sample valid for the string format, else a type dummy. The values come from the params
/// layer (<see cref="ParamValidator.PlaceholderValue"/>); this is the single place the start-up checks take them from.
/// </summary>
internal static class ExplainPlaceholders
{
    public static object? ValueFor(ParameterSpec parameter) => ParamValidator.PlaceholderValue(parameter);

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
