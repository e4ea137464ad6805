using System.Text.Json;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Capabilities.Params;

namespace Onprest.Agent.Tests.Capabilities.Params;

public sealed class ParamValidatorTests
{
    private static ParamValidationResult Validate(IReadOnlyList<ParameterSpec> specs, string? json)
    {
        if (json is null)
        {
            return ParamValidator.Validate(specs, null);
        }

        using var document = JsonDocument.Parse(json);
        return ParamValidator.Validate(specs, document.RootElement.Clone());
    }

    private static string? Error(ParameterSpec spec, string valueJson) => Validate([spec], $$"""{"{{spec.Name}}":{{valueJson}}}""").Error;

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    [InlineData("{}")]
    public void Missing_or_null_params_are_an_empty_object(string? json)
    {
        var result = Validate([Specs.Integer("a"), Specs.String("b").WithDefault("d")], json);
        Assert.Null(result.Error);
        Assert.True(result.IsValid);
        Assert.Equal(new Dictionary<string, object> { ["b"] = "d" }, result.Values);
    }

    [Fact]
    public void Required_param_missing_names_the_param()
    {
        Assert.Equal("required param missing: id", Validate([Specs.Integer("id", required: true)], "{}").Error);
        Assert.Equal("required param missing: id", Validate([Specs.Integer("id", required: true)], null).Error);
    }

    [Fact]
    public void Required_param_with_default_is_not_missing()
    {
        var result = Validate([Specs.Integer("id", required: true).WithDefault(7L)], "{}");
        Assert.Null(result.Error);
        Assert.Equal(7L, result.Values["id"]);
    }

    [Fact]
    public void Optional_param_absent_without_default_is_omitted()
    {
        var result = Validate([Specs.Integer("a"), Specs.Integer("b")], """{"b":2}""");
        Assert.Null(result.Error);
        Assert.False(result.Values.ContainsKey("a"));
        Assert.Equal(2L, result.Values["b"]);
    }

    [Fact]
    public void First_unknown_member_in_request_order_is_reported()
    {
        var specs = new[] { Specs.Integer("a", required: true) };
        Assert.Equal("unknown param: zeta", Validate(specs, """{"zeta":1,"alpha":2}""").Error);
        Assert.Equal("unknown param: alpha", Validate(specs, """{"alpha":1,"zeta":2}""").Error);
    }

    [Fact]
    public void Unknown_is_checked_before_presence_and_presence_before_types()
    {
        var specs = new[] { Specs.Integer("a"), Specs.Integer("b", required: true) };
        Assert.Equal("unknown param: x", Validate(specs, """{"a":"bad","x":1}""").Error);
        Assert.Equal("required param missing: b", Validate(specs, """{"a":"bad"}""").Error);
    }

    [Fact]
    public void Presence_is_checked_in_declaration_order()
    {
        var specs = new[] { Specs.Integer("z", required: true), Specs.Integer("a", required: true) };
        Assert.Equal("required param missing: z", Validate(specs, "{}").Error);
    }

    [Fact]
    public void Types_are_checked_in_declaration_order_not_request_order()
    {
        var specs = new[] { Specs.Integer("z"), Specs.Integer("a") };
        Assert.Equal("z: must be integer", Validate(specs, """{"a":"x","z":"y"}""").Error);
    }

    [Fact]
    public void Escaped_member_names_are_compared_unescaped()
    {
        var result = Validate([Specs.Integer("p")], """{"\u0070":1}""");
        Assert.Null(result.Error);
        Assert.Equal(1L, result.Values["p"]);
        Assert.Equal("unknown param: p\u0000", Validate([Specs.Integer("p")], """{"p\u0000":1}""").Error);
    }

    [Fact]
    public void Names_are_case_sensitive()
    {
        Assert.Equal("unknown param: ID", Validate([Specs.Integer("id")], """{"ID":1}""").Error);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData("[]")]
    [InlineData("{}")]
    public void String_type_message(string json) => Assert.Equal("p: must be string", Error(Specs.String(), json));

    [Theory]
    [InlineData("null")]
    [InlineData("\"5\"")]
    [InlineData("1.5")]
    [InlineData("1.0")]
    [InlineData("1e2")]
    [InlineData("1E2")]
    [InlineData("1e0")]
    [InlineData("-0.0")]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("99999999999999999999999999999")]
    [InlineData("true")]
    [InlineData("[1]")]
    public void Integer_type_message(string json) => Assert.Equal("p: must be integer", Error(Specs.Integer(), json));

    [Theory]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("9007199254740993", 9007199254740993L)] // 2^53 + 1: not representable as a double
    [InlineData("-9007199254740993", -9007199254740993L)]
    [InlineData("0", 0L)]
    [InlineData("-0", 0L)]
    [InlineData("42", 42L)]
    public void Integers_are_exact_int64(string json, long expected)
    {
        var result = Validate([Specs.Integer()], $$"""{"p":{{json}}}""");
        Assert.Null(result.Error);
        Assert.Equal(expected, Assert.IsType<long>(result.Values["p"]));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"1\"")]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("1e99999999999999999999")]
    [InlineData("1E400")]
    [InlineData("-1.7976931348623159e308")]
    [InlineData("true")]
    [InlineData("{}")]
    public void Number_type_message(string json) => Assert.Equal("p: must be number", Error(Specs.Number(), json));

    [Theory]
    [InlineData("1", 1.0)]
    [InlineData("1.5", 1.5)]
    [InlineData("-2.5e3", -2500.0)]
    [InlineData("1e308", 1e308)]
    [InlineData("1e-400", 0.0)] // underflow is finite
    [InlineData("9007199254740993", 9007199254740992.0)] // nearest double
    [InlineData("0.1", 0.1)]
    [InlineData("-0", -0.0)]
    public void Numbers_are_the_nearest_double(string json, double expected)
    {
        var result = Validate([Specs.Number()], $$"""{"p":{{json}}}""");
        Assert.Null(result.Error);
        Assert.Equal(expected, Assert.IsType<double>(result.Values["p"]));
    }

    [Fact]
    public void Number_with_huge_digit_text_is_parsed()
    {
        var digits = "1" + new string('0', 300);
        var result = Validate([Specs.Number()], $$"""{"p":{{digits}}}""");
        Assert.Equal(1e300, result.Values["p"]);
        Assert.Equal("p: must be number", Error(Specs.Number(), "1" + new string('0', 400)));
        Assert.Equal("p: must be integer", Error(Specs.Integer(), "1" + new string('0', 100_000)));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"true\"")]
    [InlineData("\"false\"")]
    [InlineData("0")]
    [InlineData("1")]
    public void Boolean_type_message(string json) => Assert.Equal("p: must be boolean", Error(Specs.Boolean(), json));

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Booleans_are_accepted(string json, bool expected) =>
        Assert.Equal(expected, Validate([Specs.Boolean()], $$"""{"p":{{json}}}""").Values["p"]);

    [Fact]
    public void Every_constraint_message_is_exact()
    {
        Assert.Equal("p: does not match pattern", Error(Specs.String().WithPattern("^a"), "\"b\""));
        Assert.Equal("p: below minLength", Error(Specs.String() with { MinLength = 2 }, "\"a\""));
        Assert.Equal("p: above maxLength", Error(Specs.String() with { MaxLength = 1 }, "\"ab\""));
        Assert.Equal("p: must be email", Error(Specs.String() with { Format = StringFormat.Email }, "\"x\""));
        Assert.Equal("p: must be uuid", Error(Specs.String() with { Format = StringFormat.Uuid }, "\"x\""));
        Assert.Equal("p: must be date", Error(Specs.String() with { Format = StringFormat.Date }, "\"x\""));
        Assert.Equal("p: must be date-time", Error(Specs.String() with { Format = StringFormat.DateTime }, "\"x\""));
        Assert.Equal("p: must be uri", Error(Specs.String() with { Format = StringFormat.Uri }, "\"http://[::1\""));
        Assert.Equal("p: must include URI scheme", Error(Specs.String() with { Format = StringFormat.Uri }, "\"example.com\""));
        Assert.Equal("p: below minimum", Error(Specs.Integer() with { Minimum = 1 }, "0"));
        Assert.Equal("p: above maximum", Error(Specs.Integer() with { Maximum = 1 }, "2"));
        Assert.Equal("p: below minimum", Error(Specs.Number() with { Minimum = 1 }, "0.5"));
        Assert.Equal("p: above maximum", Error(Specs.Number() with { Maximum = 1 }, "1.0000001"));
        Assert.Equal("p: not in enum", Error(Specs.String() with { Enum = ["a"] }, "\"b\""));
        Assert.Equal("p: not in enum", Error(Specs.Integer() with { Enum = [1L] }, "2"));
        Assert.Equal("p: not in enum", Error(Specs.Number() with { Enum = [1.5] }, "2"));
        Assert.Equal("p: not in enum", Error(Specs.Boolean() with { Enum = [true] }, "false"));
    }

    [Fact]
    public void Messages_never_contain_the_value()
    {
        var secret = "s3cr3t-value";
        var specs = new[] { Specs.String("p").WithPattern("^x") with { Format = StringFormat.Email, Enum = ["x"] } };
        var error = Validate(specs, $$"""{"p":"{{secret}}"}""").Error;
        Assert.NotNull(error);
        Assert.DoesNotContain(secret, error, StringComparison.Ordinal);
    }

    [Fact]
    public void String_checks_run_minLength_then_maxLength_then_pattern_then_format_then_enum()
    {
        var spec = Specs.String().WithPattern("^[a-z@.]*$") with
        {
            MinLength = 5,
            MaxLength = 12,
            Format = StringFormat.Email,
            Enum = ["zz@example.com"],
        };
        Assert.Equal("p: below minLength", Error(spec, "\"A\""));               // fails all: minLength first
        Assert.Equal("p: above maxLength", Error(spec, "\"ABCDEFGHIJKLMN\""));  // fails pattern too
        Assert.Equal("p: does not match pattern", Error(spec, "\"ABCDEFG\""));  // fails format too
        Assert.Equal("p: must be email", Error(spec, "\"abcdefg\""));
        Assert.Equal("p: not in enum", Error(spec, "\"a@example.co\""));
        Assert.Null(Error(spec with { MaxLength = 14 }, "\"zz@example.com\""));
    }

    [Fact]
    public void A_megabyte_value_is_refused_by_maxLength_before_a_costly_pattern_sees_it()
    {
        // The audit's capability: a pattern whose automaton is large, with a small length bound. The value fails
        // both; the reason proves the length bound decided it, so the pattern never ran over the megabyte.
        var spec = Specs.String().WithPattern("(a|aa){1,1000}b") with { MaxLength = 10 };
        var value = new string('a', 1024 * 1024);
        Assert.Equal("p: above maxLength", Error(spec, $"\"{value}\""));
        Assert.Equal("p: above maxLength", Error(spec with { Format = StringFormat.Email }, $"\"{value}\""));
        Assert.Equal("p: below minLength", Error(spec with { MinLength = 2, MaxLength = null }, "\"a\""));
        Assert.Equal("p: does not match pattern", Error(spec, "\"aaaa\""));
        Assert.Null(Error(spec, "\"aaab\""));
    }

    [Fact]
    public void Numeric_checks_run_minimum_then_maximum_then_enum()
    {
        // An inconsistent contract (never passes lint) shows the order: minimum wins over maximum.
        var spec = Specs.Integer() with { Minimum = 10, Maximum = 5, Enum = [7L] };
        Assert.Equal("p: below minimum", Error(spec, "7"));
        Assert.Equal("p: above maximum", Error(Specs.Integer() with { Maximum = 5, Enum = [7L] }, "7"));
        Assert.Equal("p: not in enum", Error(Specs.Integer() with { Minimum = 1, Maximum = 9, Enum = [7L] }, "8"));
    }

    [Theory]
    [InlineData("9223372036854775807", null)]
    [InlineData("-9223372036854775808", "p: below minimum")]
    public void Integer_bounds_are_compared_as_int64(string json, string? expected)
    {
        var spec = Specs.Integer() with { Minimum = -9223372036854775807, Maximum = long.MaxValue };
        Assert.Equal(expected, Error(spec, json));
        // 2^53 + 1 vs maximum 2^53: equal as doubles, different as int64.
        Assert.Equal("p: above maximum", Error(Specs.Integer() with { Maximum = 9007199254740992 }, "9007199254740993"));
    }

    [Fact]
    public void Number_bounds_are_compared_as_doubles()
    {
        // 9007199254740993 as a double is 2^53, so it is not above a maximum of 2^53.
        Assert.Null(Error(Specs.Number() with { Maximum = 9007199254740992 }, "9007199254740993"));
        Assert.Null(Error(Specs.Number() with { Minimum = 1, Maximum = 1 }, "1.0"));
        Assert.Equal("p: above maximum", Error(Specs.Number() with { Maximum = 1 }, "1e308"));
    }

    [Theory]
    [InlineData("\"日本\"", 2)]
    [InlineData("\"😀\"", 1)]
    [InlineData("\"👍🏽\"", 2)]                  // base emoji + skin-tone modifier
    [InlineData("\"e\u0301\"", 2)]               // e + combining acute accent
    [InlineData("\"👨‍👩‍👧\"", 5)]              // ZWJ sequence: 3 emoji + 2 joiners
    [InlineData("\"\\ud83d\\ude00\"", 1)]        // escaped surrogate pair
    [InlineData("\"\"", 0)]
    public void Lengths_count_code_points(string json, int length)
    {
        Assert.Null(Error(Specs.String() with { MinLength = length, MaxLength = length }, json));
        Assert.Equal("p: below minLength", Error(Specs.String() with { MinLength = length + 1 }, json));
        if (length > 0)
        {
            Assert.Equal("p: above maxLength", Error(Specs.String() with { MaxLength = length - 1 }, json));
        }
    }

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"a\\udc00b\"")]
    public void Escaped_lone_surrogates_are_not_strings(string json) =>
        Assert.Equal("p: must be string", Error(Specs.String(), json));

    [Fact]
    public void Enum_equality_is_ordinal_for_strings()
    {
        var spec = Specs.String() with { Enum = ["Straße", "e\u0301"] };
        Assert.Null(Error(spec, "\"Straße\""));
        Assert.Equal("p: not in enum", Error(spec, "\"STRASSE\""));
        Assert.Equal("p: not in enum", Error(spec, "\"\u00e9\""));     // precomposed é is another code-unit sequence
        Assert.Null(Error(spec, "\"e\\u0301\""));
    }

    [Fact]
    public void Number_enum_uses_double_equality()
    {
        var spec = Specs.Number() with { Enum = [0.1, 2.0] };
        Assert.Null(Error(spec, "0.1"));
        Assert.Null(Error(spec, "2"));
        Assert.Null(Error(spec, "2e0"));
        Assert.Null(Error(spec, "0.10000000000000000001"));   // same nearest double
        Assert.Equal("p: not in enum", Error(spec, "0.2"));
    }

    [Fact]
    public void Empty_enum_is_no_constraint() =>
        Assert.Null(Error(Specs.String() with { Enum = [] }, "\"anything\""));

    [Fact]
    public void Defaults_are_bound_without_a_type_check_of_the_request()
    {
        var result = Validate([Specs.Number("n").WithDefault(2.5), Specs.Boolean("b").WithDefault(false)], "{}");
        Assert.Equal(2.5, result.Values["n"]);
        Assert.Equal(false, result.Values["b"]);
    }

    [Fact]
    public void Present_null_is_a_type_failure_even_with_a_default()
    {
        Assert.Equal("p: must be integer", Validate([Specs.Integer().WithDefault(1L)], """{"p":null}""").Error);
    }

    [Fact]
    public void Failed_result_has_no_values()
    {
        var result = Validate([Specs.Integer("a"), Specs.Integer("b")], """{"a":1,"b":"x"}""");
        Assert.Equal("b: must be integer", result.Error);
        Assert.False(result.IsValid);
        Assert.Empty(result.Values);
    }

    [Fact]
    public void Duplicate_members_use_the_last_occurrence()
    {
        Assert.Equal(2L, Validate([Specs.Integer()], """{"p":1,"p":2}""").Values["p"]);
        Assert.Equal("p: must be integer", Validate([Specs.Integer()], """{"p":1,"p":"x"}""").Error);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("1")]
    [InlineData("\"x\"")]
    public void Non_object_params_are_a_caller_contract_violation(string json) =>
        Assert.Throws<ArgumentException>(() => Validate([Specs.Integer()], json));

    [Fact]
    public void Unknown_param_names_with_unicode_are_reported_verbatim_and_huge_names_cut()
    {
        Assert.Equal("unknown param: ключ😀", Validate([Specs.Integer()], """{"ключ😀":1}""").Error);
        var longName = new string('k', 100_000);
        Assert.Equal("unknown param: " + new string('k', 63) + "…", Validate([Specs.Integer()], $$"""{"{{longName}}":1}""").Error);
    }

    [Fact]
    public void Many_members_are_handled()
    {
        var specs = Enumerable.Range(0, 500).Select(i => Specs.Integer("p" + i)).ToArray();
        var json = "{" + string.Join(",", Enumerable.Range(0, 500).Select(i => $"\"p{i}\":{i}")) + "}";
        var result = Validate(specs, json);
        Assert.Null(result.Error);
        Assert.Equal(500, result.Values.Count);
        Assert.Equal(499L, result.Values["p499"]);
    }

    [Fact]
    public void Nested_values_fail_the_type_check()
    {
        var deep = new string('[', 60) + new string(']', 60);
        Assert.Equal("p: must be string", Error(Specs.String(), deep));
        Assert.Equal("p: must be number", Error(Specs.Number(), """{"a":{"b":1}}"""));
    }

    [Fact]
    public void Huge_string_values_are_checked()
    {
        var big = new string('a', 200_000);
        Assert.Null(Error(Specs.String().WithPattern("^a+$") with { MaxLength = 200_000 }, $"\"{big}\""));
        Assert.Equal("p: above maxLength", Error(Specs.String() with { MaxLength = 199_999 }, $"\"{big}\""));
    }
}

/// <summary>A value of the right type skips the constraint checks only when its parameter has none.</summary>
public sealed class ParameterConstraintPresenceTests
{
    public static TheoryData<string, ParameterSpec, string> EachConstraintAlone => new()
    {
        { "minimum", Specs.Integer("p") with { Minimum = 5 }, "4" },
        { "maximum", Specs.Integer("p") with { Maximum = 5 }, "6" },
        { "enum", Specs.Integer("p") with { Enum = [1L, 2L] }, "3" },
        { "minLength", Specs.String("p") with { MinLength = 2 }, "\"a\"" },
        { "maxLength", Specs.String("p") with { MaxLength = 1 }, "\"ab\"" },
        { "pattern", Specs.String("p").WithPattern("^[a-z]+$"), "\"A\"" },
        { "pattern text only", Specs.String("p") with { PatternText = "^[a-z]+$" }, "\"A\"" },
        { "format", Specs.String("p") with { Format = StringFormat.Uuid }, "\"not-a-uuid\"" },
        { "boolean enum", Specs.Boolean("p") with { Enum = [true] }, "false" },
    };

    [Theory]
    [MemberData(nameof(EachConstraintAlone))]
    public void Every_constraint_counts_and_is_checked(string constraint, ParameterSpec spec, string refusedValue)
    {
        Assert.True(spec.HasConstraints, constraint);
        using var document = JsonDocument.Parse($$"""{"p":{{refusedValue}}}""");
        Assert.NotNull(ParamValidator.Validate([spec], document.RootElement).Error);
    }

    [Fact]
    public void A_parameter_with_only_a_type_has_none_and_its_values_pass_on_the_type()
    {
        foreach (var (spec, value) in new[] { (Specs.Integer("p"), "-9223372036854775808"), (Specs.Number("p"), "1e308"), (Specs.String("p"), "\"\""), (Specs.Boolean("p"), "true") })
        {
            Assert.False(spec.HasConstraints, spec.Type.ToString());
            using var document = JsonDocument.Parse($$"""{"p":{{value}}}""");
            Assert.True(ParamValidator.Validate([spec], document.RootElement).IsValid, value);
        }
    }
}
