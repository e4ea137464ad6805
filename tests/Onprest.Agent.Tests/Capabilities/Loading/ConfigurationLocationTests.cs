using Onprest.Agent.Capabilities.Loading;
using static Onprest.Agent.Tests.Capabilities.CapabilityYaml;

namespace Onprest.Agent.Tests.Capabilities.Loading;

/// <summary>Every configuration error says where it is (file, line, column, field path) and, when there is one, the fix; never a value.</summary>
public sealed class ConfigurationLocationTests
{
    private const string FileName = "/etc/onprest/capability.yaml";

    private static ConfigurationError Error(string yaml)
    {
        var result = CapabilityFileLoader.LoadText(yaml, "/etc/onprest", FileName);
        Assert.False(result.IsValid, "the configuration was expected to fail");
        return result.Error;
    }

    private static int LineOf(string yaml, string text) =>
        yaml.Split('\n').ToList().FindIndex(l => l.Contains(text, StringComparison.Ordinal)) + 1;

    [Theory]
    [InlineData("max_row", "max_rows")]
    [InlineData("mxa_rows", "max_rows")]
    [InlineData("Max_Rows", "max_rows")]
    [InlineData("timout", "timeout")]
    public void A_misspelled_policy_key_suggests_the_nearest(string written, string expected)
    {
        var yaml = WithCapability($"sql: select 1\npolicy:\n  {written}: 5");
        var error = Error(yaml);
        Assert.Equal(ConfigurationErrorClass.Decode, error.Class);
        Assert.Equal("capabilities.get_customer.policy." + written, error.FieldPath);
        Assert.Equal($"did you mean {expected}?", error.Fix);
        Assert.Equal(LineOf(yaml, written + ":"), error.Line);
        Assert.Equal(7, error.Column);
        Assert.Equal(FileName, error.File);
    }

    [Fact]
    public void A_key_far_from_every_allowed_one_has_no_suggestion()
    {
        var error = Error(File(extra: "runtime: {completely_different: 1}"));
        Assert.Null(error.Fix);
        Assert.Equal("runtime.completely_different", error.FieldPath);
    }

    [Fact]
    public void A_wrong_scalar_type_is_located_at_the_value()
    {
        var yaml = WithCapability("sql: select 1\nparams:\n  id: {type: integer, minimum: one}");
        var error = Error(yaml);
        Assert.Equal("capabilities.get_customer.params.id.minimum", error.FieldPath);
        Assert.Equal(LineOf(yaml, "minimum: one"), error.Line);
        Assert.Equal("param.minimum must be an integer", error.Reason);
        Assert.DoesNotContain("one", error.Explanation.Replace(FileName, "", StringComparison.Ordinal).Replace("write a whole number", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void A_lint_error_keeps_its_message_and_gains_the_location_of_its_field()
    {
        var yaml = File(extra: "logging:\n  max_files: 2\n  max_size: lots");
        var error = Error(yaml);
        Assert.Equal(ConfigurationErrorClass.Lint, error.Class);
        Assert.Equal("logging.max_size is invalid", error.PublicMessage);
        Assert.Equal(LineOf(yaml, "max_size:"), error.Line);
        Assert.Equal($"logging.max_size is invalid ({FileName}:{error.Line}:3)", error.Explanation);
        Assert.DoesNotContain("lots", error.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_capability_lint_error_is_found_below_capabilities()
    {
        var yaml = WithCapability("sql: select 1\npolicy:\n  max_rows: 0");
        var error = Error(yaml);
        Assert.Equal("get_customer.policy.max_rows must be > 0", error.PublicMessage);
        Assert.Equal(LineOf(yaml, "max_rows: 0"), error.Line);
    }

    [Fact]
    public void A_sequence_item_is_named_by_its_index()
    {
        var yaml = WithCapability("sql: select 1\nexamples:\n  - params: {}\n  - other: 1");
        var error = Error(yaml);
        Assert.Equal("capabilities.get_customer.examples[1].other", error.FieldPath);
    }

    [Fact]
    public void A_syntax_error_has_a_line_and_column_and_no_field()
    {
        var error = Error("gateway:\n  url: \"unterminated\n");
        Assert.NotNull(error.Line);
        Assert.Null(error.FieldPath);
        Assert.StartsWith("yaml: syntax error at line", error.Reason, StringComparison.Ordinal);
        Assert.Equal("check the indentation and quoting on that line or the one before it", error.Fix);
    }

    [Fact]
    public void Text_without_a_file_has_no_location()
    {
        var result = CapabilityFileLoader.LoadText("runtime: {max_concurrent_request: 4}", "/etc/onprest");
        Assert.Null(result.Error!.Location);
        Assert.Equal("capability configuration is invalid: runtime.max_concurrent_request: field max_concurrent_request not found in runtime definition; did you mean max_concurrent_requests?", result.Error.Explanation);
    }
}
