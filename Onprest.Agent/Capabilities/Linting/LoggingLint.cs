using Onprest.Agent.Capabilities.Loading;
using Onprest.Agent.Configuration;

namespace Onprest.Agent.Capabilities.Linting;

/// <summary>The <c>logging</c> lint of docs/capability-yaml.md (zero is invalid).</summary>
internal static class LoggingLint
{
    public const int DefaultMaxFiles = 3;

    public static (long MaxSizeBytes, int MaxFiles) Check(RawLogging raw)
    {
        if (!SizeParser.TryParse(string.IsNullOrEmpty(raw.MaxSize) ? "10MB" : raw.MaxSize, out var maxSize))
        {
            throw new ConfigurationLintException("logging.max_size is invalid");
        }

        return (maxSize, raw.MaxFiles is null or <= 0 ? DefaultMaxFiles : raw.MaxFiles.Value);
    }
}
