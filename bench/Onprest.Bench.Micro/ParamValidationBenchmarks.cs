using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Capabilities.Params;

namespace Onprest.Bench.Micro;

/// <summary>Call-time validation of a typical params object (an id, a bounded string with a format, an enum).</summary>
[MemoryDiagnoser]
public class ParamValidationBenchmarks
{
    private readonly IReadOnlyList<ParameterSpec> _specs =
    [
        new ParameterSpec { Name = "customer_id", Type = ParamType.Integer, Required = true, Minimum = 1 },
        new ParameterSpec { Name = "email", Type = ParamType.String, Required = true, MaxLength = 254, Format = StringFormat.Email },
        new ParameterSpec { Name = "status", Type = ParamType.String, Enum = ["active", "closed"], HasDefault = true, Default = "active" },
    ];

    private JsonElement _params;

    [GlobalSetup]
    public void Setup() =>
        _params = JsonDocument.Parse("""{"customer_id":42,"email":"ada@example.com","status":"closed"}""").RootElement;

    [Benchmark]
    public ParamValidationResult Validate() => ParamValidator.Validate(_specs, _params);
}
