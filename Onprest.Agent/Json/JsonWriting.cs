using System.Text.Json;

namespace Onprest.Agent.Json;

/// <summary>The writer options every agent-produced JSON document uses: compact, minimal escaping, no validation cost.</summary>
internal static class JsonWriting
{
    public static readonly JsonWriterOptions Compact = new()
    {
        Encoder = MinimalJsonEncoder.Instance,
        Indented = false,
        SkipValidation = false,
    };
}
