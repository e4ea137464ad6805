using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;

namespace Onprest.Agent.Logging;

/// <summary>
/// Owner-only files for the agent's private logs (docs/configuration.md): 0600 on Unix, a protected
/// owner-only access list on Windows; links, reparse points and non-regular files are refused, broader permissions
/// are tightened before use.
/// </summary>
internal static class PrivateFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Throws <see cref="IOException"/> when <paramref name="path"/> exists and is a link, reparse point or not a regular file.</summary>
    public static void EnsureRegularOrMissing(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || (info.Exists && (info.Attributes & FileAttributes.ReparsePoint) != 0))
        {
            throw new IOException($"{path} is a link");
        }

        if (!info.Exists && Directory.Exists(path))
        {
            throw new IOException($"{path} is a directory");
        }

    }

    /// <summary>True when the path exists, is a regular non-link file and nobody but the owner can access it.</summary>
    public static bool IsPrivateRegular(string path)
    {
        try
        {
            EnsureRegularOrMissing(path);
        }
        catch (IOException)
        {
            return false;
        }

        if (!File.Exists(path))
        {
            return false;
        }

        return OperatingSystem.IsWindows() ? IsOwnerOnlyWindows(path) : (File.GetUnixFileMode(path) & ~OwnerOnly & ~UnixFileMode.UserExecute) == 0;
    }

    /// <summary>Opens (creating if missing) a private file for appending; an existing file is tightened first.</summary>
    public static FileStream OpenAppend(string path)
    {
        EnsureRegularOrMissing(path);
        // Read-write rather than append-only: opening a FIFO read-write never blocks, so a planted FIFO is
        // recognised (not seekable) instead of hanging start-up. The single writer seeks to the end itself.
        var options = new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            Share = FileShare.Read | FileShare.Delete,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        var stream = new FileStream(path, options);
        try
        {
            // The check above and the open are two steps; re-checking after the open catches a swap to a link.
            EnsureRegularOrMissing(path);
            EnsureSeekable(stream, path);
            Restrict(stream);
            stream.Seek(0, SeekOrigin.End);
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Creates a new private file exclusively (fails if anything exists at <paramref name="path"/>, links included).</summary>
    public static FileStream CreateNew(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        var stream = new FileStream(path, options);
        try
        {
            EnsureSeekable(stream, path);
            Restrict(stream);
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>FIFOs, sockets and terminals are not seekable; regular files are.</summary>
    private static void EnsureSeekable(FileStream stream, string path)
    {
        if (!stream.CanSeek)
        {
            throw new IOException($"{path} is not a regular file");
        }
    }

    /// <summary>Restricts an open file to its owner when it allows more.</summary>
    public static void Restrict(FileStream stream)
    {
        if (OperatingSystem.IsWindows())
        {
            RestrictWindows(stream);
            return;
        }

        var mode = File.GetUnixFileMode(stream.SafeFileHandle);
        if ((mode & ~OwnerOnly) != 0)
        {
            File.SetUnixFileMode(stream.SafeFileHandle, mode & OwnerOnly);
        }
    }

    [SupportedOSPlatform("windows")]
    private static void RestrictWindows(FileStream stream)
    {
        var owner = WindowsIdentity.GetCurrent().User ?? throw new IOException("current user has no security identifier");
        var security = new FileSecurity();
        security.SetOwner(owner);
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        security.AddAccessRule(new FileSystemAccessRule(owner, FileSystemRights.FullControl, AccessControlType.Allow));
        security.AddAccessRule(new FileSystemAccessRule(new SecurityIdentifier(WellKnownSidType.LocalSystemSid, null), FileSystemRights.FullControl, AccessControlType.Allow));
        stream.SetAccessControl(security);
    }

    [SupportedOSPlatform("windows")]
    private static bool IsOwnerOnlyWindows(string path)
    {
        var owner = WindowsIdentity.GetCurrent().User;
        var system = new SecurityIdentifier(WellKnownSidType.LocalSystemSid, null);
        var security = new FileInfo(path).GetAccessControl();
        if (!security.AreAccessRulesProtected)
        {
            return false;
        }

        foreach (FileSystemAccessRule rule in security.GetAccessRules(true, true, typeof(SecurityIdentifier)))
        {
            if (rule.AccessControlType == AccessControlType.Allow && !rule.IdentityReference.Equals(owner) && !rule.IdentityReference.Equals(system))
            {
                return false;
            }
        }

        return true;
    }
}
