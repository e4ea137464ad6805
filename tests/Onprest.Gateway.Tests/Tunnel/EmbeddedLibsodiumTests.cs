using System.Runtime.InteropServices;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Tests.Tunnel;

/// <summary>
/// The loader behind the native AOT gateway's one file. The published executable itself is exercised by the
/// end-to-end suite (CI runs it on the native AOT gateway); these tests pin the pieces on the test host.
/// </summary>
public sealed class EmbeddedLibsodiumTests
{
    private static string NuGetLibsodium =>
        Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier.StartsWith("linux-musl", StringComparison.Ordinal)
            ? RuntimeInformation.RuntimeIdentifier : $"linux-{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}", "native", "libsodium.so");

    [Fact]
    public void An_assembly_without_the_resource_leaves_the_ordinary_resolution_alone()
    {
        Assert.False(EmbeddedLibsodium.Register(typeof(EmbeddedLibsodiumTests).Assembly));
        Assert.False(EmbeddedLibsodium.Register(typeof(EmbeddedLibsodium).Assembly));
    }

    [Fact]
    public void The_library_copied_into_memory_loads_and_is_the_version_NSec_requires()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "memfd_create is Linux only; the native AOT gateway is built for Linux");
        var bytes = File.ReadAllBytes(NuGetLibsodium);

        var path = EmbeddedLibsodium.MapFromMemory(new MemoryStream(bytes));

        Assert.StartsWith("/proc/self/fd/", path, StringComparison.Ordinal);
        // An anonymous memory file, not a file on any disk: the link names no directory.
        Assert.StartsWith("/memfd:libsodium", new FileInfo(path).LinkTarget, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(path));

        var handle = NativeLibrary.Load(path);
        try
        {
            var major = Marshal.GetDelegateForFunctionPointer<NoArguments>(NativeLibrary.GetExport(handle, "sodium_library_version_major"));
            var init = Marshal.GetDelegateForFunctionPointer<NoArguments>(NativeLibrary.GetExport(handle, "sodium_init"));
            Assert.Equal(26, major());
            Assert.True(init() >= 0);
        }
        finally
        {
            NativeLibrary.Free(handle);
        }
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int NoArguments();

    [Fact]
    public void The_descriptor_is_closed_on_exec()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "memfd_create is Linux only");

        var path = EmbeddedLibsodium.MapFromMemory(new MemoryStream([1, 2, 3]));

        var fd = path["/proc/self/fd/".Length..];
        var flags = File.ReadAllLines($"/proc/self/fdinfo/{fd}").Single(line => line.StartsWith("flags:", StringComparison.Ordinal));
        // O_CLOEXEC is octal 02000000 in the fdinfo flags.
        Assert.NotEqual(0, Convert.ToInt32(flags["flags:".Length..].Trim(), 8) & 0x80000);
    }
}
