namespace Onprest.Agent.Service;

/// <summary>Path rules shared by the platform managers.</summary>
internal static class ServicePaths
{
    /// <summary>
    /// Refuses paths the registration formats cannot carry: a line break would end a unit-file line or an XML
    /// text node's meaning, and other control characters are not valid in a property list (docs/cli.md).
    /// </summary>
    public static void EnsureRegistrable(ServiceRegistration registration)
    {
        foreach (var path in new[] { registration.ExecutablePath, registration.ConfigPath, registration.WorkingDirectory })
        {
            if (path.AsSpan().IndexOfAnyInRange('\0', '\u001F') >= 0 || path.Contains('\u007F'))
            {
                throw new ServiceManagerException(
                    ServiceFailure.Operational,
                    "paths containing line breaks or other control characters cannot be registered");
            }
        }
    }

    /// <summary>Writes a new registration file, mode 0644 on Unix; never replaces an existing one.</summary>
    public static void WriteNewFile(string path, string text)
    {
        try
        {
            var directory = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            using (var stream = new FileStream(path, options))
            using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                writer.Write(text);
            }

            if (!OperatingSystem.IsWindows())
            {
                // Set after creation: the create mode is subject to the umask, the documented mode is not.
                File.SetUnixFileMode(path,
                    UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }
        }
        catch (IOException) when (File.Exists(path))
        {
            throw ServiceManagerException.AlreadyInstalled();
        }
        catch (UnauthorizedAccessException)
        {
            throw new ServiceManagerException(ServiceFailure.Operational, $"cannot write {path}: permission denied");
        }
        catch (IOException exception)
        {
            throw new ServiceManagerException(ServiceFailure.Operational, $"cannot write {path}: {exception.Message}");
        }
    }

    public static void DeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (UnauthorizedAccessException)
        {
            throw new ServiceManagerException(ServiceFailure.Operational, $"cannot delete {path}: permission denied");
        }
        catch (IOException exception)
        {
            throw new ServiceManagerException(ServiceFailure.Operational, $"cannot delete {path}: {exception.Message}");
        }
    }

    /// <summary>The file's text, or null when it cannot be read (status then omits what it would have shown).</summary>
    public static string? TryReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
