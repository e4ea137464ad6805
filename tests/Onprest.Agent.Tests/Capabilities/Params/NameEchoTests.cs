using System.Text.Json;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Capabilities.Params;
using Onprest.Agent.Sql;
using Onprest.Contracts.Text;

namespace Onprest.Agent.Tests.Capabilities.Params;

/// <summary>Names repeated back in validation messages are cut to 64 code points, the cut marked with an ellipsis.</summary>
public sealed class NameEchoTests
{
    private static int CodePointCount(string text) => text.EnumerateRunes().Count();

    private static ParamValidationResult Validate(IReadOnlyList<ParameterSpec> specs, string json)
    {
        using var document = JsonDocument.Parse(json);
        return ParamValidator.Validate(specs, document.RootElement.Clone());
    }

    [Fact]
    public void A_900_KB_unknown_member_name_is_echoed_as_64_code_points_ending_in_the_mark()
    {
        var name = new string('n', 900 * 1024);
        var error = Validate([Specs.Integer("id")], $$"""{"{{name}}":1}""").Error!;

        Assert.StartsWith("unknown param: nnnn", error, StringComparison.Ordinal);
        var echoed = error["unknown param: ".Length..];
        Assert.Equal(64, CodePointCount(echoed));
        Assert.Equal(new string('n', 63) + "…", echoed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    public void Names_of_at_most_64_code_points_are_echoed_whole(int length)
    {
        var name = new string('k', length);
        Assert.Equal(name, EchoedName.Cut(name));
        var astral = string.Concat(Enumerable.Repeat("😀", length));
        Assert.Equal(astral, EchoedName.Cut(astral));
    }

    [Theory]
    [InlineData(65)]
    [InlineData(200)]
    [InlineData(100_000)]
    public void Longer_names_keep_63_code_points_and_never_split_a_surrogate_pair(int length)
    {
        var astral = string.Concat(Enumerable.Repeat("😀", length));
        var cut = EchoedName.Cut(astral);
        Assert.Equal(string.Concat(Enumerable.Repeat("😀", 63)) + "…", cut);
        Assert.Equal(64, CodePointCount(cut));

        // Mixed widths: a pair straddling the 63rd code point stays whole.
        var mixed = "a" + astral;
        Assert.Equal("a" + string.Concat(Enumerable.Repeat("😀", 62)) + "…", EchoedName.Cut(mixed));
    }

    [Fact]
    public void Lone_surrogates_count_as_one_code_point_each_and_are_not_a_crash()
    {
        var name = new string('\ud800', 100);
        var cut = EchoedName.Cut(name);
        Assert.Equal(new string('\ud800', 63) + "…", cut);
    }

    [Fact]
    public void Every_message_that_repeats_a_name_cuts_it()
    {
        var longName = new string('p', 300);
        var expected = new string('p', 63) + "…";

        Assert.Equal($"required param missing: {expected}", Validate([Specs.Integer(longName, required: true)], "{}").Error);
        Assert.Equal($"{expected}: must be integer", Validate([Specs.Integer(longName)], $$"""{"{{longName}}":"x"}""").Error);
        Assert.Equal($"missing sql param: {expected}", ParamReasons.MissingSqlParam(longName));

        var bound = ParamValidator.TryBind(new RewrittenSql("SELECT ?", [longName]), new Dictionary<string, object>(), out _, out var bindError);
        Assert.False(bound);
        Assert.Equal($"missing sql param: {expected}", bindError);
    }
}
