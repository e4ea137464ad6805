namespace Onprest.Agent.Capabilities.Linting;

/// <summary>
/// A lint-time configuration error: <see cref="Exception.Message"/> is the public message; it starts with the field
/// path it is about (where its position is looked up) and never contains a configured value.
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

    /// <summary>What the operator can change, when there is one obvious fix.</summary>
    public string? Fix { get; init; }
}
