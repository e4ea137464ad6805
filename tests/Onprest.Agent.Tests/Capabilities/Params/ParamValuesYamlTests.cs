using Onprest.Agent.Capabilities;
using Onprest.Agent.Capabilities.Params;

namespace Onprest.Agent.Tests.Capabilities.Params;

/// <summary>docs/agent-params.md: YAML-typed values converted per parameter type.</summary>
public sealed class ParamValuesYamlTests
{
    public static TheoryData<ParamType, ScalarKind, string, object> Accepted => new()
    {
        { ParamType.Integer, ScalarKind.Integer, "5", 5L },
        { ParamType.Integer, ScalarKind.Integer, "-5", -5L },
        { ParamType.Integer, ScalarKind.Integer, "+5", 5L },
        { ParamType.Integer, ScalarKind.Integer, "0x1F", 31L },
        { ParamType.Integer, ScalarKind.Integer, "0o17", 15L },
        { ParamType.Integer, ScalarKind.Integer, "0b101", 5L },
        { ParamType.Integer, ScalarKind.Integer, "1_000", 1000L },
        { ParamType.Integer, ScalarKind.Integer, "9223372036854775807", long.MaxValue },
        { ParamType.Integer, ScalarKind.Integer, "-9223372036854775808", long.MinValue },
        { ParamType.Integer, ScalarKind.Integer, "0x7FFFFFFFFFFFFFFF", long.MaxValue },
        { ParamType.Integer, ScalarKind.Integer, "9007199254740993", 9007199254740993L },
        { ParamType.Integer, ScalarKind.Float, "5.0", 5L },
        { ParamType.Integer, ScalarKind.Float, "-5.0", -5L },
        { ParamType.Integer, ScalarKind.Float, "1e3", 1000L },
        { ParamType.Integer, ScalarKind.Float, "-0.0", 0L },
        { ParamType.Integer, ScalarKind.Float, "9007199254740992.0", 9007199254740992L },
        { ParamType.Integer, ScalarKind.Float, "-9007199254740992.0", -9007199254740992L },
        { ParamType.Number, ScalarKind.Integer, "5", 5.0 },
        { ParamType.Number, ScalarKind.Integer, "0x10", 16.0 },
        { ParamType.Number, ScalarKind.Integer, "9007199254740993", 9007199254740992.0 },
        { ParamType.Number, ScalarKind.Integer, "1" + new string('0', 30), 1e30 },
        { ParamType.Number, ScalarKind.Integer, "9223372036854775808", 9223372036854775808.0 },
        { ParamType.Number, ScalarKind.Integer, "-0x10", -16.0 },
        { ParamType.Number, ScalarKind.Float, "1.5", 1.5 },
        { ParamType.Number, ScalarKind.Float, ".5", 0.5 },
        { ParamType.Number, ScalarKind.Float, "-2.5e-3", -0.0025 },
        { ParamType.Number, ScalarKind.Float, "1e308", 1e308 },
        { ParamType.String, ScalarKind.String, "123", "123" },
        { ParamType.String, ScalarKind.String, "yes", "yes" },
        { ParamType.String, ScalarKind.String, "", "" },
        { ParamType.String, ScalarKind.String, "日本😀", "日本😀" },
        { ParamType.Boolean, ScalarKind.Boolean, "true", true },
        { ParamType.Boolean, ScalarKind.Boolean, "True", true },
        { ParamType.Boolean, ScalarKind.Boolean, "TRUE", true },
        { ParamType.Boolean, ScalarKind.Boolean, "false", false },
        { ParamType.Boolean, ScalarKind.Boolean, "False", false },
        { ParamType.Boolean, ScalarKind.Boolean, "FALSE", false },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Converts_accepted_values(ParamType type, ScalarKind kind, string text, object expected)
    {
        Assert.True(ParamValues.TryConvertYaml(type, new ScalarValue(kind, text), out var converted, out var reason));
        Assert.Null(reason);
        Assert.Equal(expected, converted);
        Assert.Equal(expected.GetType(), converted!.GetType());
    }

    public static TheoryData<ParamType, ScalarKind, string, string> Rejected => new()
    {
        { ParamType.Integer, ScalarKind.Integer, "9223372036854775808", "must be integer" },
        { ParamType.Integer, ScalarKind.Integer, "-9223372036854775809", "must be integer" },
        { ParamType.Integer, ScalarKind.Integer, "0x8000000000000000", "must be integer" },
        { ParamType.Integer, ScalarKind.Float, "5.5", "must be integer" },
        { ParamType.Integer, ScalarKind.Float, "9007199254740994.0", "must be integer" },
        { ParamType.Integer, ScalarKind.Float, "1e300", "must be integer" },
        { ParamType.Integer, ScalarKind.Float, ".inf", "must be integer" },
        { ParamType.Integer, ScalarKind.Float, ".nan", "must be integer" },
        { ParamType.Integer, ScalarKind.String, "5", "must be integer" },
        { ParamType.Integer, ScalarKind.Boolean, "true", "must be integer" },
        { ParamType.Integer, ScalarKind.Null, "", "must be integer" },
        { ParamType.Integer, ScalarKind.Composite, "", "must be integer" },
        { ParamType.Integer, ScalarKind.Integer, "12abc", "must be integer" },
        { ParamType.Integer, ScalarKind.Integer, "", "must be integer" },
        { ParamType.Integer, ScalarKind.Integer, "-", "must be integer" },
        { ParamType.Number, ScalarKind.Float, ".inf", "must be number" },
        { ParamType.Number, ScalarKind.Float, "-.Inf", "must be number" },
        { ParamType.Number, ScalarKind.Float, "+.INF", "must be number" },
        { ParamType.Number, ScalarKind.Float, ".nan", "must be number" },
        { ParamType.Number, ScalarKind.Float, ".NaN", "must be number" },
        { ParamType.Number, ScalarKind.Float, "1e400", "must be number" },
        { ParamType.Number, ScalarKind.Float, "Infinity", "must be number" },
        { ParamType.Number, ScalarKind.Float, "∞", "must be number" },
        { ParamType.Number, ScalarKind.Integer, "1" + new string('0', 400), "must be number" },
        { ParamType.Number, ScalarKind.String, "1", "must be number" },
        { ParamType.Number, ScalarKind.Boolean, "true", "must be number" },
        { ParamType.Number, ScalarKind.Null, "", "must be number" },
        { ParamType.Number, ScalarKind.Composite, "", "must be number" },
        { ParamType.String, ScalarKind.Integer, "123", "must be string" },
        { ParamType.String, ScalarKind.Float, "1.5", "must be string" },
        { ParamType.String, ScalarKind.Boolean, "true", "must be string" },
        { ParamType.String, ScalarKind.Null, "", "must be string" },
        { ParamType.String, ScalarKind.Composite, "", "must be string" },
        { ParamType.Boolean, ScalarKind.String, "true", "must be boolean" },
        { ParamType.Boolean, ScalarKind.String, "yes", "must be boolean" },
        { ParamType.Boolean, ScalarKind.Integer, "1", "must be boolean" },
        { ParamType.Boolean, ScalarKind.Null, "", "must be boolean" },
        { ParamType.Boolean, ScalarKind.Composite, "", "must be boolean" },
        { ParamType.Boolean, ScalarKind.Boolean, "yes", "must be boolean" },
        { ParamType.Boolean, ScalarKind.Boolean, "tRUE", "must be boolean" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Rejects_values_of_the_wrong_yaml_type(ParamType type, ScalarKind kind, string text, string expected)
    {
        Assert.False(ParamValues.TryConvertYaml(type, new ScalarValue(kind, text), out var converted, out var reason));
        Assert.Equal(expected, reason);
        Assert.Null(converted);
    }

    [Theory]
    [InlineData(ParamType.Integer, "must be integer")]
    [InlineData(ParamType.Number, "must be number")]
    public void Huge_integer_texts_are_out_of_range(ParamType type, string reason)
    {
        foreach (var text in new[]
        {
            "1" + new string('0', 1_000_000),
            "-" + new string('9', 400),
            "0x1" + new string('0', 300),
            "0o7" + new string('7', 400),
            "0b1" + new string('0', 1100),
        })
        {
            Assert.False(ParamValues.TryConvertYaml(type, new ScalarValue(ScalarKind.Integer, text), out _, out var actual));
            Assert.Equal(reason, actual);
        }
    }

    [Theory]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001F", 31L)]
    [InlineData("-0b1111111111111111111111111111111111111111111111111111111111111111", -18446744073709551615.0)]
    [InlineData("0xFFFFFFFFFFFFF800000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000", double.MaxValue)]
    public void Long_integer_texts_within_range_stay_exact(string text, object expected)
    {
        var type = expected is long ? ParamType.Integer : ParamType.Number;
        Assert.True(ParamValues.TryConvertYaml(type, new ScalarValue(ScalarKind.Integer, text), out var converted, out _));
        Assert.Equal(expected, converted);
    }

    [Fact]
    public void Null_scalar_fails_every_type()
    {
        foreach (var type in Enum.GetValues<ParamType>())
        {
            Assert.False(ParamValues.TryConvertYaml(type, ScalarValue.Null, out _, out var reason));
            Assert.Equal(ParamReasons.MustBe(type), reason);
        }
    }

    [Fact]
    public void Constraint_checks_report_reasons_without_prefix()
    {
        var spec = Specs.Integer() with { Minimum = 1, Maximum = 10, Enum = [2L, 20L] };
        Assert.Equal("below minimum", ParamValues.CheckConstraints(spec, 0L, checkEnum: true));
        Assert.Equal("above maximum", ParamValues.CheckConstraints(spec, 20L, checkEnum: false));
        Assert.Equal("not in enum", ParamValues.CheckConstraints(spec, 3L, checkEnum: true));
        Assert.Null(ParamValues.CheckConstraints(spec, 3L, checkEnum: false));
        Assert.Null(ParamValues.CheckConstraints(spec, 2L, checkEnum: true));
    }

    [Fact]
    public void Constraint_check_of_a_value_of_the_wrong_clr_type_is_a_type_failure()
    {
        Assert.Equal("must be integer", ParamValues.CheckConstraints(Specs.Integer(), 1.0, checkEnum: true));
        Assert.Equal("must be number", ParamValues.CheckConstraints(Specs.Number(), 1L, checkEnum: true));
        Assert.Equal("must be string", ParamValues.CheckConstraints(Specs.String(), 1L, checkEnum: true));
        Assert.Equal("must be boolean", ParamValues.CheckConstraints(Specs.Boolean(), "true", checkEnum: true));
    }

    [Fact]
    public void Pattern_text_without_compiled_pattern_is_still_enforced()
    {
        var spec = Specs.String() with { PatternText = "^a$" };
        Assert.Null(ParamValues.CheckConstraints(spec, "a", checkEnum: true));
        Assert.Equal("does not match pattern", ParamValues.CheckConstraints(spec, "b", checkEnum: true));
        var broken = Specs.String() with { PatternText = "(" };
        Assert.Equal("does not match pattern", ParamValues.CheckConstraints(broken, "(", checkEnum: true));
    }

    [Fact]
    public void Empty_pattern_text_is_no_constraint() =>
        Assert.Null(ParamValues.CheckConstraints(Specs.String() with { PatternText = "" }, "anything", checkEnum: true));

    [Fact]
    public void Yaml_examples_are_validated_like_a_call()
    {
        var specs = new[]
        {
            Specs.Integer("customer_id", required: true) with { Minimum = 1 },
            Specs.String("status").WithDefault("open"),
        };
        KeyValuePair<string, ScalarValue> Pair(string name, ScalarKind kind, string text) => new(name, new ScalarValue(kind, text));

        Assert.Equal("required param missing: customer_id", ParamValidator.ValidateYaml(specs, []).Error);
        Assert.Equal("customer_id: below minimum", ParamValidator.ValidateYaml(specs, [Pair("customer_id", ScalarKind.Integer, "0")]).Error);
        Assert.Equal("unknown param: unknown", ParamValidator.ValidateYaml(specs, [Pair("unknown", ScalarKind.Integer, "1")]).Error);
        Assert.Equal("customer_id: must be integer", ParamValidator.ValidateYaml(specs, [Pair("customer_id", ScalarKind.String, "1")]).Error);
        Assert.Equal("customer_id: must be integer", ParamValidator.ValidateYaml(specs, [Pair("customer_id", ScalarKind.Null, "")]).Error);
        Assert.Equal("customer_id: must be integer", ParamValidator.ValidateYaml(specs, [Pair("customer_id", ScalarKind.Composite, "")]).Error);

        Assert.Equal("unknown param: b", ParamValidator.ValidateYaml(specs, [Pair("customer_id", ScalarKind.Integer, "1"), Pair("b", ScalarKind.Integer, "1"), Pair("a", ScalarKind.Integer, "1")]).Error);
        // Types are checked in declaration order (customer_id first), not in the order the example writes them.
        Assert.Equal("customer_id: must be integer", ParamValidator.ValidateYaml(specs, [Pair("status", ScalarKind.Integer, "1"), Pair("customer_id", ScalarKind.String, "x")]).Error);
        Assert.Equal(2L, ParamValidator.ValidateYaml(specs, [Pair("customer_id", ScalarKind.Integer, "1"), Pair("customer_id", ScalarKind.Integer, "2")]).Values["customer_id"]);

        var ok = ParamValidator.ValidateYaml(specs, [Pair("customer_id", ScalarKind.Float, "42.0")]);
        Assert.Null(ok.Error);
        Assert.Equal(42L, ok.Values["customer_id"]);
        Assert.Equal("open", ok.Values["status"]);
    }
}
