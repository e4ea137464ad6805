using Onprest.Agent.Capabilities.Linting;

namespace Onprest.Agent.Capabilities.Loading;

/// <summary>
/// The one entry point for capability.yaml: read with the hard limits, decode strictly, lint in order. Used by the
/// agent run, <c>validate</c> and <c>doctor</c>. Every error carries where it is (file, line, column, field path)
/// and, when there is one, the fix.
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
            return ConfigurationResult.Failure(DecodeError(ex, null, fullPath));
        }

        return LoadText(text, folder, fullPath);
    }

    /// <summary>Decodes and lints YAML text; <paramref name="configurationFolder"/> anchors relative paths.</summary>
    /// <param name="file">The file the text came from, named in errors (null for text from elsewhere).</param>
    internal static ConfigurationResult LoadText(string text, string configurationFolder, string? file = null)
    {
        RawConfiguration raw;
        YamlNode? root = null;
        try
        {
            // The same bound as for files, for text that did not come through CapabilityFileReader.
            if (text.Length > YamlLimits.MaxFileBytes || System.Text.Encoding.UTF8.GetByteCount(text) > YamlLimits.MaxFileBytes)
            {
                throw new CapabilityDecodeException($"file exceeds {YamlLimits.MaxFileBytes} bytes");
            }

            root = YamlTreeReader.Read(text);
            raw = CapabilityYamlDecoder.Decode(root);
        }
        catch (CapabilityDecodeException ex)
        {
            return ConfigurationResult.Failure(DecodeError(ex, root, file));
        }

        try
        {
            return ConfigurationResult.Success(CapabilityLinter.Lint(raw, configurationFolder));
        }
        catch (ConfigurationLintException ex)
        {
            var at = YamlPaths.Find(root, ex.Message);
            return ConfigurationResult.Failure(ConfigurationError.Lint(ex.Message) with
            {
                File = file,
                Line = at?.Line,
                Column = at?.Column,
                Fix = ex.Fix,
            });
        }
    }

    private static ConfigurationError DecodeError(CapabilityDecodeException ex, YamlNode? root, string? file) =>
        ConfigurationError.Decode(ex.Message) with
        {
            File = file,
            Line = ex.Node?.Line ?? ex.Line,
            Column = ex.Node?.Column ?? ex.Column,
            FieldPath = ex.Node is null ? null : YamlPaths.PathTo(root, ex.Node),
            Fix = ex.Message.StartsWith("configuration must be", StringComparison.Ordinal)
                ? "the file must be a mapping of sections such as gateway:, database: and capabilities:"
                : ex.Fix,
        };
}
