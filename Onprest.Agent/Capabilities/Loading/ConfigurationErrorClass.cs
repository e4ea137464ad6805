namespace Onprest.Agent.Capabilities.Loading;

/// <summary>The two classes of configuration errors (docs/capability-yaml.md).</summary>
public enum ConfigurationErrorClass
{
    /// <summary>Reading the file failed; shown publicly only as <c>capability configuration is invalid</c>.</summary>
    Decode,

    /// <summary>The decoded configuration broke a rule of the handbook; the message is shown verbatim.</summary>
    Lint,
}
