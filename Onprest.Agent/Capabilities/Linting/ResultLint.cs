using Onprest.Agent.Capabilities.Loading;
using Onprest.Agent.Configuration;

namespace Onprest.Agent.Capabilities.Linting;

/// <summary>Result column types (docs/capability-yaml.md), in the order written.</summary>
internal static class ResultLint
{
    public static IReadOnlyList<ResultColumn>? Check(string capability, IReadOnlyList<RawResultColumn>? columns)
    {
        if (columns is null)
        {
            return null;
        }

        var result = new List<ResultColumn>(columns.Count);
        foreach (var column in columns)
        {
            var type = ParamTypes.TryParse(column.Type)
                ?? throw new ConfigurationLintException($"{capability}.result.{KeySanitizer.Sanitize(column.Name)}.type is invalid");
            result.Add(new ResultColumn(column.Name, type, column.Description ?? ""));
        }

        return result;
    }
}
