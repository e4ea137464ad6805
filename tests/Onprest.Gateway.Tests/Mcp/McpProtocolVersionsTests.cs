using Microsoft.Extensions.Primitives;
using Onprest.Gateway.Mcp;

namespace Onprest.Gateway.Tests.Mcp;

public sealed class McpProtocolVersionsTests
{
    [Fact]
    public void An_absent_header_means_the_legacy_revision() =>
        Assert.Equal("2025-03-26", McpProtocolVersions.FromHeader(StringValues.Empty));

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("2025-11-25 ")]
    [InlineData("\t2025-11-25")]
    [InlineData("2025-11-25,")]
    [InlineData("2024-11-05")]
    [InlineData("2025-11-26")]
    public void Invalid_single_values_are_refused(string value) => Assert.Null(McpProtocolVersions.FromHeader(value));

    [Fact]
    public void Two_header_lines_are_refused() => Assert.Null(McpProtocolVersions.FromHeader(new StringValues(["2025-11-25", "2025-11-25"])));

    [Theory]
    [InlineData("2025-03-26", "2025-03-26")]
    [InlineData("2025-06-18", "2025-06-18")]
    [InlineData("2025-11-25", "2025-11-25")]
    [InlineData("2026-07-28", "2025-11-25")]
    [InlineData("2024-11-05", "2025-11-25")]
    [InlineData("", "2025-11-25")]
    public void Negotiation_echoes_handshake_revisions_only(string requested, string negotiated) =>
        Assert.Equal(negotiated, McpProtocolVersions.Negotiate(requested));

    [Theory]
    [InlineData("2025-03-26", false, false)]
    [InlineData("2025-06-18", true, false)]
    [InlineData("2025-11-25", true, true)]
    [InlineData("2026-07-28", true, true)]
    public void Version_classes(string version, bool structured, bool tasks)
    {
        Assert.Equal(structured, McpProtocolVersions.IsStructured(version));
        Assert.Equal(tasks, McpProtocolVersions.IsTasksAware(version));
    }
}
