using Onprest.Agent.Configuration;

namespace Onprest.Agent.Tests.Configuration;

/// <summary>docs/capability-yaml.md.</summary>
public sealed class DurationParserTests
{
    private const long Second = 1_000_000_000;

    public static TheoryData<string, long> Valid() => new()
    {
        { "300ms", 300_000_000 },
        { "5s", 5 * Second },
        { "1m30s", 90 * Second },
        { "2h", 7200 * Second },
        { "1.5h", 5400 * Second },
        { "-1s", -Second },
        { "+1s", Second },
        { ".5s", Second / 2 },
        { "5.s", 5 * Second },
        { "1ns", 1 },
        { "1us", 1000 },
        { "1\u00B5s", 1000 },
        { "1\u03BCs", 1000 },
        { "1h1m1s1ms1us1ns", 3661 * Second + 1_001_001 },
        { "1s1s", 2 * Second },
        { "0", 0 },
        { "-0", 0 },
        { "+0", 0 },
        { "0s", 0 },
        { "0.000000001s", 1 },
        { "1.0000000001s", Second },
        { "2562047h", 2562047L * 3600 * Second },
        { "9223372036854775807ns", long.MaxValue },
        { "-9223372036854775808ns", long.MinValue },
        { "2562047h47m16.854775807s", long.MaxValue },
        { "00001s", Second },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Parses_valid_durations(string text, long nanoseconds)
    {
        Assert.True(DurationParser.TryParse(text, out var parsed));
        Assert.Equal(nanoseconds, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("1")]
    [InlineData("-5")]
    [InlineData("s")]
    [InlineData(".s")]
    [InlineData("1.s.")]
    [InlineData("1 s")]
    [InlineData(" 1s")]
    [InlineData("1s ")]
    [InlineData("1S")]
    [InlineData("1H")]
    [InlineData("1Ms")]
    [InlineData("1d")]
    [InlineData("1sec")]
    [InlineData("1h-1m")]
    [InlineData("--1s")]
    [InlineData("+-1s")]
    [InlineData("-")]
    [InlineData("+")]
    [InlineData("1e3s")]
    [InlineData("0x10s")]
    [InlineData("1m30")]
    [InlineData("2562048h")]
    [InlineData("9223372036854775808ns")]
    [InlineData("-9223372036854775809ns")]
    [InlineData("2562047h47m16.854775808s")]
    [InlineData("99999999999999999999999s")]
    [InlineData("١s")]
    [InlineData("1\u00B5")]
    [InlineData("1ms\u0000")]
    public void Rejects_invalid_durations(string text) => Assert.False(DurationParser.TryParse(text, out _));

    [Fact]
    public void Rejects_null() => Assert.False(DurationParser.TryParse(null, out _));

    [Fact]
    public void Very_long_fraction_is_handled_without_overflow()
    {
        Assert.True(DurationParser.TryParse("1." + new string('9', 10_000) + "s", out var value));
        Assert.Equal(2 * Second, value);
    }
}
