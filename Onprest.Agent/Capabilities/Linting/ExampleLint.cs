using Onprest.Agent.Capabilities.Loading;
using Onprest.Agent.Capabilities.Params;

namespace Onprest.Agent.Capabilities.Linting;

/// <summary>
/// Examples (docs/capability-yaml.md): each must validate exactly like a call (docs/agent-params.md).
/// The published values are the converted values of the keys written in the example (defaults not added).
/// </summary>
internal static class ExampleLint
{
    public static IReadOnlyList<IReadOnlyDictionary<string, object?>>? Check(
        string capability, IReadOnlyList<ParameterSpec> parameters, IReadOnlyList<RawExample>? examples)
    {
        if (examples is null)
        {
            return null;
        }

        var result = new List<IReadOnlyDictionary<string, object?>>(examples.Count);
        for (var i = 0; i < examples.Count; i++)
        {
            var written = examples[i].Params
                ?? throw new ConfigurationLintException($"{capability}.examples[{i}].params must be an object");
            var validation = ParamValidator.ValidateYaml(parameters, written);
            if (validation.Error is { } error)
            {
                throw new ConfigurationLintException($"{capability}.examples[{i}].params: {error}");
            }

            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (name, _) in written)
            {
                values[name] = validation.Values.TryGetValue(name, out var value) ? value : null;
            }

            result.Add(values);
        }

        return result;
    }
}
