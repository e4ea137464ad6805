namespace Onprest.Agent.Capabilities.Params;

/// <summary>
/// The outcome of validating a call's params (docs/agent-params.md). <see cref="Values"/> holds the typed
/// values to bind, defaults included, keyed by parameter name (empty when <see cref="Error"/> is set);
/// <see cref="Error"/> is the full public <c>AGENT_VALIDATION_FAILED</c> message.
/// </summary>
public sealed record ParamValidationResult(IReadOnlyDictionary<string, object> Values, string? Error)
{
    public bool IsValid => Error is null;

    internal static ParamValidationResult Failed(string error) =>
        new(new Dictionary<string, object>(StringComparer.Ordinal), error);
}
