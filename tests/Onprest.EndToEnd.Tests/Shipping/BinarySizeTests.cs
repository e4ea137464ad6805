using Onprest.EndToEnd.Tests.Infrastructure;

namespace Onprest.EndToEnd.Tests.Shipping;

/// <summary>
/// The size budgets of the published single-file executables (docs/binaries.md), for both gateway builds. A build's size is deterministic,
/// so a package or a setting that undoes the trimming fails here instead of in a release. Start time and memory are
/// measured by bench/startup.sh, never asserted.
/// </summary>
public sealed class BinarySizeTests
{
    /// <summary>Decimal megabytes, the unit of the budgets.</summary>
    private const long Megabyte = 1000 * 1000;

    [Fact]
    public void The_gateway_fits_in_40_MB() => AssertWithin(PublishedBinaries.Gateway, 40 * Megabyte);

    [Fact]
    public void The_agent_fits_in_60_MB() => AssertWithin(PublishedBinaries.Agent, 60 * Megabyte);

    /// <summary>
    /// One file per program is the promise of docs/binaries.md, for the native AOT gateway too: its libsodium is
    /// embedded, not a second file (the handshake tests prove the embedded copy works; there is no other).
    /// </summary>
    [Fact]
    public void The_publish_leaves_exactly_the_two_executables()
    {
        var files = Directory.EnumerateFileSystemEntries(PublishedBinaries.PublishFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal([Path.GetFileName(PublishedBinaries.Agent), Path.GetFileName(PublishedBinaries.Gateway)], files);
    }

    private static void AssertWithin(string binary, long budget)
    {
        var size = new FileInfo(binary).Length;
        Assert.True(size <= budget, $"{Path.GetFileName(binary)} is {size:N0} bytes, over its budget of {budget:N0} bytes (docs/binaries.md)");
    }
}
