using Onprest.Agent.Cli;

namespace Onprest.Agent.Tests.Cli;

/// <summary>The flag syntax of cli.md (both programs).</summary>
public sealed class CliFlagsTests
{
    private static readonly string[] Known = ["config", "format"];

    [Theory]
    [InlineData("--config", "a")]
    [InlineData("--config=a")]
    [InlineData("-config", "a")]
    [InlineData("-config=a")]
    public void Four_spellings_are_equivalent(params string[] args)
    {
        Assert.True(CliFlags.TryParse(args, Known, out var flags));
        Assert.Equal("a", flags["config"]);
        Assert.Empty(flags.Positional);
    }

    [Fact]
    public void Value_may_contain_equals_and_be_empty()
    {
        Assert.True(CliFlags.TryParse(["--config=a=b"], Known, out var flags));
        Assert.Equal("a=b", flags["config"]);
        Assert.True(CliFlags.TryParse(["--config="], Known, out flags));
        Assert.Equal("", flags["config"]);
    }

    [Fact]
    public void Double_dash_ends_the_flags()
    {
        Assert.True(CliFlags.TryParse(["--config", "a", "--", "--format"], Known, out var flags));
        Assert.Equal(["--format"], flags.Positional);
        Assert.Null(flags["format"]);
    }

    [Fact]
    public void Flags_after_a_positional_argument_are_positional()
    {
        Assert.True(CliFlags.TryParse(["word", "--config", "a"], Known, out var flags));
        Assert.Equal(["word", "--config", "a"], flags.Positional);
    }

    [Fact]
    public void Last_repeated_flag_wins()
    {
        Assert.True(CliFlags.TryParse(["--format", "text", "--format=json"], Known, out var flags));
        Assert.Equal("json", flags["format"]);
    }

    [Fact]
    public void Value_flag_takes_the_next_argument_even_if_it_looks_like_a_flag()
    {
        Assert.True(CliFlags.TryParse(["--config", "--format"], Known, out var flags));
        Assert.Equal("--format", flags["config"]);
    }

    [Theory]
    [InlineData("--config")]
    [InlineData("--nope")]
    [InlineData("--nope=1")]
    [InlineData("---config", "a")]
    [InlineData("--=a")]
    [InlineData("--help=true")]
    public void Rejects(params string[] args) => Assert.False(CliFlags.TryParse(args, Known, out _));
}
