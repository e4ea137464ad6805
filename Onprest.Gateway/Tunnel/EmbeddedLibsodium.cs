using System.Reflection;
using System.Runtime.InteropServices;
using NSec.Cryptography;

namespace Onprest.Gateway.Tunnel;

/// <summary>
/// libsodium (NSec's native half, which verifies the agents' Ed25519 signatures) for the native AOT gateway
/// (<c>eng/publish.sh --aot</c>, docs/binaries.md). A native AOT executable cannot carry a shared library the way a
/// single-file bundle does, and libsodium ships only as one, so that build embeds <c>libsodium.so</c> as a resource
/// and this loader maps it from an anonymous in-memory file (<c>memfd_create</c>): still one file to copy, and nothing is
/// written to disk, so there is no extraction directory to protect. Every other build has no such resource and
/// resolves libsodium as before.
/// </summary>
internal static partial class EmbeddedLibsodium
{
    /// <summary>The resource name the gateway project gives the embedded library.</summary>
    internal const string ResourceName = "onprest.libsodium.so";

    private const string LibraryName = "libsodium";
    private const uint MemfdCloexec = 0x1;
    private const uint MemfdExec = 0x10;
    private const int EINVAL = 22;

    private static readonly Lock Gate = new();
    private static nint _handle;

    /// <summary>
    /// Routes NSec's <c>libsodium</c> imports to the embedded copy when this executable carries one. Returns whether
    /// it does; call once, before the first use of NSec.
    /// </summary>
    public static bool Register() => Register(typeof(EmbeddedLibsodium).Assembly);

    internal static bool Register(Assembly carrier)
    {
        if (!OperatingSystem.IsLinux() || carrier.GetManifestResourceInfo(ResourceName) is null)
        {
            return false;
        }

        NativeLibrary.SetDllImportResolver(typeof(Key).Assembly, (name, _, _) =>
            name == LibraryName ? Load(carrier) : 0);
        return true;
    }

    private static nint Load(Assembly carrier)
    {
        lock (Gate)
        {
            if (_handle == 0)
            {
                using var library = carrier.GetManifestResourceStream(ResourceName)
                    ?? throw new InvalidOperationException("this executable carries no embedded libsodium");
                _handle = NativeLibrary.Load(MapFromMemory(library));
            }

            return _handle;
        }
    }

    /// <summary>
    /// Copies a shared library into a new anonymous in-memory file and returns a path the dynamic loader can open. The
    /// descriptor is closed on exec and stays open for the life of the process (the path names it).
    /// </summary>
    internal static string MapFromMemory(Stream library)
    {
        // MFD_EXEC marks the file executable where the kernel knows the flag (6.3 and later, which may refuse
        // executable memory files without it); older kernels reject the unknown flag, and their memory files are
        // executable anyway.
        var fd = MemfdCreate(LibraryName, MemfdCloexec | MemfdExec);
        if (fd < 0 && Marshal.GetLastPInvokeError() == EINVAL)
        {
            fd = MemfdCreate(LibraryName, MemfdCloexec);
        }

        if (fd < 0)
        {
            throw new InvalidOperationException(
                $"could not create an in-memory file for the embedded libsodium (errno {Marshal.GetLastPInvokeError()})");
        }

        var path = $"/proc/self/fd/{fd}";
        using (var file = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: false), FileAccess.Write))
        {
            library.CopyTo(file);
        }

        return path;
    }

    [LibraryImport("libc", EntryPoint = "memfd_create", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MemfdCreate(string name, uint flags);
}
