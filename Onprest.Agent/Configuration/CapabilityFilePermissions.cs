namespace Onprest.Agent.Configuration;

/// <summary>
/// capability.yaml holds the agent's private key and the database password, so other local users must not read it.
/// <c>validate</c> and <c>doctor</c> warn (they do not fail: the operator may have reasons, such as a shared group
/// that is the agent's own) when the Unix mode grants any access to group or others.
/// </summary>
internal static class CapabilityFilePermissions
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The warning text (without a command prefix), or null when the file is private or this is Windows.</summary>
    public static string? Warning(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        UnixFileMode mode;
        try
        {
            mode = File.GetUnixFileMode(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }

        if ((mode & GroupOrOther) == 0)
        {
            return null;
        }

        var octal = Convert.ToString((int)mode & 0x1FF, 8).PadLeft(3, '0');
        return $"warning: {path} is readable by other users (mode {octal}) and holds the agent private key and database password; fix: chmod 600 {path}";
    }
}
