namespace Onprest.Agent.Capabilities.Loading;

/// <summary>
/// A decode-time configuration error (docs/capability-yaml.md). <see cref="Exception.Message"/> is the detail
/// (without the <c>parse capability.yaml: </c> prefix): it names keys and schema fields, never a value, so it may be
/// shown to the operator together with where the problem is.
/// </summary>
internal sealed class CapabilityDecodeException : Exception
{
    public CapabilityDecodeException(string detail)
        : base(detail)
    {
    }

    public CapabilityDecodeException()
    {
    }

    public CapabilityDecodeException(string detail, Exception innerException)
        : base(detail, innerException)
    {
    }

    /// <summary>The node the problem is at (its position and field path are looked up from it), when known.</summary>
    public YamlNode? Node { get; init; }

    /// <summary>1-based position when there is no node (a syntax error).</summary>
    public int? Line { get; init; }

    public int? Column { get; init; }

    /// <summary>What the operator can change, when there is one obvious fix.</summary>
    public string? Fix { get; init; }
}
