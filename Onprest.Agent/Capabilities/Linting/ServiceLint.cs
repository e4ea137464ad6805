using Onprest.Agent.Capabilities.Loading;

namespace Onprest.Agent.Capabilities.Linting;

/// <summary>The <c>service</c> defaults of docs/capability-yaml.md (applied when empty; nothing can fail).</summary>
internal static class ServiceLint
{
    public static ServiceInfo Apply(RawService raw) => new(
        string.IsNullOrEmpty(raw.Title) ? "Onprest Agent" : raw.Title,
        string.IsNullOrEmpty(raw.Version) ? "0.1.0" : raw.Version,
        raw.Description ?? "");
}
