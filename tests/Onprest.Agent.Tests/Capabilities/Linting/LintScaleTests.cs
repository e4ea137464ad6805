using System.Text;
using static Onprest.Agent.Tests.Capabilities.CapabilityYaml;

namespace Onprest.Agent.Tests.Capabilities.Linting;

/// <summary>Large but legal files: everything within the limits loads, in name order.</summary>
public sealed class LintScaleTests
{
    [Fact]
    public void Two_thousand_capabilities_load_in_ordinal_name_order()
    {
        var yaml = new StringBuilder("capabilities:\n");
        for (var i = 1999; i >= 0; i--)
        {
            yaml.Append("  cap").Append(i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)).Append(": {sql: select :p, params: {p: {type: integer}}}\n");
        }

        var result = Load(File(yaml.ToString()));
        Assert.True(result.IsValid, result.Error?.Detail);
        var names = result.Configuration.Capabilities.Select(c => c.Name).ToList();
        Assert.Equal(2000, names.Count);
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public void Sql_of_most_of_a_mebibyte_is_linted()
    {
        var sql = "select id from t where id in (" + string.Join(", ", Enumerable.Range(0, 100_000).Select(i => ":p")) + ")";
        var result = Load(WithCapability("sql: \"" + sql + "\"\nparams: {p: {type: integer}}"));
        Assert.True(result.IsValid, result.Error?.Detail);
        Assert.Equal(100_000, result.Configuration.Capabilities[0].Prepared.ParameterNames.Count);
    }

    [Fact]
    public void Huge_unterminated_comment_is_one_statement_of_no_operation()
    {
        var sql = "/* " + new string('x', 900_000);
        Assert.Equal("get_customer.sql operation is not supported", LintMessage(WithCapability("sql: \"" + sql + "\"")));
    }

    [Fact]
    public void Long_example_lists_are_validated_in_order()
    {
        var examples = string.Join("\n", Enumerable.Range(0, 2000).Select(i => "  - params: {id: " + (i == 1500 ? "x" : i.ToString(System.Globalization.CultureInfo.InvariantCulture)) + "}"));
        var message = LintMessage(WithCapability("sql: select 1\nparams: {id: {type: integer}}\nexamples:\n" + examples));
        Assert.Equal("get_customer.examples[1500].params: id: must be integer", message);
    }
}
