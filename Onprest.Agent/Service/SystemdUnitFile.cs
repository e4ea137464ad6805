using System.Text;

namespace Onprest.Agent.Service;

/// <summary>The systemd unit text of docs/cli.md and the comment lines <c>service status</c> reads back.</summary>
internal static class SystemdUnitFile
{
    private const string ConfigComment = "# OnprestConfig=";
    private const string BinaryComment = "# OnprestBinary=";

    public static string Render(ServiceRegistration registration)
    {
        ServicePaths.EnsureRegistrable(registration);
        return new StringBuilder()
            .Append(ConfigComment).Append(registration.ConfigPath).Append('\n')
            .Append(BinaryComment).Append(registration.ExecutablePath).Append('\n')
            .Append("[Unit]\n")
            .Append("Description=").Append(ServiceIdentity.Description).Append('\n')
            .Append("After=network-online.target\n")
            .Append("Wants=network-online.target\n")
            .Append('\n')
            .Append("[Service]\n")
            .Append("Type=simple\n")
            .Append(Account(registration.User))
            .Append("WorkingDirectory=").Append(EscapeSpecifiers(registration.WorkingDirectory)).Append('\n')
            .Append("ExecStart=").Append(Quote(registration.ExecutablePath))
            .Append(" --config ").Append(Quote(registration.ConfigPath)).Append('\n')
            // always, not on-failure: an exit nobody asked for restarts even with status 0; systemctl stop does not.
            .Append("Restart=always\n")
            .Append("RestartSec=5s\n")
            .Append('\n')
            .Append("[Install]\n")
            .Append("WantedBy=multi-user.target\n")
            .ToString();
    }

    // An unprivileged account, and a private state directory (/var/lib/onprest-agent, mode 0700, owned by that
    // account) that systemd passes as STATE_DIRECTORY: the agent keeps its logs and locks there. The single-file
    // executable unpacks its native libraries there too (the account has no home directory).
    private static string Account(string? user) => user is null
        ? ""
        : $"User={user}\nGroup={user}\nStateDirectory={ServiceIdentity.Name}\nStateDirectoryMode=0700\nEnvironment=DOTNET_BUNDLE_EXTRACT_BASE_DIR=%S/{ServiceIdentity.Name}\n";

    /// <summary>The config and binary paths from the comment lines, each null when absent.</summary>
    public static (string? ConfigPath, string? ExecutablePath) ReadComments(string text)
    {
        string? config = null;
        string? binary = null;
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (config is null && trimmed.StartsWith(ConfigComment, StringComparison.Ordinal))
            {
                config = trimmed[ConfigComment.Length..];
            }
            else if (binary is null && trimmed.StartsWith(BinaryComment, StringComparison.Ordinal))
            {
                binary = trimmed[BinaryComment.Length..];
            }
        }

        return (config, binary);
    }

    /// <summary>
    /// A double-quoted ExecStart word: <c>\</c> and <c>"</c> backslash-escaped, <c>%</c> doubled (docs/cli.md), and
    /// <c>$</c> doubled because systemd substitutes <c>${VAR}</c> on command lines (systemd.service(5)).
    /// </summary>
    private static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' or '"' => builder.Append('\\').Append(c),
                '%' => builder.Append("%%"),
                '$' => builder.Append("$$"),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }

    // systemd expands %-specifiers in WorkingDirectory too, so a literal % must be doubled there as well.
    private static string EscapeSpecifiers(string value) => value.Replace("%", "%%", StringComparison.Ordinal);
}
