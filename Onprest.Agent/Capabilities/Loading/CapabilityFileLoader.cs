using Onprest.Agent.Capabilities.Linting;

namespace Onprest.Agent.Capabilities.Loading;

/// <summary>
/// The one entry point for capability.yaml (capability-yaml.md §1–§9): read with the hard limits, decode strictly,
/// lint in the order of §4. Used by the agent run, <c>validate</c> and <c>doctor</c>.
/// </summary>
public static class CapabilityFileLoader
{
    /// <summary>Loads the file at <paramref name="path"/> (resolve it with <c>CapabilityFileLocator</c> first).</summary>
    public static ConfigurationResult Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath) ?? Path.GetPathRoot(fullPath) ?? "";
        string text;
        try
        {
            text = CapabilityFileReader.ReadText(fullPath);
        }
        catch (CapabilityDecodeException ex)
        {
            return ConfigurationResult.Failure(ConfigurationError.Decode(ex.Message));
        }

        return LoadText(text, folder);
    }

    /// <summary>Decodes and lints YAML text; <paramref name="configurationFolder"/> anchors relative paths.</summary>
    internal static ConfigurationResult LoadText(string text, string configurationFolder)
    {
        RawConfiguration raw;
        try
        {
            // The same bound as for files, for text that did not come through CapabilityFileReader.
            if (text.Length > YamlLimits.MaxFileBytes || System.Text.Encoding.UTF8.GetByteCount(text) > YamlLimits.MaxFileBytes)
            {
                throw new CapabilityDecodeException($"file exceeds {YamlLimits.MaxFileBytes} bytes");
            }

            raw = CapabilityYamlDecoder.Decode(YamlTreeReader.Read(text));
        }
        catch (CapabilityDecodeException ex)
        {
            return ConfigurationResult.Failure(ConfigurationError.Decode(ex.Message));
        }

        try
        {
            return ConfigurationResult.Success(CapabilityLinter.Lint(raw, configurationFolder));
        }
        catch (ConfigurationLintException ex)
        {
            return ConfigurationResult.Failure(ConfigurationError.Lint(ex.Message));
        }
    }
}
