namespace Onprest.Agent.Capabilities.Loading;

/// <summary>
/// A decode-time configuration error (capability-yaml.md §3). <see cref="Exception.Message"/> is the internal
/// detail (without the <c>parse capability.yaml: </c> prefix); it is never shown publicly.
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
}
