using Onprest.Agent.Capabilities;
using Onprest.Agent.Capabilities.Loading;
using static Onprest.Agent.Tests.Capabilities.CapabilityYaml;

namespace Onprest.Agent.Tests.Capabilities.Loading;

/// <summary>Scalar typing of docs/capability-yaml.md.</summary>
public sealed class ScalarTypingTests
{
    [Theory]
    [InlineData("42", ScalarKind.Integer, "42")]
    [InlineData("-7", ScalarKind.Integer, "-7")]
    [InlineData("+7", ScalarKind.Integer, "+7")]
    [InlineData("0x1F", ScalarKind.Integer, "0x1F")]
    [InlineData("0o17", ScalarKind.Integer, "0o17")]
    [InlineData("99999999999999999999", ScalarKind.Integer, "99999999999999999999")]
    [InlineData("1.5", ScalarKind.Float, "1.5")]
    [InlineData("1e3", ScalarKind.Float, "1e3")]
    [InlineData(".5", ScalarKind.Float, ".5")]
    [InlineData("5.", ScalarKind.Float, "5.")]
    [InlineData("-.inf", ScalarKind.Float, "-.inf")]
    [InlineData(".NaN", ScalarKind.Float, ".NaN")]
    [InlineData("true", ScalarKind.Boolean, "true")]
    [InlineData("FALSE", ScalarKind.Boolean, "false")]
    [InlineData("True", ScalarKind.Boolean, "true")]
    [InlineData("yes", ScalarKind.String, "yes")]
    [InlineData("on", ScalarKind.String, "on")]
    [InlineData("0b101", ScalarKind.String, "0b101")]
    [InlineData("1_000", ScalarKind.String, "1_000")]
    [InlineData("-0x1F", ScalarKind.String, "-0x1F")]
    [InlineData("'42'", ScalarKind.String, "42")]
    [InlineData("\"true\"", ScalarKind.String, "true")]
    [InlineData("!!str 42", ScalarKind.String, "42")]
    [InlineData("! 42", ScalarKind.String, "42")]
    [InlineData("!!int 42", ScalarKind.Integer, "42")]
    [InlineData("!!float 42", ScalarKind.Float, "42")]
    [InlineData("~", ScalarKind.Null, "")]
    [InlineData("null", ScalarKind.Null, "")]
    [InlineData("NULL", ScalarKind.Null, "")]
    [InlineData("", ScalarKind.Null, "")]
    [InlineData("!!null x", ScalarKind.Null, "")]
    [InlineData("nULL", ScalarKind.String, "nULL")]
    [InlineData("[1]", ScalarKind.Composite, "")]
    [InlineData("{a: 1}", ScalarKind.Composite, "")]
    public void Untyped_values_keep_their_yaml_type(string written, ScalarKind kind, string text)
    {
        var root = YamlTreeReader.Read("v: " + written + "\n");
        var mapping = Assert.IsType<YamlMappingNode>(root);
        var value = FieldReader.Untyped(mapping.Entries[0].Value, "v");
        Assert.Equal(new ScalarValue(kind, text), value);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("y", true)]
    [InlineData("Y", true)]
    [InlineData("Yes", true)]
    [InlineData("YES", true)]
    [InlineData("on", true)]
    [InlineData("On", true)]
    [InlineData("ON", true)]
    [InlineData("False", false)]
    [InlineData("n", false)]
    [InlineData("NO", false)]
    [InlineData("off", false)]
    [InlineData("OFF", false)]
    public void Boolean_fields_accept_yaml_booleans_and_the_yaml_11_words(string written, bool expected)
    {
        var result = Load(File(extra: "defaults: {expose_in_openapi: " + written + "}"));
        Assert.True(result.IsValid, result.Error?.Detail);
        Assert.Equal(expected, result.Configuration.Capabilities[0].Policy.ExposeInOpenApi);
    }

    [Theory]
    [InlineData("0x10", 16)]
    [InlineData("0o20", 16)]
    [InlineData("+16", 16)]
    [InlineData("016", 16)]
    [InlineData("2147483647", int.MaxValue)]
    public void Integer_fields_accept_decimal_hexadecimal_and_octal(string written, int expected)
    {
        var result = Load(File(extra: "runtime: {max_concurrent_requests: " + written + "}"));
        Assert.True(result.IsValid, result.Error?.Detail);
        Assert.Equal(expected, result.Configuration.MaxConcurrentRequests);
    }

    [Theory]
    [InlineData("title: 123", "123")]
    [InlineData("title: true", "true")]
    [InlineData("title: 1.50", "1.50")]
    [InlineData("title: 0x1F", "0x1F")]
    [InlineData("title: '  spaced  '", "  spaced  ")]
    [InlineData("title: |\n    two\n    lines", "two\nlines\n")]
    [InlineData("title: >-\n    two\n    lines", "two lines")]
    public void String_fields_keep_the_text_as_written(string service, string expected)
    {
        var result = Load(File(extra: "service:\n  " + service));
        Assert.True(result.IsValid, result.Error?.Detail);
        Assert.Equal(expected, result.Configuration.Service.Title);
    }

    [Fact]
    public void Null_fields_mean_absent()
    {
        var result = Load(File(extra: "runtime: {max_concurrent_requests: ~}\nlogging: {max_size: null, max_files: }\ndefaults: {timeout: ~, readonly: ~}\nservice: ~"));
        Assert.True(result.IsValid, result.Error?.Detail);
        Assert.Equal(16, result.Configuration.MaxConcurrentRequests);
        Assert.Equal(TimeSpan.FromSeconds(5), result.Configuration.Capabilities[0].Policy.Timeout);
    }

    [Fact]
    public void Int64_fields_take_the_full_range()
    {
        var result = Load(WithCapability("sql: select 1 from t where v = :v\nparams: {v: {type: integer, minimum: -9223372036854775808, maximum: 9223372036854775807}}"));
        Assert.True(result.IsValid, result.Error?.Detail);
        Assert.Equal((long.MinValue, long.MaxValue), (result.Configuration.Capabilities[0].Parameters[0].Minimum!.Value, result.Configuration.Capabilities[0].Parameters[0].Maximum!.Value));
    }
}
