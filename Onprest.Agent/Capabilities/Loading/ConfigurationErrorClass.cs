namespace Onprest.Agent.Capabilities.Loading;

/// <summary>The two classes of configuration errors (capability-yaml.md §3).</summary>
public enum ConfigurationErrorClass
{
    /// <summary>Reading the file failed; shown publicly only as <c>capability configuration is invalid</c>.</summary>
    Decode,

    /// <summary>The decoded configuration broke a rule of §5–§9; the message is shown verbatim.</summary>
    Lint,
}
