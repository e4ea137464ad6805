using Onprest.Agent.Capabilities;
using Onprest.Agent.Capabilities.Params;
using Onprest.Agent.Sql;

namespace Onprest.Agent.Tests.Capabilities.Params;

public sealed class ParamBindingTests
{
    [Fact]
    public void Binds_one_value_per_occurrence_in_placeholder_order()
    {
        var sql = new RewrittenSql("select $1, $2, $3", ["b", "a", "b"]);
        var values = new Dictionary<string, object> { ["a"] = 1L, ["b"] = "x" };
        Assert.True(ParamValidator.TryBind(sql, values, out var ordered, out var error));
        Assert.Null(error);
        Assert.Equal(["x", 1L, "x"], ordered);
    }

    [Fact]
    public void Reports_the_first_missing_placeholder()
    {
        var sql = new RewrittenSql("select $1, $2, $3", ["a", "limit", "offset"]);
        var values = new Dictionary<string, object> { ["a"] = 1L };
        Assert.False(ParamValidator.TryBind(sql, values, out var ordered, out var error));
        Assert.Equal("missing sql param: limit", error);
        Assert.Empty(ordered);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\t")]
    public void Empty_sql_is_reported(string text)
    {
        Assert.False(ParamValidator.TryBind(new RewrittenSql(text, []), new Dictionary<string, object>(), out _, out var error));
        Assert.Equal("sql is empty", error);
    }

    [Fact]
    public void No_placeholders_bind_nothing()
    {
        Assert.True(ParamValidator.TryBind(new RewrittenSql("select 1", []), new Dictionary<string, object> { ["unused"] = 1L }, out var ordered, out _));
        Assert.Empty(ordered);
    }

    [Fact]
    public void Validated_values_flow_into_binding()
    {
        var specs = new[] { Specs.Integer("id", required: true), Specs.Integer("limit") };
        using var document = System.Text.Json.JsonDocument.Parse("""{"id":9223372036854775807}""");
        var result = ParamValidator.Validate(specs, document.RootElement);
        Assert.False(ParamValidator.TryBind(new RewrittenSql("select ? limit ?", ["id", "limit"]), result.Values, out _, out var error));
        Assert.Equal("missing sql param: limit", error);
        Assert.True(ParamValidator.TryBind(new RewrittenSql("select ?", ["id"]), result.Values, out var ordered, out _));
        Assert.Equal(long.MaxValue, ordered[0]);
    }

    public static TheoryData<ParameterSpec, object> Placeholders => new()
    {
        { Specs.String().WithDefault("dflt") with { Enum = ["a", "dflt"], Format = StringFormat.Uuid }, "dflt" },
        { Specs.String() with { Enum = ["first", "second"], Format = StringFormat.Uuid }, "first" },
        { Specs.String() with { Format = StringFormat.Uuid }, "00000000-0000-4000-8000-000000000000" },
        { Specs.String() with { Format = StringFormat.Date }, "2000-01-01" },
        { Specs.String() with { Format = StringFormat.DateTime }, "2000-01-01T00:00:00Z" },
        { Specs.String() with { Format = StringFormat.Email }, "user@example.com" },
        { Specs.String() with { Format = StringFormat.Uri }, "https://example.com/" },
        { Specs.String(), "x" },
        { Specs.Integer(), 1L },
        { Specs.Integer().WithDefault(-5L), -5L },
        { Specs.Integer() with { Enum = [42L] }, 42L },
        { Specs.Number(), 1.0 },
        { Specs.Boolean(), true },
        { Specs.Boolean().WithDefault(false), false },
        { Specs.String() with { Enum = [] }, "x" },
    };

    [Theory]
    [MemberData(nameof(Placeholders))]
    public void Explain_placeholder_values_follow_D40(ParameterSpec spec, object expected)
    {
        var value = ParamValidator.PlaceholderValue(spec);
        Assert.Equal(expected, value);
        Assert.Equal(expected.GetType(), value.GetType());
    }

    [Fact]
    public void Format_samples_satisfy_their_own_format()
    {
        foreach (var format in new[] { StringFormat.Uuid, StringFormat.Date, StringFormat.DateTime, StringFormat.Email, StringFormat.Uri })
        {
            var spec = Specs.String() with { Format = format };
            Assert.Null(ParamValues.CheckConstraints(spec, ParamValidator.PlaceholderValue(spec), checkEnum: true));
        }
    }
}
