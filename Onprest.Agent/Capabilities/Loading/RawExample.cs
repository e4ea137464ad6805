namespace Onprest.Agent.Capabilities.Loading;

/// <summary>An example as written; <see cref="Params"/> null = the item has no <c>params</c> key.</summary>
internal sealed record RawExample(IReadOnlyList<KeyValuePair<string, ScalarValue>>? Params);
