using System.Security;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Onprest.Agent.Service;

/// <summary>The launchd property list of docs/cli.md and the custom keys <c>service status</c> reads back.</summary>
internal static class LaunchdPropertyList
{
    public const string Label = "com.onprest.agent";
    public const string StandardOutPath = "/var/log/onprest-agent.stdout.log";
    public const string StandardErrorPath = "/var/log/onprest-agent.stderr.log";

    private const string ConfigKey = "OnprestConfig";
    private const string BinaryKey = "OnprestBinary";

    public static string Render(ServiceRegistration registration)
    {
        ServicePaths.EnsureRegistrable(registration);
        var builder = new StringBuilder()
            .Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .Append("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n")
            .Append("<plist version=\"1.0\">\n")
            .Append("<dict>\n");
        AppendString(builder, "Label", Label);
        builder.Append("\t<key>ProgramArguments</key>\n\t<array>\n");
        foreach (var argument in new[] { registration.ExecutablePath, "--config", registration.ConfigPath })
        {
            builder.Append("\t\t<string>").Append(SecurityElement.Escape(argument)).Append("</string>\n");
        }

        builder.Append("\t</array>\n");
        AppendString(builder, "WorkingDirectory", registration.WorkingDirectory);
        builder.Append("\t<key>KeepAlive</key>\n\t<true/>\n");
        builder.Append("\t<key>RunAtLoad</key>\n\t<false/>\n");
        AppendString(builder, "StandardOutPath", StandardOutPath);
        AppendString(builder, "StandardErrorPath", StandardErrorPath);
        AppendString(builder, ConfigKey, registration.ConfigPath);
        AppendString(builder, BinaryKey, registration.ExecutablePath);
        return builder.Append("</dict>\n</plist>\n").ToString();
    }

    /// <summary>The config and binary paths from the custom keys; nulls when absent or the file is not a plist.</summary>
    public static (string? ConfigPath, string? ExecutablePath) ReadCustomKeys(string text)
    {
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
            using var reader = XmlReader.Create(new StringReader(text), settings);
            var dict = XDocument.Load(reader).Root?.Element("dict");
            if (dict is null)
            {
                return (null, null);
            }

            // A dict is a flat sequence of <key> elements each followed by its value element.
            string? config = null;
            string? binary = null;
            foreach (var key in dict.Elements("key"))
            {
                var value = key.ElementsAfterSelf().FirstOrDefault();
                if (value?.Name != "string")
                {
                    continue;
                }

                if (key.Value == ConfigKey)
                {
                    config ??= value.Value;
                }
                else if (key.Value == BinaryKey)
                {
                    binary ??= value.Value;
                }
            }

            return (config, binary);
        }
        catch (XmlException)
        {
            return (null, null);
        }
    }

    private static void AppendString(StringBuilder builder, string key, string value) =>
        builder.Append("\t<key>").Append(key).Append("</key>\n\t<string>")
            .Append(SecurityElement.Escape(value)).Append("</string>\n");
}
