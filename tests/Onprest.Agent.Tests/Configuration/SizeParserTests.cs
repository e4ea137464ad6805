using Onprest.Agent.Configuration;

namespace Onprest.Agent.Tests.Configuration;

/// <summary>docs/capability-yaml.md.</summary>
public sealed class SizeParserTests
{
    [Theory]
    [InlineData("10MB", 10L * 1024 * 1024)]
    [InlineData("256KB", 256L * 1024)]
    [InlineData("1048576", 1048576L)]
    [InlineData("10 mb", 10L * 1024 * 1024)]
    [InlineData("1GB", 1024L * 1024 * 1024)]
    [InlineData("5B", 5L)]
    [InlineData("5b", 5L)]
    [InlineData("  7 kb  ", 7L * 1024)]
    [InlineData("+3MB", 3L * 1024 * 1024)]
    [InlineData("007", 7L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("9223372036854775807B", long.MaxValue)]
    [InlineData("8589934591GB", 8589934591L * 1024 * 1024 * 1024)]
    public void Parses_valid_sizes(string text, long expected)
    {
        Assert.True(SizeParser.TryParse(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("1.5MB")]
    [InlineData("10XB")]
    [InlineData("10MBx")]
    [InlineData("0")]
    [InlineData("0B")]
    [InlineData("-0")]
    [InlineData("-1MB")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("MB")]
    [InlineData("Mb")]
    [InlineData("B")]
    [InlineData("1 0MB")]
    [InlineData("1e3")]
    [InlineData("0x10")]
    [InlineData("10M")]
    [InlineData("10K")]
    [InlineData("10KiB")]
    [InlineData("10TB")]
    [InlineData("++1")]
    [InlineData("1MBMB")]
    [InlineData("9223372036854775808")]
    [InlineData("8589934592GB")]
    [InlineData("٣MB")]
    [InlineData("１MB")]
    public void Rejects_invalid_sizes(string text) => Assert.False(SizeParser.TryParse(text, out _));

    [Fact]
    public void Rejects_null() => Assert.False(SizeParser.TryParse(null, out _));
}
