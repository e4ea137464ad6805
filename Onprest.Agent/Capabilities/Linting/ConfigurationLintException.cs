namespace Onprest.Agent.Capabilities.Linting;

/// <summary>
/// A lint-time configuration error (capability-yaml.md §3): <see cref="Exception.Message"/> is the public message,
/// exactly as §5–§9 write it; it never contains a configured value.
/// </summary>
internal sealed class ConfigurationLintException : Exception
{
    public ConfigurationLintException(string message)
        : base(message)
    {
    }

    public ConfigurationLintException()
    {
    }

    public ConfigurationLintException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
